/**
 * A change to the roster that breaks what leadership approved, or is deciding on, is named to those who
 * must act (docs/domain.md §8.1): the administrator who makes it reads which engagements it leaves short,
 * of which role, in which months, or that it leaves none short.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { beforeEach, describe, expect, it } from "vitest";
import { noticeOptOuts, outbox, staff } from "../../db/schema";
import * as entryPage from "~/routes/admin.staff.$id";
import * as rosterPage from "~/routes/admin.staff._index";
import * as noticesRoute from "~/routes/notices";
import * as approvalRoute from "~/routes/approvals.$requestId";
import * as reviewRoute from "~/routes/engagements.$id.review";
import { approvalRequests, engagements } from "../../db/schema";
import { deliverDue, outboxFolder } from "~/services/mailer.server";
import { resetEnvCache } from "~/services/env.server";
import { pinToday } from "../helpers/clock";
import { db, userIdByEmail, useTestDatabase } from "../helpers/db";
import { callAction, callLoader, messageAfter, sessionCookie } from "../helpers/requests";

useTestDatabase();
pinToday("2026-12");

beforeEach(async () => {
  delete process.env.SMTP_URL;
  process.env.PUBLIC_URL = "https://planner.example.org";
  resetEnvCache();
  // The demo's own mail is written first, and left out of what each test reads.
  await deliverDue();
  db().delete(outbox).run();
});

const ADMIN = "admin@demo.test";

const person = (name: string) => db().select().from(staff).where(eq(staff.name, name)).get()!;

/** The roster entry's form as saved, with these fields changed. */
function asSaved(name: string, changes: Record<string, string>) {
  const s = person(name);
  return {
    intent: "save",
    name: s.name,
    role: s.role,
    fte: String(s.fte),
    availableFrom: s.availableFrom ?? "",
    availableTo: s.availableTo ?? "",
    dayRate: s.dayRate === null ? "" : String(s.dayRate),
    version: String(s.version),
    ...changes,
  };
}

async function changeAs(name: string, form: Record<string, string>): Promise<string> {
  const cookie = sessionCookie(ADMIN);
  const id = String(person(name).id);
  const res = await callAction(entryPage.action, { path: `/admin/staff/${id}`, params: { id }, cookie, form });
  expect(res.status).toBe(303);
  return (await messageAfter(res, cookie))!;
}

describe("the administrator's message after a roster change", () => {
  it("names the engagement awaiting approval that an end date leaves short, with the role and its months in one line", async () => {
    const said = await changeAs("Hannah Schultz", asSaved("Hannah Schultz", { availableTo: "2027-02" }));
    expect(said).toMatch(
      /^Roster entry saved\. Every engagement's Fit page and live draft now use the roster as it is; proposal versions already made keep their figures\. /
    );
    expect(said).toContain(
      "It leaves short 1 engagement submitted for approval, approved or agreed, whose owners and leadership are told: National sepsis campaign (version 1, awaiting approval): Communications / campaign leads: short by up to"
    );
    expect(said).toMatch(/Communications \/ campaign leads: short by up to [\d.]+ FTE, May 2027 – Aug 2029\.$/);
  });

  it("names the approved engagement a removal leaves short", async () => {
    // Westvale's collaborative is approved, half a programme director confirmed each month: the last director's removal leaves it short.
    const directors = db().select().from(staff).where(eq(staff.role, "programme_director")).all();
    const said: string[] = [];
    for (const d of directors) said.push(await changeAs(d.name, { intent: "remove", confirm: "on" }));
    expect(said[0]).toMatch(/leaves no engagement submitted for approval, approved or agreed short/);
    expect(said[2]).toMatch(/^Ingrid Vos removed from the roster\./);
    expect(said[2]).toContain("Westvale pressure ulcer collaborative (version 1, approved): Programme directors: short by up to 0.5 FTE, Dec 2026 – Aug 2027.");
  });

  it("says that none is left short when the change takes no time any of them books", async () => {
    const said = await changeAs("Nadia Haddad", asSaved("Nadia Haddad", { name: "Nadia Haddad-Ali" }));
    expect(said).toBe(
      "Roster entry saved. Every engagement's Fit page and live draft now use the roster as it is; proposal versions already made keep their figures. It leaves no engagement submitted for approval, approved or agreed short of the staff it books."
    );
  });
});

