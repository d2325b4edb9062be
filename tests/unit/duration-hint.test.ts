import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import campaignJson from "../../docs-templates/timelines/campaign.json";
import { SectionFields } from "~/components/intake-fields";
import { calendarMonths, addDays } from "~/domain/calendar";
import { formState } from "~/lib/forms";
import { keepsTime, timeLimits } from "~/domain/timeline-constraints";
import { TimelineTemplateSchema, timelineEnd, timelineStart } from "~/domain/timeline";
import { generateTimeline } from "~/domain/timeline-generate";

/*
 * What the longest duration counts, said where it is typed (docs/domain.md §8.6): the months from the
 * desired start to the end of all the work, preparation and follow-up included, as the Timeline and Fit
 * pages judge it, in words that name no method.
 */

const scale = (audience: "staff" | "partner") =>
  renderToStaticMarkup(createElement(SectionFields, { section: "scale", state: formState(undefined), saved: {}, priorities: [], rows: 0, audience }));

describe("the longest duration", () => {
  it("says beside the field what to type, for every method alike, on our page and the partner's", () => {
    const hint = "Months from the desired start to the end of all the work, preparation and follow-up included.";
    for (const page of [scale("staff"), scale("partner")]) {
      expect(page).toContain(hint);
      // No method is chosen while the intake is filled in: the hint speaks of none.
      expect(page).not.toMatch(/campaign|collaborative|launch/i);
    }
  });

  it("is what the time check counts: a campaign of 18 months from launch keeps a duration of its whole plan, not of 18 months", () => {
    const campaign = TimelineTemplateSchema.parse(campaignJson);
    // Desired start March 2027; the launch after the design, the deadline 18 months after the launch.
    const plan = generateTimeline(campaign, { start: "2027-03", teams: 3000, hardDeadline: "2029-01-31" });
    const launch = plan.items.find((i) => i.id === plan.span.from)!;
    expect(launch.start > timelineStart(plan)).toBe(true);
    const whole = Math.ceil(calendarMonths(timelineStart(plan), addDays(timelineEnd(plan), 1)));
    expect(whole).toBeGreaterThan(18);
    expect(keepsTime(plan, timeLimits({ horizonMonths: 18, hardDeadline: "2029-01-31" }))).toBe(false);
    expect(keepsTime(plan, timeLimits({ horizonMonths: whole, hardDeadline: "2029-01-31" }))).toBe(true);
  });
});
