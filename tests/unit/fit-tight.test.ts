/**
 * Why a month is tight, where the Fit page marks it so (docs/domain.md §8.3): in the figures beneath a
 * method's chart, the chart's mark and its CSV, the plan's heatmap cell and a line per role beside the
 * plan's verdict. Two reasons: other engagements' tentative bookings would take what is needed, or too
 * little of the role's capacity would be left to spare.
 */
import { describe, expect, it } from "vitest";
import staffRolesJson from "../../docs-templates/staff-roles.json";
import { capacityByRoleMonth, type Booking, type StaffMember } from "~/domain/capacity";
import { chartCsv } from "~/domain/charts";
import type { DemandEntry } from "~/domain/demand";
import { fitChart, fitFigures } from "~/domain/fit-charts";
import { searchWindow, tightByRole } from "~/domain/fit-words";
import { assessFit, heatmap } from "~/domain/resource-fit";
import { StaffRolesSchema } from "~/domain/roster-forms";

const { roles } = StaffRolesSchema.parse(staffRolesJson);
const staff = (id: number, role: string): StaffMember => ({ id, name: `P${id}`, role, fte: 1 });
const roster = [staff(1, "faculty"), staff(2, "faculty"), staff(3, "faculty"), staff(4, "faculty"), staff(5, "improvement_advisor")];
const need = (role: string, month: string, fte: number): DemandEntry => ({ role, month, fte, days: fte * 20, reasons: [] });
const months = ["2028-03", "2028-04"];
// Faculty: 4 FTE, 4.1 free after confirmed bookings is the brief's March 2028; here other engagements hold
// 2.14 FTE of it tentatively, so 1.86 would be free if they go ahead, where the plan needs 2.
const booked: Booking[] = [{ engagementId: 9, role: "faculty", from: "2028-03", to: "2028-03", fte: 2.14, status: "tentative" }];
const demand = [need("faculty", "2028-03", 2), need("improvement_advisor", "2028-04", 0.95)];
const capacity = capacityByRoleMonth(roster, booked, months);

describe("a tight month", () => {
  const rows = heatmap(demand, capacity, { roles, months }).rows;
  const faculty = rows.find((r) => r.role === "faculty")!;
  const advisor = rows.find((r) => r.role === "improvement_advisor")!;

  it("says why beneath the chart, in its mark and in the chart's CSV, as each reason has it", () => {
    expect(fitFigures(faculty)[0]).toMatchObject({ needed: 2, free: 4, short: 0, tight: "1.86 free if tentative bookings go ahead" });
    expect(fitFigures(advisor)[1]).toMatchObject({ needed: 0.95, tight: "only 5% to spare" });
    expect(chartCsv(fitChart(advisor, null, searchWindow("2028-03", "2028-04"), "fit"))).toContain(
      'Apr 2028,0.95,1,"tight: only 5% of the role\'s capacity left to spare once tentative bookings go ahead, under 10%"'
    );
    expect(fitFigures(faculty)[1]!.tight).toBeNull();
    const csv = chartCsv(fitChart(faculty, null, searchWindow("2028-03", "2028-04"), "fit"));
    expect(csv).toContain("Mar 2028,2,4,tight: 1.86 FTE free if other engagements' tentative bookings go ahead");
  });

  it("says why in the heatmap cell's words, the thin margin too", () => {
    expect(faculty.cells[0]!.label).toBe("Tight: needs 2 FTE, 4 free, 1.86 if tentative bookings go ahead");
    expect(advisor.cells[1]!.label).toBe("Tight: needs 0.95 of 1 FTE free, leaving under 10% of the role's capacity to spare");
  });

  it("is listed one line per role beside the plan's verdict, with why", () => {
    const spots = assessFit(demand, capacity, { roles }).tightSpots;
    expect(tightByRole(spots, roles)).toEqual([
      { role: "faculty", description: "Faculty in March 2028 fit only if tentative bookings do not go ahead (2 FTE needed, 1.86 free if they go ahead)" },
      {
        role: "improvement_advisor",
        description: "Improvement advisors in April 2028 fit with only 5% of their capacity to spare (0.95 FTE needed of 1 free)",
      },
    ]);
    // Several months of one role are said together: the runs of months, and the least left free, or how many months are tight for each reason.
    const longer = capacityByRoleMonth(roster, [...booked, { ...booked[0]!, from: "2028-04", to: "2028-05", fte: 2.5 }], ["2028-03", "2028-04", "2028-05"]);
    const spotsWhen = (later: number) =>
      assessFit([need("faculty", "2028-03", 2), need("faculty", "2028-04", later), need("faculty", "2028-05", later)], longer, { roles }).tightSpots;
    expect(tightByRole(spotsWhen(1.6), roles)).toEqual([
      {
        role: "faculty",
        description:
          "Faculty in 3 months, March 2028 to May 2028, fit only if other engagements' tentative bookings do not go ahead: as little as 1.5 FTE free if they do, against up to 2 needed",
      },
    ]);
    expect(tightByRole(spotsWhen(1.4), roles)[0]!.description).toBe(
      "Faculty in 3 months, March 2028 to May 2028, fit only if other engagements' tentative bookings do not go ahead (1 month): as little as 1.86 FTE free if they do, against up to 2 needed; or with less than 10% of their capacity to spare (2 months)"
    );
  });
});
