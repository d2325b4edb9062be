import { describe, expect, it } from "vitest";
import staffRolesJson from "../../docs-templates/staff-roles.json";
import {
  APPROVALS_SHOWN,
  AT_RISK_SHOWN,
  listedPipeline,
  rankApprovals,
  rankAtRisk,
  type RiskKind,
  capacityRisks,
  monthWindow,
  pipeline,
  amendmentsNote,
  bookedWords,
  portfolioCapacity,
  riskReasons,
  RISK_KIND_LABELS,
  type PortfolioCapacity,
  versionRiskFacts,
  titleOrderOf,
  standingRiskReasons,
  waitingRiskReasons,
  mayWait,
} from "~/domain/portfolio";
import { StaffRolesSchema } from "~/domain/roster-forms";
import type { Booking, StaffMember } from "~/domain/capacity";
import { listsLink } from "~/components/portfolio/lists-link";

const NBSP = "\u00a0";

const { roles } = StaffRolesSchema.parse(staffRolesJson);

const person = (id: number, role: string, fte: number, extra: Partial<StaffMember> = {}): StaffMember => ({ id, name: `Person ${id}`, role, fte, ...extra });
const booking = (engagementId: number, role: string, month: string, fte: number, status: Booking["status"]): Booking => ({
  engagementId,
  role,
  from: month,
  to: month,
  fte,
  status,
});
const cell = (c: PortfolioCapacity, role: string, month: string) => c.rows.find((r) => r.role === role)!.cells.find((x) => x.month === month)!;

describe("the pipeline", () => {
  it("counts engagements per stage and method, with 'not chosen' for those without a method, and totals both ways", () => {
    const p = pipeline([
      { id: 1, stage: "draft", method: null },
      { id: 2, stage: "draft", method: "collaborative" },
      { id: 3, stage: "shared", method: "collaborative" },
      { id: 4, stage: "awaiting_approval", method: "campaign" },
      { id: 5, stage: "approved", method: "tailored" },
      { id: 6, stage: "approved", method: "collaborative" },
    ] as const);
    const row = (stage: string) => p.rows.find((r) => r.stage === stage)!;
    expect(p.rows.map((r) => r.stage)).toEqual(["draft", "shared", "accepted", "changes_requested", "awaiting_approval", "approved", "agreed", "declined"]);
    expect(row("draft").counts).toEqual({ collaborative: 1, campaign: 0, tailored: 0, not_chosen: 1 });
    expect(row("draft").total).toBe(2);
    expect(row("draft").engagements.map((e) => e.id)).toEqual([1, 2]);
    expect(row("approved").counts).toMatchObject({ collaborative: 1, tailored: 1 });
    expect(row("changes_requested").total).toBe(0);
    expect(row("declined").engagements).toEqual([]);
    expect(p.totals).toEqual({ collaborative: 3, campaign: 1, tailored: 1, not_chosen: 1 });
    expect(p.total).toBe(6);
  });

  it("counts an amendment at its stage, and says how many there are and where, beside the capacity its approved version keeps", () => {
    const p = pipeline([
      { id: 1, stage: "shared", method: "collaborative", amendment: true },
      { id: 2, stage: "shared", method: "campaign" },
      { id: 3, stage: "awaiting_approval", method: "tailored", amendment: true },
      { id: 4, stage: "approved", method: "tailored" },
    ] as const);
    const row = (stage: string) => p.rows.find((r) => r.stage === stage)!;
    expect(row("shared").total).toBe(2);
    expect(row("shared").amendments).toBe(1);
    expect(row("awaiting_approval").amendments).toBe(1);
    expect(row("approved").total).toBe(1);
    expect(p.amendments).toBe(2);
    expect(amendmentsNote(p)).toBe(
      "2 engagements are amendments to an approved version (1 under “Shared with partner” and 1 under “Awaiting approval”): counted at the amendment's stage, while the approved version stays in force and its bookings stay confirmed in the capacity below."
    );
    expect(amendmentsNote(pipeline([{ id: 5, stage: "approved", method: "campaign" }]))).toBeNull();
  });

  it("counts an approved engagement the partner accepted as agreed, in its own row after the approved ones, and one accepted before it was submitted in its own row after the shared ones", () => {
    const p = pipeline([
      { id: 1, stage: "approved", method: "campaign", standing: "agreed" },
      { id: 2, stage: "approved", method: "campaign", standing: "approved" },
      { id: 3, stage: "approved", method: "tailored", standing: "amendment_in_progress", amendment: true },
      { id: 4, stage: "shared", method: "tailored", standing: "accepted" },
    ] as const);
    const row = (stage: string) => p.rows.find((r) => r.stage === stage)!;
    expect(row("agreed")).toMatchObject({ label: "Agreed", tone: "success", total: 1, counts: { campaign: 1 } });
    expect(row("approved").engagements.map((e) => e.id)).toEqual([2, 3]);
    expect(row("shared").engagements).toEqual([]);
    expect(row("accepted")).toMatchObject({ label: "Accepted by the partner", total: 1, counts: { tailored: 1 } });
    expect(p.rows.map((r) => r.stage).slice(0, 3)).toEqual(["draft", "shared", "accepted"]);
    expect(p.total).toBe(4);
  });

  it("is all zeros for an empty portfolio", () => {
    const p = pipeline([]);
    expect(p.total).toBe(0);
    expect(p.rows.every((r) => r.total === 0)).toBe(true);
  });
});

