/**
 * The partner fills in what they know (docs/domain.md §9.10): a manager opens an intake section to the
 * partner's executives; they answer it in a draft of their own, never seeing the intake; the manager
 * takes the answers in or sends them back with a note; the audit trail records each step; a partner of
 * another organisation finds nothing.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, intakes } from "../../db/schema";
import * as partnerPage from "~/routes/partner.intake.$id";
import * as partnerHome from "~/routes/partner._index";
import * as reviewPage from "~/routes/engagements.$id.partner-intake";
import { db, useTestDatabase } from "../helpers/db";
import { createOtherManagerEngagement, demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();

const id = () => demoEngagementId();
const review = (form: Record<string, string>, as = "manager@demo.test") =>
  callAction(reviewPage.action, { path: `/engagements/${id()}/partner-intake`, params: { id: String(id()) }, as, form });
const reviewView = () => callLoader(reviewPage.loader, { path: `/engagements/${id()}/partner-intake`, params: { id: String(id()) }, as: "manager@demo.test" });
const partnerView = (as = "partner@demo.test") =>
  callLoader(partnerPage.loader, { path: `/partner/intake/${id()}?section=scale`, params: { id: String(id()) }, as });
const answer = (form: Record<string, string>, as = "partner@demo.test") =>
  callAction(partnerPage.action, { path: `/partner/intake/${id()}?section=scale`, params: { id: String(id()) }, as, form: intakeForm("scale", form) });
const storedIntake = () => JSON.parse(db().select().from(intakes).where(eq(intakes.engagementId, id())).get()!.dataJson);
const audited = (action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.engagementId, id()), eq(auditLog.action, action)))
    .all();
const section = (data: { sections: { key: string }[] }, key: string) => data.sections.find((s) => s.key === key) as Record<string, unknown>;
type Change = { key: string; label: string; ours: string; theirs: string };
/** The manager's take, ticking the answers given by their keys (all that would change, unless told). */
const take = async (key: string, keys?: string[]) => {
  const view = await reviewView();
  const s = section(view.data, key);
  const body = new URLSearchParams({ intent: "take", section: key, draftVersion: String(s.version), intakeVersion: String(view.data.intakeVersion) });
  for (const k of keys ?? (s.changes as Change[]).map((c) => c.key)) body.append("take", k);
  return callAction(reviewPage.action, { path: `/engagements/${id()}/partner-intake`, params: { id: String(id()) }, as: "manager@demo.test", body });
};

