/**
 * The day the partner is asked to answer a shared version by (docs/domain.md §9.16): asked on the share
 * form, four weeks on unless changed; read by the partner where they arrive and in the share mail; said
 * overdue to the owners on the Review page, the engagement's pages and the list, and once among their
 * notices; changed after sharing, audited, with the partner told the new day.
 */
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { auditLog, outbox, proposalVersions, users } from "../../db/schema";
import { auditDetails, auditLabel } from "~/domain/audit";
import type { Actor } from "~/domain/roles";
import { noticesFor } from "~/models/notices.server";
import { addCoOwner } from "~/models/owners.server";
import { createVersion } from "~/models/proposal.server";
import { respondToVersion } from "~/models/sharing.server";
import * as engagementList from "~/routes/engagements._index";
import * as auditRoute from "~/routes/engagements.$id.audit";
import * as engagementLayout from "~/routes/engagements.$id";
import * as reviewRoute from "~/routes/engagements.$id.review";
import * as partnerPage from "~/routes/partner.engagements.$id";
import * as partnerList from "~/routes/partner._index";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { createOtherManagerEngagement, demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

// Pictures are drawn in a browser after a version is frozen; they have nothing to do with sharing.
vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();
// Today is 1 December 2026. The demo shared Northshire's version 1 on 20 November, asking for an answer by 18 December.
pinToday("2026-12");

const MANAGER = "manager@demo.test";
const PARTNER = "partner@demo.test";
const owner = (): Actor => ({ id: userIdByEmail(MANAGER), role: "manager", organisationId: null });
const partner = (): Actor => ({ id: userIdByEmail(PARTNER), role: "partner", organisationId: null });

const review = async (id: number) =>
  (await callLoader(reviewRoute.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as: MANAGER })).data;
const post = (id: number, form: Record<string, string>, as = MANAGER) =>
  callAction(reviewRoute.action, { path: `/engagements/${id}/review`, params: { id: String(id) }, as, form });
const partnerReads = async (id: number) =>
  (await callLoader(partnerPage.loader, { path: `/partner/engagements/${id}`, params: { id: String(id) }, as: PARTNER })).data;
const answerByOf = (id: number, number: number) =>
  db()
    .select({ answerBy: proposalVersions.answerBy })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.engagementId, id), eq(proposalVersions.number, number)))
    .get()!.answerBy;
const lettersTo = (email: string, kind: string) =>
  db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.kind, kind)))
    .all();

/** Northshire with its version 2 made from the draft (the demo's edit since version 1), not shared yet. */
function version2(): { id: number; number: number } {
  const id = demoEngagementId();
  return { id, number: createVersion(owner(), id, "2026-12-01", "2026-12").number };
}

