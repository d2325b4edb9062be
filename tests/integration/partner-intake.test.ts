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

    expect((await review({ intent: "take", section: "scale", draftVersion: String(scale.version) })).status).toBe(303);
    expect(storedIntake().scale).toEqual({ expectedSites: 12, desiredStart: "2027-10", longestDurationMonths: 30 });
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
    expect((await review({ intent: "take", section: "scale", draftVersion: "3" })).status).toBe(400);
    expect((await answer({ version: "3", expectedSites: "12", desiredStart: "2027-10", longestDurationMonths: "" })).status).toBe(303);
    expect((await partnerView()).data.note).toBeNull();
    expect(section((await reviewView()).data, "scale").status).toBe("answered");
  });

  it("refuses a decision on answers the partner changed since the manager read them", async () => {
    await review({ intent: "open", section: "scale" });
    await answer({ version: "1", expectedSites: "12", desiredStart: "", longestDurationMonths: "" });
    await answer({ version: "2", expectedSites: "15", desiredStart: "", longestDurationMonths: "" });
    const stale = await review({ intent: "take", section: "scale", draftVersion: "2" });
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
});
