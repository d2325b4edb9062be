/*
 * The forms of a method offered to a small request (docs/domain.md §2.5), as pages name them. Kept
 * apart from small-requests.ts, which plans with the timeline model (and its zod schemas), so that a
 * page naming a variant does not bring zod to the browser.
 */

export const METHOD_VARIANTS = ["join_open_collaborative", "short_tailored"] as const;
export type MethodVariant = (typeof METHOD_VARIANTS)[number];

export const VARIANT_LABELS: Record<MethodVariant, string> = {
  join_open_collaborative: "Joining an open collaborative",
  short_tailored: "Short tailored engagement",
};
