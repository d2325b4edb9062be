/*
 * The forms of a method offered to a small request (docs/domain.md §2.5), as pages name them. Kept
 * apart from small-requests.ts, which plans with the timeline model (and its zod schemas), so that a
 * page naming a variant does not bring zod to the browser.
 */

import { METHOD_LABELS, type Method } from "./methods";
import { lowerFirst, ofName } from "./text";

/** The fewest teams a collaborative of its own brings together: 12 (docs/domain.md §3.2, [S10]). */
export const COLLABORATIVE_MIN_TEAMS = 12;

/**
 * The most months of the partner's time a request of fewer than 12 teams may give and still be a small
 * request (docs/domain.md §2.5): a short tailored engagement is planned within a year, for a horizon of
 * 6 to 15 months (§2.4). A partner giving more is asking for a programme, not a short engagement.
 */
export const SMALL_REQUEST_MAX_MONTHS = 15;

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

/**
 * What a timeline is the plan of, as its heading names it: a site joining an open collaborative plans
 * only its own part in it ("Ashford Valley Hospital's part in the Sepsis Early Recognition
 * Collaborative"), a short tailored engagement is named as such, and a full method by its name.
 */
export function timelinePlanTitle(methodLabel: string, variant: MethodVariant | null, partner: string, collaborative: string | null): string {
  if (variant === "join_open_collaborative") {
    const part = partner.trim() ? ofName(partner, "part", { capital: true }) : "This site's part";
    return collaborative ? `${part} in the ${collaborative}` : `${part} in the open collaborative it joins`;
  }
  if (variant === "short_tailored") return "Short tailored engagement timeline";
  return `${methodLabel} timeline`;
}

/** What the plan is called in a list or a heading: a small request's form of a method by its own name, else the method's. */
export function planName(method: Method, variant: MethodVariant | null | undefined): string {
  return variant ? VARIANT_LABELS[variant] : METHOD_LABELS[method];
}

/**
 * What a small request is recommended (docs/domain.md §2.5): the forms of a method offered to it, not a
 * collaborative of its own below 12 teams, nor any full method the ranking of the three puts first.
 * Joining is named only while an open collaborative on the partner's topics can take a team.
 */
export function smallRequestRecommended(joinable: number): string {
  return joinable > 0 ? `${VARIANT_LABELS.join_open_collaborative}, or a ${lowerFirst(VARIANT_LABELS.short_tailored)}` : VARIANT_LABELS.short_tailored;
}

/**
 * How a decision stands against the recommendation, said after what was decided: ", as recommended", or
 * " instead of the recommended …", naming the recommendation as the page does (docs/domain.md §2.5). A
 * small request is recommended its offer (`smallRequest`, its words), so any offer taken is as
 * recommended and a method of its own is not, whichever method the offer is a form of; to a request of
 * fewer teams given a programme's time (`fewNotSmall`), the tailored initiative of its own is, and the
 * short engagement is the alternative.
 */
export function decisionAgainst(
  decision: { chosen: Method; variant: MethodVariant | null; recommended: Method },
  now: { smallRequest: string | null; fewNotSmall: boolean }
): string {
  if (takesRecommendation(decision, now.smallRequest !== null)) return ", as recommended";
  if (now.smallRequest) return ` instead of the recommended ${lowerFirst(now.smallRequest)}`;
  if (now.fewNotSmall && decision.variant) return ` instead of the recommended ${METHOD_LABELS[decision.recommended]} of its own`;
  return ` instead of the recommended ${METHOD_LABELS[decision.recommended]}`;
}

/**
 * Whether a decision takes the recommendation (docs/domain.md §2.5): for a small request, any form of a
 * method offered it (its offer is what is recommended, whichever method the form belongs to); for fewer
 * teams given a programme's time, the tailored initiative of its own, not the short engagement; else
 * the recommended method in full. What the decision's words, the Method page's note on our capacity and
 * the proposal's all follow.
 */
export function takesRecommendation(decision: { chosen: Method; variant: MethodVariant | null; recommended: Method }, smallRequest: boolean): boolean {
  if (smallRequest) return decision.variant !== null;
  return decision.chosen === decision.recommended && !decision.variant;
}

const STANDS = "It stands until you record another method here.";

function variantWhat(variant: MethodVariant, joinedTitle: string | null): string {
  return variant === "join_open_collaborative"
    ? `joining ${joinedTitle ? `the ${joinedTitle}` : "an open collaborative"}`
    : lowerFirst(VARIANT_LABELS[variant]);
}