describe("a section opened to the partner", () => {
  it("is answered by the partner in their own draft, checked like the intake, and taken in by the manager", async () => {
    const before = storedIntake();
    expect((await partnerView()).status).toBe(404);
    expect((await review({ intent: "open", section: "scale" })).status).toBe(303);
    expect(audited("intake.partner.open")).toHaveLength(1);

    // The partner sees the section, empty: not what the intake holds.
    const seen = await partnerView();
    expect(seen.status).toBe(200);
    expect(seen.data.values).toEqual({});
    expect(seen.data.sections.map((s: { key: string }) => s.key)).toEqual(["scale"]);
    expect(JSON.stringify(seen.data)).not.toContain(String(before.scale.expectedSites ?? "no such value"));

    // A bad value is refused beside its field, and what was typed comes back.
    const bad = await answer({ version: "1", expectedSites: "twelve", desiredStart: "2027-10", longestDurationMonths: "30" });
    expect(bad.status).toBe(400);
    expect(formAnswer(bad).errors.expectedSites).toMatch(/number/i);
    expect(formAnswer(bad).values).toMatchObject({ expectedSites: "twelve", desiredStart: "2027-10", longestDurationMonths: "30" });
    expect(audited("intake.partner.answer")).toHaveLength(0);

    expect((await answer({ version: "1", expectedSites: "12", desiredStart: "2027-10", longestDurationMonths: "30" })).status).toBe(303);
    expect(audited("intake.partner.answer")).toHaveLength(1);
    // Nothing reaches the intake until the manager takes it in.
    expect(storedIntake()).toEqual(before);

    const view = await reviewView();
    const scale = section(view.data, "scale");
    expect(scale.status).toBe("answered");
    // The manager reads who entered the answers, and when.
    expect(scale.answeredByName).toBe("Helen Marsh");
    expect(Date.now() - Date.parse(String(scale.answeredAt))).toBeLessThan(60_000);
    expect(scale.answers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "expectedSites", value: "12" }),
        expect.objectContaining({ field: "desiredStart", value: "October 2027" }),
      ])
    );

    expect((await take("scale")).status).toBe(303);
    expect(storedIntake().scale).toEqual({ ...before.scale, expectedSites: 12, desiredStart: "2027-10", longestDurationMonths: 30 });
    expect(storedIntake().needs).toEqual(before.needs);
    expect(audited("intake.partner.take")).toHaveLength(1);

    // Taken in, the section is closed to the partner.
    const closed = await answer({ version: String((scale.version as number) + 1), expectedSites: "99", desiredStart: "2027-10", longestDurationMonths: "30" });
    expect(closed.status).toBe(400);
    expect(formAnswer(closed).errors[""]).toMatch(/taken your answers .* into the intake/);
  });

  it("shows the manager the partner's budget as money, in its currency", async () => {
    await review({ intent: "open", section: "budget" });
    const sent = await callAction(partnerPage.action, {
      path: `/partner/intake/${id()}?section=budget`,
      params: { id: String(id()) },
      as: "partner@demo.test",
      form: intakeForm("budget", { version: "1", budgetMin: "1000000", budgetMax: "1400000", currency: "usd", budgetSecured: "partly" }),
    });
    expect(sent.status).toBe(303);
    const answers = section((await reviewView()).data, "budget").answers as { field: string; value: string }[];
    const value = (field: string) => answers.find((a) => a.field === field)?.value.replace(/\u00a0/g, " ");
    expect(value("budgetMin")).toBe("USD 1,000,000");
    expect(value("budgetMax")).toBe("USD 1,400,000");
  });

  it("sent back, shows the partner the note and takes their changes", async () => {
    await review({ intent: "open", section: "scale" });
    await answer({ version: "1", expectedSites: "12", desiredStart: "", longestDurationMonths: "" });
    const refusedEmpty = await review({ intent: "return", section: "scale", draftVersion: "2", note: "  " });
    expect(refusedEmpty.status).toBe(400);
    expect(formAnswer(refusedEmpty).errors.note).toMatch(/note|say/i);
    expect((await review({ intent: "return", section: "scale", draftVersion: "2", note: "When would you like to start?" })).status).toBe(303);
    expect(audited("intake.partner.return")[0]!.detailJson).toContain("When would you like to start?");

    const seen = await partnerView();
    expect(seen.data.note).toBe("When would you like to start?");
    expect(seen.data.values).toMatchObject({ expectedSites: "12" });
    // The manager cannot take in what was sent back until the partner answers again.
    expect((await review({ intent: "take", section: "scale", draftVersion: "3", intakeVersion: String((await reviewView()).data.intakeVersion) })).status).toBe(
      400
    );
    expect((await answer({ version: "3", expectedSites: "12", desiredStart: "2027-10", longestDurationMonths: "" })).status).toBe(303);
    expect((await partnerView()).data.note).toBeNull();
    expect(section((await reviewView()).data, "scale").status).toBe("answered");
  });

  it("tells the partner which of their answers were not taken in, with their answers and the manager's note, and nothing of the intake", async () => {
    const before = storedIntake();
    await review({ intent: "open", section: "scale" });
    await answer({ version: "1", expectedSites: "31", desiredStart: "", longestDurationMonths: "7" });
    // The manager takes the sites in, leaves the duration out, and says why for the partner to read.
    const view = await reviewView();
    const body = new URLSearchParams({
      intent: "take",
      section: "scale",
      draftVersion: "2",
      intakeVersion: String(view.data.intakeVersion),
      take: "expectedSites",
    });
    body.append("note", "We plan on the 18 months your chief executive gave us at the scoping call.");
    const taken = await callAction(reviewPage.action, {
      path: `/engagements/${id()}/partner-intake`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      body,
    });
    expect(taken.status).toBe(303);
    expect(storedIntake().scale).toMatchObject({ expectedSites: 31, longestDurationMonths: before.scale.longestDurationMonths });

    const seen = await partnerView();
    expect(seen.data.taken).toEqual({
      said: "The partnership team has taken your answers into their intake, except this answer of yours, which they did not take in; the section is closed.",
      leftOut: [{ label: "Longest duration your organisation can commit to", answer: "7 months" }],
    });
    expect(seen.data.note).toBe("We plan on the 18 months your chief executive gave us at the scoping call.");
    expect(seen.data.sections).toEqual([{ key: "scale", label: "Scale and horizon", status: "Taken in by the partnership team, but for 1 answer" }]);
    const home = await callLoader(partnerHome.loader, { path: "/partner", as: "partner@demo.test" });
    expect(JSON.stringify(home.data.asked)).toContain("Taken in by the partnership team, but for 1 answer");
    // The intake's own duration is never told them.
    expect(JSON.stringify(seen.data)).not.toContain(`"${before.scale.longestDurationMonths}"`);
    // The manager reads what the partner is told.
    expect(section((await reviewView()).data, "scale")).toMatchObject({
      leftOut: [{ label: "Longest duration your organisation can commit to", answer: "7 months" }],
    });

    // Opened again, the section is asked afresh: nothing is said of the last take.
    await review({ intent: "open", section: "scale" });
    const reopened = await partnerView();
    expect(reopened.data.taken).toBeNull();
    expect(reopened.data.note).toBeNull();
    expect(reopened.data.sections[0].status).toBe("To fill in");
  });

  it("refuses a take that would leave the section contradicting itself, keeping the intake and the partner's answers as they were", async () => {
    // The intake's budget is USD 1,100,000 to 1,500,000; the partner gives USD 900,000 to 1,000,000.
    const before = storedIntake();
    await review({ intent: "open", section: "budget" });
    const sent = await callAction(partnerPage.action, {
      path: `/partner/intake/${id()}?section=budget`,
      params: { id: String(id()) },
      as: "partner@demo.test",
      form: intakeForm("budget", { version: "1", budgetMin: "900000", budgetMax: "1000000", currency: "usd", budgetSecured: "partly" }),
    });
    expect(sent.status).toBe(303);
    // Their maximum alone would fall below the intake's minimum.
    const alone = await take("budget", ["budgetMax"]);
    expect(alone.status).toBe(400);
    expect(formAnswer(alone).errors[""]).toBe(
      "Taken in as ticked, Budget would not hold together: The maximum budget is below the minimum. Tick the partner's answers that go with it too, or leave it unticked."
    );
    expect(storedIntake().budget).toEqual(before.budget);
    expect(section((await reviewView()).data, "budget").status).toBe("answered");
    // With their minimum, it holds.
    expect((await take("budget", ["budgetMin", "budgetMax"])).status).toBe(303);
    expect(storedIntake().budget).toMatchObject({ budgetMin: 900_000, budgetMax: 1_000_000 });
  });

  it("refuses a decision on answers the partner changed since the manager read them", async () => {
    await review({ intent: "open", section: "scale" });
    await answer({ version: "1", expectedSites: "12", desiredStart: "", longestDurationMonths: "" });
    await answer({ version: "2", expectedSites: "15", desiredStart: "", longestDurationMonths: "" });
    const stale = await review({
      intent: "take",
      section: "scale",
      draftVersion: "2",
      intakeVersion: String((await reviewView()).data.intakeVersion),
      take: "expectedSites",
    });
    expect(stale.status).toBe(409);
    expect(storedIntake().scale.expectedSites).not.toBe(15);
  });

  it("is not found by a partner of another organisation, nor listed on their home page, nor opened by a manager who does not own it", async () => {
    await review({ intent: "open", section: "scale" });
    expect((await partnerView("partner2@demo.test")).status).toBe(404);
    expect((await answer({ version: "1", expectedSites: "3", desiredStart: "", longestDurationMonths: "" }, "partner2@demo.test")).status).toBe(404);
    const home = await callLoader(partnerHome.loader, { path: "/partner", as: "partner2@demo.test" });
    expect(home.data.asked).toEqual([]);
    const ownHome = await callLoader(partnerHome.loader, { path: "/partner", as: "partner@demo.test" });
    expect(ownHome.data.asked[0].sections).toEqual([expect.objectContaining({ key: "scale" })]);
    const { managerEmail } = createOtherManagerEngagement();
    expect((await review({ intent: "open", section: "budget" }, managerEmail)).status).toBe(403);
    expect((await review({ intent: "open", section: "evidence" })).status).toBe(400);
    expect((await review({ intent: "open", section: "scale" })).status).toBe(400);
  });

  it("takes in only the answers the manager ticks, keeps what the partner left empty, and matches priorities by topic, not by row", async () => {
    // The intake ranks two priorities and says what the problem is; the partner is asked for baselines.
    const intakeBefore = storedIntake();
    const needs = {
      problems: "Mortality varies threefold between boards; adverse events are not measured the same way anywhere.",
      priorities: [
        { topic: "other", custom: "Hospital standardised mortality", id: "other:hospital standardised mortality" },
        { topic: "vap", baselineMeasure: "VAP per 1,000 ventilator days", baselineValue: 6.9, baselineDate: "2026-09-30" },
      ],
    };
    const manager = await callAction((await import("~/routes/engagements.$id.intake")).action, {
      path: `/engagements/${id()}/intake?section=needs`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: intakeForm("needs", {
        version: String(db().select().from(intakes).where(eq(intakes.engagementId, id())).get()!.version),
        problems: needs.problems,
        "priorities[0].topic": "other",
        "priorities[0].custom": "Hospital standardised mortality",
        "priorities[0].id": "other:hospital standardised mortality",
        "priorities[1].topic": "vap",
        "priorities[1].baselineMeasure": "VAP per 1,000 ventilator days",
        "priorities[1].baselineValue": "6.9",
        "priorities[1].baselineDate": "2026-09-30",
      }),
    });
    expect(manager.status).toBe(303);
    expect(storedIntake().needs.priorities).toHaveLength(2);

    await review({ intent: "open", section: "needs" });
    // The partner, seeing an empty form, writes a note where the problem goes, a baseline for the
    // mortality priority (in the first row, written in again) and a priority the intake lacks.
    const answered = await callAction(partnerPage.action, {
      path: `/partner/intake/${id()}?section=needs`,
      params: { id: String(id()) },
      as: "partner@demo.test",
      form: intakeForm("needs", {
        version: "1",
        problems: "Baselines as requested.",
        "priorities[0].topic": "other",
        "priorities[0].custom": "hospital standardised  mortality",
        "priorities[0].baselineMeasure": "HSMR",
        "priorities[0].baselineValue": "1.02",
        "priorities[0].baselineDate": "2026-06-30",
        "priorities[1].topic": "sepsis",
        "priorities[1].baselineMeasure": "Sepsis mortality (%)",
        "priorities[1].baselineValue": "21",
        "priorities[1].baselineDate": "2026-06-30",
      }),
    });
    expect(answered.status).toBe(303);

    // The manager sees each change, the intake's answer beside the partner's; nothing the partner left empty.
    const changes = section((await reviewView()).data, "needs").changes as Change[];
    expect(changes.map((c) => c.label)).toEqual([
      "Problems in the partner's words",
      "Hospital standardised mortality: baseline",
      "A priority the intake does not list",
    ]);
    expect(changes[0]).toMatchObject({ ours: `“${needs.problems}”`, theirs: "“Baselines as requested.”" });
    // A baseline is one answer: its figure is never taken without its date, nor beside another's.
    expect(changes[1]).toMatchObject({ ours: "no baseline", theirs: "1.02 for HSMR on 30 June 2026" });
    expect(changes.at(-1)!.theirs).toBe("Sepsis, with a baseline of 21 for Sepsis mortality (%) on 30 June 2026; it would join the end of the list");
    expect(changes.some((c) => /VAP|ventilator/i.test(c.label))).toBe(false);

    // The manager leaves the partner's note out and takes the rest.
    const taken = await take(
      "needs",
      changes.filter((c) => c.key !== "problems").map((c) => c.key)
    );
    expect(taken.status).toBe(303);
    const after = storedIntake().needs;
    expect(after.problems).toBe(needs.problems);
    expect(after.priorities.map((p: { topic: string }) => p.topic)).toEqual(["other", "vap", "sepsis"]);
    expect(after.priorities[0]).toMatchObject({
      custom: "Hospital standardised mortality",
      baselineMeasure: "HSMR",
      baselineValue: 1.02,
      baselineDate: "2026-06-30",
    });
    expect(after.priorities[1]).toMatchObject({ baselineMeasure: "VAP per 1,000 ventilator days", baselineValue: 6.9 });
    expect(storedIntake().scale).toEqual(intakeBefore.scale);
    expect(audited("intake.partner.take")[0]!.detailJson).toContain("Hospital standardised mortality: baseline");
  });

  it("refuses a take worked out against an intake saved since, and takes nothing when nothing is ticked", async () => {
    await review({ intent: "open", section: "scale" });
    await answer({ version: "1", expectedSites: "31", desiredStart: "", longestDurationMonths: "" });
    const view = await reviewView();
    const before = storedIntake();
    // Someone saves the intake after the page was read.
    db()
      .update(intakes)
      .set({ version: (view.data.intakeVersion as number) + 1 })
      .where(eq(intakes.engagementId, id()))
      .run();
    const stale = await review({ intent: "take", section: "scale", draftVersion: "2", intakeVersion: String(view.data.intakeVersion), take: "expectedSites" });
    expect(stale.status).toBe(409);
    expect(formAnswer(stale).errors[""]).toMatch(
      /^Maya Okafor saved the intake since you loaded this page, so what taking in the partner's answers to Scale and horizon would change may differ\./
    );
    expect(storedIntake().scale).toEqual(before.scale);

    const none = await take("scale", []);
    expect(none.status).toBe(303);
    expect(storedIntake().scale).toEqual(before.scale);
    expect(section((await reviewView()).data, "scale").status).toBe("taken");
  });

  it("shows the manager a baseline still to be measured by its month in words, and a chosen answer in words", async () => {
    await review({ intent: "open", section: "needs" });
    const sent = await callAction(partnerPage.action, {
      path: `/partner/intake/${id()}?section=needs`,
      params: { id: String(id()) },
      as: "partner@demo.test",
      form: intakeForm("needs", {
        version: "1",
        problems: "Adverse events are not yet measured the same way anywhere.",
        "priorities[0].topic": "sepsis",
        "priorities[0].baselineMeasure": "Sepsis mortality (%)",
        "priorities[0].baselineDue": "2027-03",
      }),
    });
    expect(sent.status).toBe(303);
    const answers = section((await reviewView()).data, "needs").answers as { field: string; value: string }[];
    expect(answers.find((a) => a.field === "priorities[0].baselineDue")?.value).toBe("March 2027");
    expect(answers.find((a) => a.field === "priorities[0].topic")?.value).toBe("Sepsis");
    expect(answers.find((a) => a.field === "problems")?.value).toBe("Adverse events are not yet measured the same way anywhere.");
  });
});
