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
 * What the longest duration counts, said where it is typed (docs/domain.md §8.6): the whole plan from
 * the desired start, a campaign's design before its launch and its sustain period after its deadline
 * included, as the Timeline and Fit pages judge it; a campaign's months from launch to deadline are its
 * hard deadline.
 */

const scale = (audience: "staff" | "partner") =>
  renderToStaticMarkup(createElement(SectionFields, { section: "scale", state: formState(undefined), saved: {}, priorities: [], rows: 0, audience }));

describe("the longest duration", () => {
  it("says beside the field that it counts the whole plan, a campaign's design and sustain period included, on our page and the partner's", () => {
    expect(scale("staff")).toContain(
      "From the desired start to the end of the whole plan, its preparation included: a campaign&#x27;s design before its launch and its sustain period after the deadline count too. For a campaign of 18 months from launch, give the deadline as the hard deadline."
    );
    expect(scale("partner")).toContain("From the desired start to the end of the whole plan");
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