/** What the Method page's decide card offers, given what was decided and what is recommended. */
export type DecideOffer = {
  heading: string;
  /** What stands now, said before anything that would change it; null before any decision. */
  current: string | null;
  /** Taking the recommendation, when it would change anything: the sentence before the button, and the button. */
  accept: { text: string; button: string } | null;
  /** Confirming a decision that needs review and is still the recommendation: no justification is asked for. */
  keep: { text: string; button: string } | null;
  /** The forms that change a decision already made wait behind a "Change the method" disclosure. */
  behindDisclosure: boolean;
};

/**
 * Once a method is decided, the decide card says what was decided and offers a change only on purpose:
 * a small request's form of a method (joining an open collaborative, a short tailored engagement) is
 * never one "Accept recommendation" click from being replaced by the full method the ranking puts
 * first, and accepting a recommendation already accepted is not offered at all. A decision the intake
 * has since put up for review (`stale`, docs/domain.md §2.6) is kept in one click while it is still
 * the recommendation; one that departs from it is kept by recording it again with its justification,
 * so those forms are open.
 */
export function decideOffer(
  decision: { chosen: Method; variant: MethodVariant | null; stale?: boolean; recommendedThen?: Method } | null,
  recommended: Method,
  joinedTitle: string | null,
  smallRequest: string | null = null
): DecideOffer {
  const label = METHOD_LABELS[recommended];
  // A small request is recommended its offer (smallRequestRecommended), taken in the offer's own card:
  // a method of its own is never one "Accept recommendation" click away, only chosen with a justification.
  if (smallRequest) {
    const current = !decision
      ? null
      : decision.variant
      ? `Decided: ${variantWhat(decision.variant, joinedTitle)}. It stands until you record another choice here or in the offer above.`
      : `Decided: ${METHOD_LABELS[decision.chosen]} of its own, in place of the offer recommended for a small request (${lowerFirst(smallRequest)}). ${
          decision.stale ? "The intake changed since: to keep it, record it again with its justification, or record one of the offers above." : STANDS
        }`;
    return {
      heading: decision ? "Change the decision" : "Or plan a method of its own",
      current,
      accept: null,
      keep: null,
      behindDisclosure: decision !== null && !(decision.stale && !decision.variant),
    };
  }
  if (!decision) {
    return {
      heading: "Decide",
      current: null,
      accept: { text: `Accept the recommendation: ${label}.`, button: "Accept recommendation" },
      keep: null,
      behindDisclosure: false,
    };
  }
  if (decision.variant) {
    const what = variantWhat(decision.variant, joinedTitle);
    return {
      heading: "Change the decision",
      current: `Decided: ${what}. It stands until you record another choice here or in the offer above.`,
      accept: {
        text: `Plan a ${label} of its own instead: this replaces ${what}, and the timeline generated for it then needs regenerating.`,
        button: `Replace with a ${label} of its own`,
      },
      keep: null,
      behindDisclosure: true,
    };
  }
  const chosen = METHOD_LABELS[decision.chosen];
  if (decision.chosen === recommended) {
    if (decision.stale) {
      return {
        heading: "Review the decision",
        current:
          decision.recommendedThen && decision.recommendedThen !== decision.chosen
            ? `Decided: ${chosen}, instead of the ${
                METHOD_LABELS[decision.recommendedThen]
              } recommended then. The intake changed since, and ${chosen} is now the recommendation.`
            : `Decided: ${chosen}. The intake changed since; ${chosen} is still the recommendation.`,
        accept: null,
        keep: { text: "Keep it, as recommended: no justification is needed.", button: `Keep ${chosen}` },
        behindDisclosure: true,
      };
    }
    return { heading: "Change the decision", current: `Decided: ${chosen}. ${STANDS}`, accept: null, keep: null, behindDisclosure: true };
  }
  if (decision.stale) {
    return {
      heading: "Review the decision",
      current: `Decided: ${chosen} instead of the recommended ${label}. The intake changed since: to keep ${chosen}, record it again with its justification, or return to the recommendation.`,
      accept: { text: `Return to the recommendation: ${label}.`, button: "Accept recommendation" },
      keep: null,
      behindDisclosure: false,
    };
  }
  return {
    heading: "Change the decision",
    current: `Decided: ${chosen}. ${STANDS}`,
    accept: { text: `Return to the recommendation: ${label}.`, button: "Accept recommendation" },
    keep: null,
    behindDisclosure: true,
  };
}