/** Every roster-shortfall letter sent, as a mail client reads the files the outbox folder holds. */
async function letters() {
  await deliverDue();
  const rows = db().select().from(outbox).where(eq(outbox.kind, "roster_shortfall")).all();
  return Promise.all(
    rows.map(async (r) => {
      const mail = await simpleParser(readFileSync(path.join(outboxFolder(), r.file!)));
      return { to: r.toAddress, subject: mail.subject, text: (mail.text ?? "").replace(/\s+/g, " ") };
    })
  );
}

const notices = async (email: string): Promise<{ text: string; href: string }[]> =>
  (await callLoader(noticesRoute.loader, { path: "/notices", as: email })).data.notices.filter((n: { text: string }) => /short of staff it books/.test(n.text));

describe("those who must act on a roster change that leaves an engagement short", () => {
  const HANNAH = "Hannah Schultz (communications / campaign lead) is available until February 2027";

  it("are told once, by notice and by mail: the engagement's owner and every leader, naming the person, the role, the months and what to do", async () => {
    await changeAs("Hannah Schultz", asSaved("Hannah Schultz", { availableTo: "2027-02" }));

    const owner = await notices("manager@demo.test");
    expect(owner).toHaveLength(1);
    expect(owner[0]!.text.startsWith(`${HANNAH}, which leaves National sepsis campaign (version 1, awaiting approval) short of staff it books: `)).toBe(true);
    expect(owner[0]!.text).toMatch(
      /short of staff it books: Communications \/ campaign leads: short by up to [\d.]+ FTE, May 2027 – Aug 2029\. Ask the administrator to cover these months, or amend the plan and submit it again\.$/
    );
    expect(owner[0]!.href).toMatch(/^\/engagements\/\d+\/review$/);
    for (const leader of ["leader@demo.test", "leader2@demo.test"]) {
      const told = await notices(leader);
      expect(told).toHaveLength(1);
      expect(told[0]!.text).toContain(`${HANNAH}, which leaves National sepsis campaign (version 1, awaiting approval) short of staff it books`);
      expect(told[0]!.text).toMatch(/Leadership counted on staff the roster no longer has: read the approval request again\.$/);
      expect(told[0]!.href).toMatch(/^\/approvals\/\d+$/);
    }
    // The administrator, and the partner, are told nothing of it.
    expect(await notices("admin@demo.test")).toEqual([]);
    expect(await notices("partner2@demo.test")).toEqual([]);

    const sent = await letters();
    expect(sent.map((l) => l.to).sort()).toEqual(["leader2@demo.test", "leader@demo.test", "manager@demo.test"]);
    const toOwner = sent.find((l) => l.to === "manager@demo.test")!;
    expect(toOwner.subject).toBe("Short of staff after a roster change: National sepsis campaign");
    expect(toOwner.text).toContain(`${HANNAH}. That leaves version 1 of “National sepsis campaign”, awaiting approval, short of the staff it books:`);
    expect(toOwner.text).toMatch(/- Communications \/ campaign leads: short by up to [\d.]+ FTE, May 2027 – Aug 2029/);
    expect(toOwner.text).toMatch(
      /Ask the administrator to cover these months on the roster, or amend the plan .*https:\/\/planner\.example\.org\/engagements\/\d+\/review/
    );

    // Another change that leaves nothing short tells no one again, and the notice stands once.
    await changeAs("Nadia Haddad", asSaved("Nadia Haddad", { name: "Nadia Haddad-Ali" }));
    expect(await letters()).toHaveLength(3);
    expect(await notices("leader@demo.test")).toHaveLength(1);
  });

  it("mails no one who turned the notice off, and takes the notice away once a later change covers the months", async () => {
    db()
      .insert(noticeOptOuts)
      .values({ userId: userIdByEmail("leader2@demo.test"), kind: "roster_shortfall" })
      .run();
    await changeAs("Hannah Schultz", asSaved("Hannah Schultz", { availableTo: "2027-02" }));
    expect((await letters()).map((l) => l.to).sort()).toEqual(["leader@demo.test", "manager@demo.test"]);
    expect(await notices("leader2@demo.test")).toHaveLength(1);

    await changeAs("Hannah Schultz", asSaved("Hannah Schultz", { availableTo: "" }));
    expect(await notices("manager@demo.test")).toEqual([]);
    expect(await notices("leader@demo.test")).toEqual([]);
  });

  it("takes the notice away once a person added to the roster covers the months", async () => {
    await changeAs("Hannah Schultz", asSaved("Hannah Schultz", { availableTo: "2027-02" }));
    expect(await notices("leader@demo.test")).toHaveLength(1);
    const res = await callAction(rosterPage.action, {
      path: "/admin/staff",
      as: ADMIN,
      form: { name: "Noor Haddad", role: "campaign_lead", fte: "1", availableFrom: "2027-03", availableTo: "", dayRate: "" },
    });
    expect(res.status).toBe(303);
    expect(await notices("leader@demo.test")).toEqual([]);
    expect(await notices("manager@demo.test")).toEqual([]);
  });
});

