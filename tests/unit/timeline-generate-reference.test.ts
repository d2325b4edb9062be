import { describe, expect, it } from "vitest";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import joinJson from "../../docs-templates/timelines/join_open_collaborative.json";
import shortJson from "../../docs-templates/timelines/short_tailored.json";
import tailoredJson from "../../docs-templates/timelines/tailored.json";
import { addMonthsToMonth } from "~/domain/calendar";
import { TimelineTemplateSchema } from "~/domain/timeline";
import { generateTimeline, generateTimelineToRead, type GenerateOptions } from "~/domain/timeline-generate";
import { generateTimelineReference } from "../reference/timeline-generate";

const templates = [collaborativeJson, campaignJson, tailoredJson, joinJson, shortJson].map((t) => TimelineTemplateSchema.parse(t));

/** The partner's time as managers set it: none, a horizon, a hard deadline, an aim date, and a mix. */
const TIMES: Omit<GenerateOptions, "start">[] = [
  {},
  { horizonMonths: 12 },
  { hardDeadline: "2028-03-31" },
  { aimBy: "2027-11" },
  { horizonMonths: 30, aimBy: "2028-06" },
];

function outcome(generate: typeof generateTimeline, template: (typeof templates)[number], options: GenerateOptions): unknown {
  try {
    return generate(template, options);
  } catch (e) {
    return { refused: (e as Error).message };
  }
}

describe("timeline generation on day numbers", () => {
  it("lays out every template exactly as the straightforward way does: each start over thirteen months, team counts, holiday calendars and the partner's time", () => {
    let compared = 0;
    for (const template of templates) {
      for (let m = 0; m < 13; m++) {
        const start = addMonthsToMonth("2026-11", m);
        for (const teams of [1, 45]) {
          for (const country of [null, "GB", "AU"]) {
            for (const time of TIMES) {
              const options = { start, teams, country, ...time };
              expect(outcome(generateTimeline, template, options), `${template.method} ${JSON.stringify(options)}`).toEqual(
                outcome(generateTimelineReference, template, options)
              );
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBe(5 * 13 * 2 * 3 * 5);
  });

  it("finds the longest span that keeps the partner's time, trying each month in turn finding the same: horizons, deadlines and aims from tight to loose", () => {
    const limits: Omit<GenerateOptions, "start">[] = [
      ...[4, 6, 8, 10, 13, 16, 20, 24, 30, 36].map((horizonMonths) => ({ horizonMonths })),
      ...["2027-06-30", "2027-10-15", "2028-01-31", "2028-09-30"].map((hardDeadline) => ({ hardDeadline })),
      ...["2027-05", "2027-09", "2028-02"].map((aimBy) => ({ aimBy })),
      { horizonMonths: 14, hardDeadline: "2028-02-29" },
    ];
    let compared = 0;
    let shortened = 0;
    for (const template of templates) {
      for (const start of ["2026-11", "2027-02", "2027-07"]) {
        for (const teams of [2, 30]) {
          for (const time of limits) {
            const options = { start, teams, country: "GB", ...time };
            const fast = outcome(generateTimeline, template, options);
            expect(fast, `${template.method} ${JSON.stringify(options)}`).toEqual(outcome(generateTimelineReference, template, options));
            const span = (fast as { span?: { months: number } }).span;
            if (span && span.months < (template.durationRange.fill === "available" ? template.durationRange.maxMonths : template.durationRange.defaultMonths))
              shortened++;
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(5 * 3 * 2 * 18);
    // Most of these limits bind: the spans compared are shortened, not only the longest.
    expect(shortened).toBeGreaterThan(compared / 3);
  });

  it("starts on a given day and in a month of holidays the same way", () => {
    for (const template of templates) {
      for (const start of ["2026-12-24", "2027-04-02", "2027-12-27", "2028-02-29"]) {
        for (const country of ["GB", "US", "IE", "CA", "NZ"]) {
          const options = { start, country, teams: 8 };
          expect(outcome(generateTimeline, template, options)).toEqual(outcome(generateTimelineReference, template, options));
        }
      }
    }
  });

  it("gives the same timeline for every number of teams, whichever layouts were kept before: layouts are shared by team counts that make the same waves", () => {
    for (const template of templates) {
      for (const teams of [1, 2, 3, 5, 8, 13, 21, 34, 55, 3, 1]) {
        for (const time of [{}, { hardDeadline: "2028-03-31" }]) {
          const options = { start: "2027-05", teams, country: "GB", ...time };
          const reference = outcome(generateTimelineReference, template, options);
          expect(outcome(generateTimeline, template, options), `${template.method} ${JSON.stringify(options)}`).toEqual(reference);
          expect(outcome(generateTimelineToRead, template, options), `${template.method} ${JSON.stringify(options)}`).toEqual(reference);
        }
      }
    }
  });

  it("hands each caller a timeline of its own; the one to read only cannot be changed", () => {
    const [template] = templates;
    const options = { start: "2027-03", teams: 6, country: "GB" };
    const first = generateTimeline(template, options);
    first.items[0].start = "2020-01-01";
    first.items[0].roleTags.push("changed");
    first.items[1].dependencies.push({ on: first.items[0].id, lagDays: 99 });
    first.span.months = 99;
    const again = generateTimeline(template, options);
    expect(again).toEqual(generateTimelineReference(template, options));
    expect(again.items[0].start).not.toBe("2020-01-01");

    const shared = generateTimelineToRead(template, options);
    expect(shared).toEqual(generateTimelineReference(template, options));
    expect(() => {
      shared.items[0].start = "2020-01-01";
    }).toThrow(TypeError);
    expect(() => shared.items[0].roleTags.push("changed")).toThrow(TypeError);
    expect(generateTimeline(template, options)).toEqual(generateTimelineReference(template, options));
  });
});

describe("the year-end break", () => {
  it("holds no generated event between 24 December and 1 January, for any template, start month, team count or country, however the dates fall", () => {
    let events = 0;
    let moved = 0;
    for (const template of templates) {
      for (let m = 0; m < 24; m++) {
        const start = addMonthsToMonth("2026-11", m);
        for (const teams of [1, 45]) {
          for (const country of [null, "GB", "US", "AU"]) {
            const timeline = generateTimeline(template, { start, teams, country });
            for (const item of timeline.items.filter((i) => i.kind === "event" && !i.alongside)) {
              events++;
              const days = [item.start, item.end].map((d) => d.slice(5));
              expect(
                days.some((d) => d >= "12-24" || d === "01-01"),
                `${template.method} from ${start}, ${teams} teams, ${country}: ${item.label} ${item.start}–${item.end}`
              ).toBe(false);
              if (/^01-0[2-9]$/.test(days[0]!)) moved++;
            }
          }
        }
      }
    }
    expect(events).toBeGreaterThan(1000);
    // Some events did fall where the break is and now open the new year: the rule is exercised, not vacuous.
    expect(moved).toBeGreaterThan(0);
  });
});