describe("capacity across all engagements", () => {
  const months = monthWindow("2027-01", 3);
  const roster = [person(1, "faculty", 0.5), person(2, "faculty", 1.0), person(3, "data_analyst", 1.0, { availableFrom: "2027-03" })];

  it("looks ahead month by month from the first month", () => {
    expect(monthWindow("2026-11", 4)).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
  });

  it("keeps confirmed and tentative bookings apart, summing each from every engagement", () => {
    const c = portfolioCapacity(
      roster,
      [
        booking(1, "faculty", "2027-01", 0.3, "confirmed"),
        booking(2, "faculty", "2027-01", 0.2, "confirmed"),
        booking(3, "faculty", "2027-01", 0.4, "tentative"),
      ],
      months,
      roles
    );
    const jan = cell(c, "faculty", "2027-01");
    expect(jan).toMatchObject({ capacity: 1.5, confirmed: 0.5, tentative: 0.4, free: 0.6, utilisation: 60, level: "ok" });
    expect(jan.label).toBe("OK: 0.5 FTE confirmed + 0.4 tentative of 1.5 available");
    expect(cell(c, "faculty", "2027-02")).toMatchObject({ confirmed: 0, tentative: 0, level: "ok" });
    expect(c.bookedConfirmed).toBe(0.5);
    expect(c.bookedTentative).toBe(0.4);
  });

  it("is over when confirmed bookings alone exceed the staff available", () => {
    const c = portfolioCapacity(roster, [booking(1, "faculty", "2027-01", 1.6, "confirmed")], months, roles);
    const jan = cell(c, "faculty", "2027-01");
    expect(jan.level).toBe("over");
    expect(jan.free).toBe(-0.1);
    expect(jan.label).toBe("Over: 1.6 FTE confirmed + 0 tentative of 1.5 available; confirmed bookings alone exceed it by 0.1");
    expect(c.counts).toEqual({ ok: 5, tight: 0, over: 1 });
  });

  it("is tight when only tentative bookings take it over, or when less than 10% is left", () => {
    const c = portfolioCapacity(
      roster,
      [
        booking(1, "faculty", "2027-01", 1.0, "confirmed"),
        booking(2, "faculty", "2027-01", 0.8, "tentative"),
        booking(1, "faculty", "2027-02", 1.4, "confirmed"),
      ],
      months,
      roles
    );
    const jan = cell(c, "faculty", "2027-01");
    expect(jan).toMatchObject({ level: "tight", overIfTentative: true });
    expect(jan.label).toContain("over by 0.3 if the tentative bookings go ahead");
    const feb = cell(c, "faculty", "2027-02");
    expect(feb).toMatchObject({ level: "tight", overIfTentative: false });
    expect(feb.label).toContain("under 10% spare");
  });

  it("shows months in which nobody in a role is available, and any booking then as a problem", () => {
    const c = portfolioCapacity(
      roster,
      [booking(1, "data_analyst", "2027-01", 0.2, "confirmed"), booking(2, "data_analyst", "2027-02", 0.2, "tentative")],
      months,
      roles
    );
    expect(cell(c, "data_analyst", "2027-01")).toMatchObject({ capacity: 0, level: "over", utilisation: null });
    expect(cell(c, "data_analyst", "2027-01").label).toContain("with no one available");
    expect(cell(c, "data_analyst", "2027-02")).toMatchObject({ capacity: 0, level: "tight", overIfTentative: true });
    expect(cell(c, "data_analyst", "2027-03")).toMatchObject({ capacity: 1, level: "ok" });

    const nothing = portfolioCapacity(roster, [], months, roles);
    expect(cell(nothing, "data_analyst", "2027-01")).toMatchObject({ capacity: 0, level: "ok", label: "No one available, nothing booked" });
  });

  it("lists a role that is booked but not on the roster, and orders roles as the staff-roles file does", () => {
    const c = portfolioCapacity(
      roster,
      [
        booking(1, "project_manager", "2027-02", 0.5, "confirmed"),
        booking(1, "zz_unknown", "2027-02", 0.1, "tentative"),
        booking(1, "chair", "2027-02", 0.1, "tentative"),
      ],
      months,
      roles
    );
    expect(c.rows.map((r) => r.role)).toEqual(["chair", "faculty", "project_manager", "data_analyst", "zz_unknown"]);
    expect(c.rows.find((r) => r.role === "project_manager")!.label).toBe("Project manager");
    expect(cell(c, "project_manager", "2027-02")).toMatchObject({ capacity: 0, confirmed: 0.5, level: "over" });
  });

  it("ignores bookings outside the window, spreads a booking over its months, and counts a person's booking against their role", () => {
    const c = portfolioCapacity(
      roster,
      [
        booking(1, "faculty", "2026-12", 1, "confirmed"),
        booking(1, "faculty", "2027-04", 1, "confirmed"),
        { engagementId: 2, role: "faculty", from: "2026-10", to: "2027-02", fte: 0.25, status: "tentative" },
        { engagementId: 3, staffId: 2, from: "2027-03", to: "2027-03", fte: 0.5, status: "confirmed" },
      ],
      months,
      roles
    );
    expect(cell(c, "faculty", "2027-01")).toMatchObject({ confirmed: 0, tentative: 0.25 });
    expect(cell(c, "faculty", "2027-02")).toMatchObject({ confirmed: 0, tentative: 0.25 });
    expect(cell(c, "faculty", "2027-03")).toMatchObject({ confirmed: 0.5, tentative: 0 });
    expect(c.bookedConfirmed).toBe(0.5);
  });

  it("finds each booking's month whatever order the months are given in, and skips a month that is not one", () => {
    const shuffled = ["2027-03", "2027-01", "2027-02"];
    const bookings = [
      booking(1, "faculty", "2027-02", 0.5, "confirmed"),
      booking(1, "faculty", "2027-1", 0.5, "confirmed"),
      booking(1, "faculty", "2O27-01", 0.5, "confirmed"),
    ];
    const c = portfolioCapacity(roster, bookings, shuffled, roles);
    expect(c.rows[0]!.cells.map((x) => [x.month, x.confirmed])).toEqual([
      ["2027-03", 0],
      ["2027-01", 0],
      ["2027-02", 0.5],
    ]);
    expect(cell(portfolioCapacity(roster, bookings, months, roles), "faculty", "2027-01").confirmed).toBe(0);
  });
});

