/*
 * The forms of a method offered to a small request (docs/domain.md §2.5), as pages name them. Kept
 * apart from small-requests.ts, which plans with the timeline model (and its zod schemas), so that a
 * page naming a variant does not bring zod to the browser.
 */

import type { Method } from "./methods";

export const METHOD_VARIANTS = ["join_open_collaborative", "short_tailored"] as const;
export type MethodVariant = (typeof METHOD_VARIANTS)[number];

export const VARIANT_LABELS: Record<MethodVariant, string> = {
  join_open_collaborative: "Joining an open collaborative",
  short_tailored: "Short tailored engagement",
};

/** The method each variant is a form of: readiness and the proposal's wording follow it; demand follows the variant's own rules where it has them (docs/domain.md §8.2). */
export const VARIANT_METHOD: Record<MethodVariant, Method> = {
  join_open_collaborative: "collaborative",
  short_tailored: "tailored",
};