describe("sharing asks for the partner's answer by a day", () => {
  it("offers four weeks after today, and refuses a past day or a non-date beside the field, keeping what was typed and sharing nothing", async () => {
    const { id, number } = version2();
    const page = await review(id);
    expect(page.answerBy.offered).toBe("2026-12-29");

    const past = await post(id, { form: "share", intent: "share", number: String(number), answerBy: "2026-11-30" });
    expect(past.status).toBe(400);
    expect(formAnswer(past).errors.answerBy).toBe("The answer date cannot be before today, 1 December 2026");
    expect(formAnswer(past).values.answerBy).toBe("2026-11-30");

    const notADate = await post(id, { form: "share", intent: "share", number: String(number), answerBy: "next month" });
    expect(notADate.status).toBe(400);
    expect(formAnswer(notADate).errors.answerBy).toBe("Enter the answer date.");
    expect(formAnswer(notADate).values.answerBy).toBe("next month");

    const emptied = await post(id, { form: "share", intent: "share", number: String(number), answerBy: "" });
    expect(formAnswer(emptied).errors.answerBy).toBe("Enter the answer date.");

    const v = db().select({ sharedAt: proposalVersions.sharedAt }).from(proposalVersions).where(eq(proposalVersions.engagementId, id)).all();
    expect(v.filter((r) => r.sharedAt !== null)).toHaveLength(1);
  });

  it("gives each version shared its own day, which the partner reads on arriving, in their list and in the share mail", async () => {
    const { id, number } = version2();
    const shared = await post(id, { form: "share", intent: "share", number: String(number), answerBy: "2027-01-15" });
    expect(shared.status).toBe(303);
    expect(shared.location).toBe(`/engagements/${id}/review`);
    expect(answerByOf(id, number)).toBe("2027-01-15");
    // Version 1 keeps the day it was shared with.
    expect(answerByOf(id, 1)).toBe("2026-12-18");

    const page = await partnerReads(id);
    expect(page.answerBy).toBe("Please give your answer by 15 January 2027.");
    const list = (await callLoader(partnerList.loader, { path: "/partner", as: PARTNER })).data;
    expect(list.engagements.find((e: { id: number }) => e.id === id).answerBy).toBe("Please give your answer by 15 January 2027.");

    const letter = lettersTo(PARTNER, "version_shared").at(-1)!;
    expect(letter.body).toContain(`version ${number} of the proposal`);
    expect(letter.body).toContain("Please give your answer by 15 January 2027.");

    const audit = db().select().from(auditLog).where(eq(auditLog.action, "proposal.share")).orderBy(desc(auditLog.id)).get()!;
    expect(JSON.parse(audit.detailJson)).toEqual({ number, answerBy: "2027-01-15" });
  });

  it("says the answer is due on the Review page, and once the day passes unanswered, overdue there, on the engagement's pages, in the list and once among the owners' notices", async () => {
    const { id, number } = version2();
    await post(id, { form: "share", intent: "share", number: String(number), answerBy: "2027-01-15" });
    const other = createOtherManagerEngagement();
    addCoOwner(owner(), id, userIdByEmail(other.managerEmail));
    const coOwner: Actor = { id: userIdByEmail(other.managerEmail), role: "manager", organisationId: null };
    const leader: Actor = { id: userIdByEmail("leader@demo.test"), role: "leader", organisationId: null };
    const overdueNotices = (a: Actor) => noticesFor(a).filter((n) => n.text.startsWith("The partner's answer"));

    expect((await review(id)).answerDue).toMatchObject({ number, words: "Answer due 15 January 2027", overdue: false });
    expect(overdueNotices(owner())).toEqual([]);

    process.env.PLANNER_TODAY = "2027-02"; // 1 February 2027: 17 days past the day asked for.
    expect((await review(id)).answerDue).toMatchObject({ words: "Answer due 15 January 2027: 17 days overdue", overdue: true });
    const layout = await callLoader(engagementLayout.loader, { path: `/engagements/${id}`, params: { id: String(id) }, as: MANAGER });
    expect(layout.data.overdue).toBe("Answer due 15 January 2027: 17 days overdue");
    const list = await callLoader(engagementList.loader, { path: "/engagements", as: MANAGER });
    expect(list.data.overdue).toEqual({ [id]: "Answer due 15 January 2027: 17 days overdue" });

    const told = `The partner's answer to version ${number} was due 15 January 2027 and has not come (17 days overdue): Northshire patient safety partnership`;
    expect(overdueNotices(owner())).toEqual([{ text: told, href: `/engagements/${id}/review` }]);
    expect(overdueNotices(coOwner)).toEqual([{ text: told, href: `/engagements/${id}/review` }]);
    expect(overdueNotices(leader)).toEqual([]);

    // Answered, nothing is overdue any more.
    respondToVersion({ ...partner(), organisationId: await partnerOrg() }, id, number, "changes_requested", "Please add our community hospitals to the aim.");
    expect((await review(id)).answerDue).toBeNull();
    expect(overdueNotices(owner())).toEqual([]);
    expect((await callLoader(engagementList.loader, { path: "/engagements", as: MANAGER })).data.overdue).toEqual({});
  });

  it("lets the owner give the partner more time: audited, the partner told by mail, the overdue words gone; a past day is refused beside the field", async () => {
    const { id, number } = version2();
    await post(id, { form: "share", intent: "share", number: String(number), answerBy: "2027-01-15" });
    process.env.PLANNER_TODAY = "2027-02";
    expect((await review(id)).answerDue.overdue).toBe(true);

    const past = await post(id, { form: "answer-by", intent: "answer-by", number: String(number), answerBy: "2027-01-20" });
    expect(past.status).toBe(400);
    expect(formAnswer(past).errors.answerBy).toBe("The answer date cannot be before today, 1 February 2027");
    expect(formAnswer(past).values.answerBy).toBe("2027-01-20");
    expect(answerByOf(id, number)).toBe("2027-01-15");

    const later = await post(id, { form: "answer-by", intent: "answer-by", number: String(number), answerBy: "2027-03-01" });
    expect(later.status).toBe(303);
    expect(answerByOf(id, number)).toBe("2027-03-01");
    expect((await review(id)).answerDue).toMatchObject({ words: "Answer due 1 March 2027", overdue: false });
    expect((await partnerReads(id)).answerBy).toBe("Please give your answer by 1 March 2027.");

    const audit = db().select().from(auditLog).where(eq(auditLog.action, "proposal.answer_by")).get()!;
    expect(audit.userId).toBe(owner().id);
    expect(JSON.parse(audit.detailJson)).toEqual({ number, answerByBefore: "2027-01-15", answerBy: "2027-03-01" });
    // The audit trail's row, as the page writes it.
    const trail = (await callLoader(auditRoute.loader, { path: `/engagements/${id}/audit`, params: { id: String(id) }, as: MANAGER })).data;
    const row = trail.rows.find((r: { action: string }) => r.action === "proposal.answer_by");
    expect(auditLabel(row.action)).toBe("Changed the day the partner is asked to answer by");
    expect(auditDetails(row.detail)).toBe(`number: ${number} · answer by: 15 January 2027 → 1 March 2027`);
    const letter = lettersTo(PARTNER, "answer_by_changed").at(-1)!;
    expect(letter.subject).toBe("New date for your answer: Northshire patient safety partnership");
    expect(letter.body).toContain("Please give your answer by 1 March 2027.");
  });

  it("does not silently replace a day another owner gave meanwhile: says which, beside the field, keeping what was typed", async () => {
    const id = demoEngagementId();
    // Both owners read 18 December; the first moves it to 1 March.
    const first = await post(id, { form: "answer-by", intent: "answer-by", number: "1", answerBy: "2027-03-01", shown: "2026-12-18" });
    expect(first.status).toBe(303);
    const second = await post(id, { form: "answer-by", intent: "answer-by", number: "1", answerBy: "2027-01-10", shown: "2026-12-18" });
    expect(second.status).toBe(409);
    expect(formAnswer(second).errors.answerBy).toBe("Meanwhile the date was changed to 1 March 2027. Check it with the partner before changing it again.");
    expect(formAnswer(second).values.answerBy).toBe("2027-01-10");
    expect(answerByOf(id, 1)).toBe("2027-03-01");
    expect(lettersTo(PARTNER, "answer_by_changed")).toHaveLength(1);
    // Read again, the change goes through.
    const again = await post(id, { form: "answer-by", intent: "answer-by", number: "1", answerBy: "2027-01-10", shown: "2027-03-01" });
    expect(again.status).toBe(303);
    expect(answerByOf(id, 1)).toBe("2027-01-10");
  });

  it("refuses to change the day of a version no longer awaiting the partner's answer", async () => {
    const id = demoEngagementId();
    respondToVersion({ ...partner(), organisationId: await partnerOrg() }, id, 1, "changes_requested", "Please add our community hospitals to the aim.");
    const res = await post(id, { form: "answer-by", intent: "answer-by", number: "1", answerBy: "2027-03-01" });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors[""]).toBe("Version 1 no longer waits for the partner's answer, so there is no date to change.");
    expect(answerByOf(id, 1)).toBe("2026-12-18");
  });
});

async function partnerOrg(): Promise<number> {
  return db().select({ o: users.organisationId }).from(users).where(eq(users.email, PARTNER)).get()!.o!;
}
