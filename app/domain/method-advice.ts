import type { Intake } from "./intake";
import { recommendMethod, type PartnerTimeFit } from "./method-recommendation";
import type { MethodWeights } from "./method-weights";
import { METHODS, type Method } from "./methods";
import { assessReadiness, type ReadinessTemplate } from "./readiness";

/**
 * Whether a change to the intake leaves the method decision standing (docs/domain.md §2.6). The
 * manager decided on the advice the Method page gave: the recommendation (ranking, scores, reasons and
 * caveats) and each method's readiness. A change that alters none of it, such as a budget or a
 * baseline figure, does not ask them to decide again; any change to it does. `today` (YYYY-MM) is the
 * month the advice is judged in, the same for both. `timeOf` gives the partner's time for an intake as
 * the Method page judges it (docs/domain.md §2.2): a change that only moves the partner's time, such
 * as the date the aim names, can still change which method is recommended.
 */
export function sameMethodAdvice(
  before: Intake,
  after: Intake,
  weights: MethodWeights,
  readiness: Record<Method, ReadinessTemplate>,
  today: string,
  timeOf?: (intake: Intake) => PartnerTimeFit
): boolean {
  const advice = (intake: Intake) =>
    JSON.stringify({
      recommendation: recommendMethod(intake, weights, { today, time: timeOf?.(intake) }),
      readiness: METHODS.map((m) => assessReadiness(intake, readiness[m])),
    });
  return advice(before) === advice(after);
}
