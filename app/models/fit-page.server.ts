import type { FitVerdict } from "~/domain/capacity";
import type { ChartView } from "~/domain/charts";
import { fitChart, fitFigures, methodFitChart } from "~/domain/fit-charts";
import {
  approvedStartWords,
  farAheadWords,
  lateStartWords,
  planVerdict,
  searchFromWords,
  searchWindow,
  shortfallsByRole,
  startsApartWords,
  tightByRole,
} from "~/domain/fit-words";
import { planName } from "~/domain/method-variants";
import { METHOD_LABELS, METHODS, type Method } from "~/domain/methods";
import { heatmapView } from "~/domain/resource-fit";
import type { Actor } from "~/domain/roles";
import { bindingDeadline, timeCheckShown, timeLimits } from "~/domain/timeline-constraints";
import { startSettled } from "~/domain/workflow";
import { drawChart } from "~/lib/chart-svg.server";
import { currentDay, currentMonth } from "~/services/clock.server";
import { getStaffRoles } from "~/services/templates.server";
import { getEngagementForStaff } from "./engagements.server";
import { getFitView } from "./fit.server";
import { getBudgetView } from "./pricing.server";

const SHORTFALLS_SHOWN = 3;
const described = (s: { role: string; month: string; description: string }) => ({ role: s.role, month: s.month, description: s.description });

/**
 * What the Fit page shows, and only that: the searches behind it produce far more (every cell of every
 * what-if). Read here rather than in the route module, so the page's script imports one server module
 * for it and none of the rules it is worked out with (docs/decisions/0040).
 */
export function fitPage(user: Actor, id: number) {
  const { perMethod, methodCharts, plan, ...view } = getFitView(user, id, currentMonth());
  // The months each search for a start tried: from the desired start (the plan's own start for the plan).
  const methodsSearched = searchWindow(view.today, view.inputs.start.slice(0, 7));
  const planSearched = plan ? searchWindow(view.today, plan.start) : null;
  const roles = getStaffRoles().roles;
  const engagement = getEngagementForStaff(user, id);
  const budget = getBudgetView(user, id, currentMonth(), engagement.canEdit);
  const approved = startSettled(engagement.stage);
  // A start too late for the partner's time is said against the deadline that binds: theirs, or the aim's date.
  const deadline = bindingDeadline(timeLimits(view.inputs));
  return {
    id,
    budget,
    // The day an exchange rate's date starts from (docs/domain.md §8.7).
    rateDay: currentDay(),
    ...view,
    deadline,
    approved,
    methodsSearched,
    methodsFrom: searchFromWords(view.inputs.start.slice(0, 7), methodsSearched, "the desired start"),
    farAhead: farAheadWords(view.inputs.start.slice(0, 7), methodsSearched),
    perMethod: Object.fromEntries(
      METHODS.map((m) => {
        const f = perMethod[m];
        const c = methodCharts[m];
        return [
          m,
          {
            // A small picture of the method's tightest role, and the same figures as a table beneath it.
            chart: c
              ? {
                  id: `fit-method-${m}`,
                  svg: drawChart(
                    methodFitChart({ key: m, label: METHOD_LABELS[m] }, c.row, f.earliestStart, c.desiredStart, methodsSearched, approved, {
                      short: f.shortfalls.length,
                      tight: f.tightSpots.length,
                    })
                  ),
                  href: `/engagements/${id}/fit/methods/${m}/{format}`,
                  role: c.row.label,
                  figures: fitFigures(c.row),
                }
              : null,
            verdict: f.verdict,
            summary: f.summary,
            earliestStart: f.earliestStart,
            earlierStart: f.earlierStart,
            tooLate: f.earliestStart && f.earliestTooLate ? lateStartWords(deadline, f.earliestStart, methodsSearched, f.tooLongFromFirst) : null,
            shortfalls: f.shortfalls.slice(0, SHORTFALLS_SHOWN).map(described),
            moreShortfalls: Math.max(0, f.shortfalls.length - SHORTFALLS_SHOWN),
          },
        ];
      })
    ) as Record<
      Method,
      {
        chart: (ChartView & { role: string; figures: ReturnType<typeof fitFigures> }) | null;
        verdict: FitVerdict;
        summary: string;
        earliestStart: string | null;
        earlierStart: string | null;
        tooLate: string | null;
        shortfalls: ReturnType<typeof described>[];
        moreShortfalls: number;
      }
    >,
    plan: plan
      ? {
          method: plan.method,
          basis: plan.basis,
          assessment: { verdict: plan.assessment.verdict, summary: plan.assessment.summary },
          verdict: planVerdict(plan.assessment.verdict, plan.timeCheck.holds),
          searched: planSearched!,
          searchedFrom: searchFromWords(plan.start, planSearched!, "its start"),
          approvedStart: approved ? approvedStartWords(plan.start) : null,
          farAhead: farAheadWords(plan.start, planSearched!),
          shortfallsByRole: shortfallsByRole(plan.assessment.shortfalls, roles).map((r) => ({ role: r.role, description: r.description })),
          // Why each tight month is tight, one line per role, beside the verdict that counts them (the heatmap and charts mark them "Tight").
          tight: plan.assessment.tightSpots.length ? { heading: "Why months are tight", byRole: tightByRole(plan.assessment.tightSpots, roles) } : null,
          earliestStart: plan.earliestStart,
          earlierStart: plan.earlierStart,
          tooLate: plan.earliestStart && plan.earliestTooLate ? lateStartWords(deadline, plan.earliestStart, planSearched!, plan.tooLongFromFirst) : null,
          // The plan's search and its method's template search are told apart when they disagree; a small request's form of the
          // method is not its method's template, so there is nothing to tell apart.
          startsApart: plan.variant ? null : startsApartWords(perMethod[plan.method].earliestStart, plan.earliestStart, methodsSearched),
          joining: plan.joining,
          // A small request's form of the method is named as such, not as the full method (docs/domain.md §2.5).
          name: planName(plan.method, plan.variant),
          timeCheck: timeCheckShown(plan.timeCheck),
          whatIfs: { summary: plan.whatIfs.summary },
          heatmap: heatmapView(plan.heatmap),
          // One small picture per role, drawn here from the heatmap's own cells.
          charts: plan.heatmap.rows
            .filter((r) => r.cells.some((c) => c.needed > 0))
            .map((r) => ({
              id: `fit-${r.role}`,
              svg: drawChart(fitChart(r, plan.earliestStart, planSearched!, "fit", plan.joining, approved)),
              href: `/engagements/${id}/fit/charts/${encodeURIComponent(r.role)}/{format}`,
            })),
          cost: { description: plan.cost.description, currency: plan.cost.currency, total: plan.cost.total, lines: plan.cost.lines },
          sizing: plan.sizing,
        }
      : null,
  };
}