describe("the FTE-months booked over the window, in words", () => {
  it("count in the singular for one and with thousands separated, as the app's other counts do", () => {
    expect(bookedWords({ bookedConfirmed: 1, bookedTentative: 0.5 })).toEqual({ confirmed: "1 FTE-month confirmed", tentative: "0.5 tentative" });
    expect(bookedWords({ bookedConfirmed: 1322.456, bookedTentative: 12040 })).toEqual({
      confirmed: "1,322.5 FTE-months confirmed",
      tentative: "12,040 tentative",
    });
  });

  it("are given to one decimal, as FTE-months are everywhere else", () => {
    expect(bookedWords({ bookedConfirmed: 85.92, bookedTentative: 12.04 })).toEqual({ confirmed: "85.9 FTE-months confirmed", tentative: "12 tentative" });
    expect(bookedWords({ bookedConfirmed: 31.886, bookedTentative: 0 }).confirmed).toBe("31.9 FTE-months confirmed");
  });
});

describe("engagements at risk", () => {
  const months = monthWindow("2027-01", 2);
  const roster = [person(1, "faculty", 1.0)];

  it("flags the engagements booked into a month over capacity, and tentative ones in a month they would take over", () => {
    const bookings = [
      booking(1, "faculty", "2027-01", 0.8, "confirmed"),
      booking(2, "faculty", "2027-01", 0.4, "confirmed"),
      booking(1, "faculty", "2027-02", 0.7, "confirmed"),
      booking(3, "faculty", "2027-02", 0.5, "tentative"),
    ];
    const risks = capacityRisks(portfolioCapacity(roster, bookings, months, roles), bookings);
    expect(risks.get(1)).toEqual([{ role: "faculty", kind: "over", months: ["2027-01"] }]);
    expect(risks.get(2)).toEqual([{ role: "faculty", kind: "over", months: ["2027-01"] }]);
    expect(risks.get(3)).toEqual([{ role: "faculty", kind: "over_if_tentative", months: ["2027-02"] }]);
    expect(riskReasons({ id: 3, stage: "shared", capacity: risks.get(3) }, "2027-01-01T00:00:00Z", { roles })).toEqual([
      { kind: "capacity_if_tentative", text: "Faculty would be over capacity in February 2027 if the tentative bookings go ahead." },
    ]);
  });

  it("reads bookings grouped by engagement, role and status with their months as it reads them one by one", () => {
    const bookings = [
      booking(1, "faculty", "2027-01", 0.8, "confirmed"),
      booking(1, "faculty", "2027-02", 0.7, "confirmed"),
      booking(2, "faculty", "2027-01", 0.4, "confirmed"),
      booking(3, "faculty", "2027-02", 0.5, "tentative"),
      booking(3, "faculty", "2027-01", 0.1, "confirmed"),
    ];
    const capacity = portfolioCapacity(roster, bookings, months, roles);
    const grouped = [
      { engagementId: 1, role: "faculty", status: "confirmed" as const, months: ["2027-02", "2027-01"] },
      { engagementId: 2, role: "faculty", status: "confirmed" as const, months: ["2027-01"] },
      { engagementId: 3, role: "faculty", status: "tentative" as const, months: ["2027-02"] },
      { engagementId: 3, role: "faculty", status: "confirmed" as const, months: ["2027-01"] },
    ];
    const risks = capacityRisks(capacity, grouped);
    expect(risks).toEqual(capacityRisks(capacity, bookings));
    expect(risks.get(3)).toEqual([
      { role: "faculty", kind: "over", months: ["2027-01"] },
      { role: "faculty", kind: "over_if_tentative", months: ["2027-02"] },
    ]);
  });

  it("judges the offer the partner holds while a later version is not yet shared: options named by their lowest fee, the capacity fit the latest's", () => {
    const offer = (number: number, fee: number) => ({ number, fee, currency: "USD", max: 600_000, options: 2 });
    const held = {
      number: 1,
      facts: { aboveBudget: offer(1, 700_000), fitShortfalls: { number: 1, count: 1, first: ["Faculty short by 0.2 FTE in 2027-05"] } },
    };
    const facts = versionRiskFacts({ number: 2, facts: {} }, held);
    // The partner's version's shortfall is history: what would be booked is version 2, which fits.
    expect(facts.fitShortfalls).toBeUndefined();
    expect(riskReasons({ id: 1, stage: "shared", ...facts }, "2027-01-01T00:00:00Z").map((r) => r.text)).toEqual([
      "The partner holds proposal version 1, whose lowest fee, USD\u00a0700,000, is USD\u00a0100,000 above the partner's maximum of USD\u00a0600,000. Version 2 is not yet shared with them.",
    ]);
    // Once version 2 is the one they hold, there is nothing to say of version 1.
    expect(versionRiskFacts({ number: 2, facts: {} }, { number: 2, facts: {} })).toEqual({});
    // A latest version above the budget says so, and which version the partner holds.
    expect(versionRiskFacts({ number: 2, facts: { aboveBudget: offer(2, 650_000) } }, held).aboveBudget).toEqual({ ...offer(2, 650_000), partnerHolds: 1 });
  });

  it("flags nothing when every month fits", () => {
    const bookings = [booking(1, "faculty", "2027-01", 0.5, "confirmed")];
    expect(capacityRisks(portfolioCapacity(roster, bookings, months, roles), bookings).size).toBe(0);
  });

  it("says why: capacity, a fit shortfall, steps to review, a partner or an approval waiting more than 14 days", () => {
    const now = "2027-03-31T12:00:00.000Z";
    const reasons = riskReasons(
      {
        id: 1,
        stage: "changes_requested",
        capacity: [{ role: "improvement_advisor", kind: "over", months: ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05"] }],
        fitShortfalls: {
          number: 2,
          count: 3,
          first: ["Faculty short by 0.2 FTE in 2027-05", "Faculty short by 0.4 FTE in 2027-06", "Chairs short by 0.1 FTE in 2027-06"],
        },
        staleSteps: ["Method", "Timeline"],
        changesRequestedAt: "2027-03-01T09:00:00.000Z",
      },
      now,
      { roles }
    );
    expect(reasons.map((r) => r.kind)).toEqual(["capacity", "fit", "stale_steps", "changes_unanswered"]);
    expect(reasons[0]!.text).toBe(
      "Improvement advisors over capacity in January 2027, February 2027, March 2027 and 2 more months: confirmed bookings already exceed the staff available."
    );
    expect(reasons[1]!.text).toBe(
      "Proposal version 2 did not fit our capacity: Faculty short by 0.2 FTE in May 2027; Faculty short by 0.4 FTE in June 2027; and 1 more shortfall."
    );
    expect(reasons[2]!.text).toBe("Method and Timeline need review: what they rest on has changed.");
    expect(reasons[3]!.text).toBe("The partner asked for changes 30 days ago and has not had a revised version.");

    // Fourteen whole days is not yet more than fourteen.
    expect(riskReasons({ id: 2, stage: "awaiting_approval", approvalWaiting: { number: 3, submittedAt: "2027-03-16T13:00:00.000Z" } }, now)).toEqual([]);
    expect(riskReasons({ id: 2, stage: "awaiting_approval", approvalWaiting: { number: 3, submittedAt: "2027-03-16T11:00:00.000Z" } }, now)).toEqual([
      { kind: "approval_waiting", text: "Proposal version 3 has waited 15 days for leadership approval." },
    ]);
    expect(riskReasons({ id: 3, stage: "changes_requested", changesRequestedAt: "2027-03-25T09:00:00.000Z" }, now)).toEqual([]);
    // A budget that names no currency cannot be checked either; with options, the lowest fee is named.
    expect(
      riskReasons({ id: 4, stage: "shared", budgetUnchecked: { number: 2, fee: 450_000, currency: "USD", budgetCurrency: null, options: 3 } }, now)
    ).toEqual([
      {
        kind: "budget_unchecked",
        text: "Proposal version 2's lowest fee, USD\u00a0450,000, cannot be checked against the partner's budget, which names no currency: no exchange rate is guessed. Ask for the budget in USD.",
      },
    ]);
  });

  it("says when the partner has not accepted a version leadership approved more than 14 days ago, and only of an approved engagement", () => {
    const now = "2027-03-31T12:00:00.000Z";
    const version = { number: 2, accepted: false, latestShared: 2 };
    const approved = (approvedAt: string, stage: "approved" | "awaiting_approval" = "approved", v: Partial<typeof version> = {}) =>
      riskReasons({ id: 4, stage, approvedVersion: { ...version, ...v, approvedAt } }, now);
    expect(approved("2026-12-20T10:00:00.000Z")).toEqual([
      {
        kind: "acceptance_waiting",
        text: "Leadership approved proposal version 2 on 20 December 2026, 101 days ago, and its staff are confirmed, but the partner has not accepted it.",
      },
    ]);
    expect(approved("2027-03-20T10:00:00.000Z")).toEqual([]);
    // A newer version with leadership again: the engagement is no longer approved, and the request waits instead.
    expect(approved("2026-12-20T10:00:00.000Z", "awaiting_approval")).toEqual([]);
    // Accepted, it is agreed; replaced for the partner by a newer version shared since, that one is theirs to answer.
    expect(approved("2026-12-20T10:00:00.000Z", "approved", { accepted: true })).toEqual([]);
    expect(approved("2026-12-20T10:00:00.000Z", "approved", { latestShared: 3 })).toEqual([]);
  });

  it("says when the latest version's lowest fee is above the partner's budget, or its plan past the partner's time", () => {
    const now = "2027-03-31T12:00:00.000Z";
    const one = riskReasons(
      {
        id: 4,
        stage: "shared",
        aboveBudget: { number: 3, fee: 1_250_000, currency: "USD", max: 900_000, options: 0 },
        pastTime: { number: 3, summary: "The plan cannot keep the partner's time: it runs 3 months over the partner's longest duration of 24 months." },
      },
      now
    );
    expect(one).toEqual([
      { kind: "above_budget", text: `Proposal version 3's fee, USD${NBSP}1,250,000, is USD${NBSP}350,000 above the partner's maximum of USD${NBSP}900,000.` },
      {
        kind: "partner_time",
        text: "In proposal version 3, the plan cannot keep the partner's time: it runs 3 months over the partner's longest duration of 24 months.",
      },
    ]);
    const options = riskReasons({ id: 5, stage: "draft", aboveBudget: { number: 1, fee: 950_000, currency: "GBP", max: 900_000, options: 2 } }, now);
    expect(options[0]!.text).toBe(
      `Every fee proposal version 1 offers is above the partner's budget: the lowest, GBP${NBSP}950,000, is GBP${NBSP}50,000 above the partner's maximum of GBP${NBSP}900,000.`
    );
    expect(RISK_KIND_LABELS.above_budget).toBe("Above budget");
    expect(RISK_KIND_LABELS.partner_time).toBe("Past the partner's time");
  });

  it("never flags a declined engagement", () => {
    expect(
      riskReasons({ id: 1, stage: "declined", staleSteps: ["Method"], capacity: [{ role: "faculty", kind: "over", months: ["2027-01"] }] }, "2027-01-01")
    ).toEqual([]);
  });
});

describe("ranking the engagements at risk", () => {
  const reason = (kind: RiskKind) => ({ kind, text: `${kind} reason` });
  const entry = (title: string, ...kinds: RiskKind[]) => ({ title, reasons: kinds.map(reason) });

  it("puts serious reasons first, then more reasons, then the title, and keeps the total when it cuts the list", () => {
    const entries = [
      entry("Delta", "stale_steps", "approval_waiting", "changes_unanswered"),
      entry("Alpha", "capacity_if_tentative"),
      entry("Charlie", "fit"),
      entry("Bravo", "capacity", "stale_steps"),
      ...Array.from({ length: 30 }, (_, i) => entry(`Zulu ${String(i).padStart(2, "0")}`, "stale_steps")),
    ];
    const { shown, total } = rankAtRisk(entries, AT_RISK_SHOWN);
    expect(total).toBe(34);
    expect(shown).toHaveLength(AT_RISK_SHOWN);
    expect(shown.slice(0, 5).map((e) => e.title)).toEqual(["Bravo", "Charlie", "Delta", "Alpha", "Zulu 00"]);
    expect(rankAtRisk(entries, null).shown).toHaveLength(34);
  });

  it("ranks the same by each title's place in title order as by the titles, titles that compare equal kept in the order given", () => {
    const titles = ["Émile", "emile", "Zeta", "alpha", "Alpha", "Ångström", "zeta", "Beta 10", "Beta 9", "Émile"];
    const entries = titles.map((title, id) => ({ id, ...entry(title, ...(id % 3 === 0 ? (["fit"] as RiskKind[]) : ["stale_steps" as RiskKind])) }));
    const order = titleOrderOf(entries);
    const byPlace = rankAtRisk(entries, null, (e) => order.get(e.id)!).shown.map((e) => e.id);
    expect(byPlace).toEqual(rankAtRisk(entries, null).shown.map((e) => e.id));
    // The two "Émile" (ids 0 and 9) keep the order given: the one given first comes first.
    expect(byPlace.indexOf(0)).toBeLessThan(byPlace.indexOf(9));
  });
});

describe("reasons that count days, apart from those that do not", () => {
  const facts = {
    id: 7,
    stage: "changes_requested" as const,
    staleSteps: ["Method"],
    fitShortfalls: { number: 2, count: 1, first: ["Faculty short in March 2027"] },
    changesRequestedAt: "2027-01-01T09:00:00.000Z",
    approvalWaiting: { number: 2, submittedAt: "2027-01-02T09:00:00.000Z" },
  };

  it("together give riskReasons' reasons in its order", () => {
    const now = "2027-02-01T09:00:00.000Z";
    const together = [...standingRiskReasons(facts), ...waitingRiskReasons(facts, now)].map((r) => r.kind);
    expect(together).toEqual(riskReasons(facts, now).map((r) => r.kind));
    expect(together).toEqual(["fit", "stale_steps", "changes_unanswered", "approval_waiting"]);
  });

  it("count days only where something may have waited: an engagement with nothing waiting has none", () => {
    expect(mayWait(facts)).toBe(true);
    expect(mayWait({ ...facts, stage: "declined" })).toBe(false);
    expect(mayWait({ stage: "approved", approvedVersion: { number: 1, approvedAt: "2027-01-01T09:00:00.000Z", accepted: true, latestShared: 1 } })).toBe(false);
    expect(waitingRiskReasons({ id: 7, stage: "draft", staleSteps: ["Method"] }, "2030-01-01T00:00:00.000Z")).toEqual([]);
  });
});

describe("ranking the approvals waiting", () => {
  const DAY = 86_400_000;
  const now = Date.parse("2027-04-01T12:00:00.000Z");
  // Request `id` submitted `days` days before now (and `minutes` earlier still).
  const request = (id: number, days: number, minutes = 0) => ({
    id,
    submittedAt: new Date(now - days * DAY - minutes * 60_000).toISOString(),
    daysWaiting: days,
  });

  it("lists the longest waiting first, the earlier request first when two came in at once, and keeps the totals when it cuts the list", () => {
    const entries = [
      request(1, 3),
      request(2, 40),
      request(3, 15, 30),
      request(5, 15),
      request(4, 15),
      ...Array.from({ length: 30 }, (_, i) => request(100 + i, 1, i)),
    ];
    const { shown, total, overdue } = rankApprovals(entries, APPROVALS_SHOWN);
    expect(APPROVALS_SHOWN).toBe(25);
    expect(total).toBe(35);
    expect(overdue, "waiting more than 14 days: 40, 15 and 15 days, and 15 days and a half hour").toBe(4);
    expect(shown).toHaveLength(25);
    expect(shown.slice(0, 6).map((a) => a.id)).toEqual([2, 3, 4, 5, 1, 129]);
    // Of the thirty submitted a day ago, the ones that came in first are kept.
    expect(shown.at(-1)!.id).toBe(129 - 19);
    expect(entries.map((a) => a.id).slice(0, 3), "the requests given are left as they were").toEqual([1, 2, 3]);
  });

  it("lists every one without a limit, and counts them all however few are shown", () => {
    const entries = Array.from({ length: 40 }, (_, i) => request(i + 1, i));
    const all = rankApprovals(entries, null);
    expect(all.shown.map((a) => a.id)).toEqual(entries.map((a) => a.id).reverse());
    expect(all).toMatchObject({ total: 40, overdue: 25 });
    expect(rankApprovals(entries, 3)).toMatchObject({ total: 40, overdue: 25 });
    expect(rankApprovals(entries, 3, 30).overdue).toBe(9);
    expect(rankApprovals([], APPROVALS_SHOWN)).toEqual({ shown: [], total: 0, overdue: 0 });
  });
});

describe("the links that open and close the portfolio's lists", () => {
  const shown = { allRisks: false, allListed: true, allApprovals: false, charts: { role: "faculty" } };

  it("open the approvals in full while keeping the other lists and the chart's role, and close them again", () => {
    const open = listsLink(shown, { allApprovals: true }, "approvals");
    expect(open).toEqual({ pathname: "/portfolio", search: "?role=faculty&pipeline=all&approvals=all", hash: "approvals" });
    const close = listsLink({ ...shown, allApprovals: true, allRisks: true }, { allApprovals: false }, "approvals");
    expect(close).toEqual({ pathname: "/portfolio", search: "?role=faculty&pipeline=all&risks=all", hash: "approvals" });
    expect(listsLink({ allRisks: false, allListed: false, allApprovals: true }, { allApprovals: false }, "approvals").search).toBe("");
  });
});

describe("listing the pipeline", () => {
  it("keeps every count but lists at most the first few engagements of each stage", () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ id: i, stage: "draft" as const, method: null }));
    const full = pipeline([...many, { id: 99, stage: "approved" as const, method: "campaign" as const }]);
    const listed = listedPipeline(full, 10);
    expect(listed.rows.find((r) => r.stage === "draft")).toMatchObject({ total: 14, counts: { not_chosen: 14 } });
    expect(listed.rows.find((r) => r.stage === "draft")!.engagements.map((e) => e.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(listed.rows.find((r) => r.stage === "approved")!.engagements).toHaveLength(1);
    expect(listedPipeline(full, null).rows.find((r) => r.stage === "draft")!.engagements).toHaveLength(14);
    expect(listedPipeline(full, 20)).toEqual(full);
  });
});
