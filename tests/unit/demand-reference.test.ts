import { describe, expect, it } from "vitest";
import demandJson from "../../docs-templates/demand-parameters.json";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import joinJson from "../../docs-templates/timelines/join_open_collaborative.json";
import shortJson from "../../docs-templates/timelines/short_tailored.json";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import { addDays, addMonthsToMonth } from "~/domain/calendar";
import { computeDemand, demandParametersFor, DemandParametersSchema } from "~/domain/demand";
import type { MethodVariant } from "~/domain/method-variants";
import { TimelineTemplateSchema, type Timeline } from "~/domain/timeline";
import { generateTimeline, generateTimelineToRead } from "~/domain/timeline-generate";
import { computeDemand as computeDemandReference } from "../reference/demand";

const params = DemandParametersSchema.parse(demandJson);
const plans: { template: ReturnType<typeof TimelineTemplateSchema.parse>; variant: MethodVariant | null }[] = [
  { template: TimelineTemplateSchema.parse(collaborativeJson), variant: null },
  { template: TimelineTemplateSchema.parse(campaignJson), variant: null },
  { template: TimelineTemplateSchema.parse(tailoredJson), variant: null },
  { template: TimelineTemplateSchema.parse(joinJson), variant: "join_open_collaborative" },
  { template: TimelineTemplateSchema.parse(shortJson), variant: "short_tailored" },
];

/** A manager's edits: every event a month and a half later, and the first phase ending mid-month a few days early. */
function edited(timeline: Timeline): Timeline {
  const firstPhase = timeline.items.find((i) => i.kind === "phase");
  return {
    ...timeline,
    items: timeline.items.map((i) =>
      i.kind === "event"
        ? { ...i, start: addDays(i.start, 45), end: addDays(i.end, 45) }
        : i === firstPhase && i.end > addDays(i.start, 20)
        ? { ...i, end: addDays(i.end, -17) }
        : i
    ),
  };
}

describe("staff demand on month and day numbers", () => {
  it("gives every cell, figure and reason the straightforward way does, to the last bit: each method and variant, starts over thirteen months, team counts, holiday calendars and edited timelines", () => {
    let compared = 0;
    for (const { template, variant } of plans) {
      for (let m = 0; m < 13; m++) {
        const start = addMonthsToMonth("2027-09", m);
        for (const teams of [1, 12, 45, 130, 400]) {
          for (const country of [null, "GB"]) {
            const generated = generateTimeline(template, { start, teams, country });
            for (const timeline of [generated, edited(generated)]) {
              const scale = { method: template.method, teams, variant };
              for (const reasons of [true, false]) {
                const fast = computeDemand(timeline, scale, params, { reasons });
                const reference = computeDemandReference(timeline, scale, params, { reasons });
                expect(fast.length, `${template.method} ${variant} ${start} ${teams} ${country}`).toBeGreaterThan(0);
                expect(JSON.stringify(fast), `${template.method} ${variant} ${start} ${teams} ${country} reasons ${reasons}`).toBe(JSON.stringify(reference));
                compared++;
              }
            }
          }
        }
      }
    }
    expect(compared).toBe(5 * 13 * 5 * 2 * 2 * 2);
  });

  it("agrees on a full tailored initiative for one organisation (docs/domain.md §5.5): its workstreams counted by the partner's priority areas, its shares of a system's", () => {
    const template = plans[2].template;
    let compared = 0;
    for (const priorityAreas of [0, 1, 2, 5, 7]) {
      const shaped = demandParametersFor(params, { nodePartners: "no" }, { priorityAreas });
      for (const start of ["2027-01", "2027-09", "2028-02"]) {
        const generated = generateTimeline(template, { start, teams: 1, country: "GB" });
        for (const timeline of [generated, edited(generated)])
          for (const reasons of [true, false]) {
            const fast = computeDemand(timeline, { method: "tailored", teams: 1 }, shaped, { reasons });
            const reference = computeDemandReference(timeline, { method: "tailored", teams: 1 }, shaped, { reasons });
            expect(JSON.stringify(fast), `${priorityAreas} ${start} ${reasons}`).toBe(JSON.stringify(reference));
            if (reasons) expect(fast.flatMap((d) => d.reasons).join("\n")).toMatch(/× 0\.25 of a system's share, for one organisation/);
            compared++;
          }
      }
    }
    expect(compared).toBe(5 * 3 * 2 * 2);
  });

  it("agrees on a scale of no teams, and refuses a timeline with no items as it does", () => {
    const timeline = generateTimeline(plans[0].template, { start: "2028-02", teams: 10 });
    const outcome = (compute: typeof computeDemand, t: Timeline, teams: number) => {
      try {
        return JSON.stringify(compute(t, { method: t.method, teams }, params));
      } catch (e) {
        return `refused: ${(e as Error).message}`;
      }
    };
    for (const t of [timeline, { ...timeline, items: [] }])
      for (const teams of [0, -3, 10]) expect(outcome(computeDemand, t, teams)).toBe(outcome(computeDemandReference, t, teams));
    expect(outcome(computeDemand, { ...timeline, items: [] }, 10)).toMatch(/^refused/);
  });

  it("gives the same figures on a shared layout the searches read, asked again at other team counts and with reasons or without", () => {
    let compared = 0;
    for (const { template, variant } of plans) {
      for (const start of ["2027-09", "2028-02"]) {
        // Team counts that share a layout (the same waves) read what demand worked out of it the first time.
        for (const teams of [1, 2, 3, 12, 13, 45, 3, 1]) {
          const shared = generateTimelineToRead(template, { start, teams, country: "GB", hardDeadline: "2029-06-30" });
          const scale = { method: template.method, teams, variant };
          for (const reasons of [false, true]) {
            expect(JSON.stringify(computeDemand(shared, scale, params, { reasons })), `${template.method} ${start} ${teams}`).toBe(
              JSON.stringify(computeDemandReference(shared, scale, params, { reasons }))
            );
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(5 * 2 * 8 * 2);
  });
});