/** The approval request of the engagement titled so, as a leader reads it. */
async function approvalPage(title: string) {
  const engagementId = db().select().from(engagements).where(eq(engagements.title, title)).get()!.id;
  const requestId = db().select().from(approvalRequests).where(eq(approvalRequests.engagementId, engagementId)).get()!.id;
  const page = await callLoader(approvalRoute.loader, { path: `/approvals/${requestId}`, params: { requestId: String(requestId) }, as: "leader@demo.test" });
  return page.data.view.short;
}

describe("the approval request and the review page, once the roster no longer carries a version", () => {
  const CAMPAIGN_LEADS = /^Communications \/ campaign leads: short by up to [\d.]+ FTE, May 2027 – Aug 2029$/;

  it("say the shortfall in one line per role with its months, headed as the roster's doing, not as a conflict with other engagements", async () => {
    await changeAs("Hannah Schultz", asSaved("Hannah Schultz", { availableTo: "2027-02" }));
    const short = await approvalPage("National sepsis campaign");
    // Twenty-eight months short, said in one line.
    expect(short.count).toBe(28);
    expect(short.roster).toHaveLength(1);
    expect(short.roster[0]).toMatch(CAMPAIGN_LEADS);
    expect(short.changes).toEqual(["Hannah Schultz (communications / campaign lead) is available until February 2027"]);
    expect(short.others).toEqual([]);
    // Not yet approved: nothing to say of an approval.
    expect(short.approval).toBeNull();

    const engagementId = db().select().from(engagements).where(eq(engagements.title, "National sepsis campaign")).get()!.id;
    const review = await callLoader(reviewRoute.loader, {
      path: `/engagements/${engagementId}/review`,
      params: { id: String(engagementId) },
      as: "manager@demo.test",
    });
    expect(review.data.shortNow).toMatchObject({ count: 28, roster: [expect.stringMatching(CAMPAIGN_LEADS)], others: [] });
  });

  it("note on an approved version that leadership approved it when our capacity fitted, with the dates", async () => {
    for (const d of db().select().from(staff).where(eq(staff.role, "programme_director")).all()) await changeAs(d.name, { intent: "remove", confirm: "on" });
    const short = await approvalPage("Westvale pressure ulcer collaborative");
    expect(short.roster).toEqual(["Programme directors: short by up to 0.5 FTE, Dec 2026 – Aug 2027"]);
    expect(short.approval).toMatch(
      /^Leadership approved this version on 22 August 2026, when our capacity fitted it \(as judged on \d+ \w+ 2026, when the version was frozen\)\. It no longer does: the roster no longer has staff the approval counted on/
    );
  });
});
