/*
 * The reference for whether each method keeps the partner's time at the desired start (docs/domain.md
 * §2.2): each method's timeline generated afresh, without kept layouts, and judged as its own.
 */
import { monthOf } from "~/domain/calendar";
import type { PartnerTimeFit } from "~/domain/method-recommendation";
import { METHODS } from "~/domain/methods";
import { bindingDeadline, deadlinePointOf, hasLimits, keepsTime, partnerTime, timeLimits } from "~/domain/timeline-constraints";
import { generateTimeline, methodLengths } from "~/domain/timeline-generate";
import { generateOptions, type PlanningInputs } from "~/domain/planning-inputs";
import { getTimelineTemplates } from "~/services/templates.server";

export function referenceTimes(inputs: PlanningInputs): PartnerTimeFit {
  const templates = getTimelineTemplates();
  const limits = timeLimits(inputs);
  const methods: PartnerTimeFit["methods"] = {};
  const months = partnerTime(limits, monthOf(inputs.start)).months;
  for (const m of METHODS) {
    const generated = generateTimeline(templates[m], generateOptions(inputs));
    const span = templates[m].durationRange.minMonths;
    methods[m] = {
      keeps: !hasLimits(limits) || keepsTime(generated, limits),
      fits: months === null || span <= months,
      minMonths: Math.round(methodLengths([templates[m]], inputs.teams)[0]!.minMonths),
      spanMonths: span,
      leadMonths: Math.round(methodLengths([templates[m]], inputs.teams)[0]!.leadMonths ?? 0),
      ...(hasLimits(limits) ? { deadlinePoint: deadlinePointOf(generated) } : {}),
    };
  }
  return { methods, words: partnerTime(limits, monthOf(inputs.start)).words, deadline: bindingDeadline(limits), teams: inputs.teams };
}
