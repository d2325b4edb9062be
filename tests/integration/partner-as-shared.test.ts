/**
 * A partner sees an engagement as it was shared with them, never as it is being edited: title,
 * partner name, dates and content come from the latest version shared with their organisation, on
 * every page and API answer they can reach. Only the status wording follows the live stage.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { engagements, organisations, partnerViews, users } from "../../db/schema";
import { createVersion } from "~/models/proposal.server";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import { submitForApproval } from "~/models/approvals.server";
import * as apiList from "~/routes/api.engagements";
import * as apiOne from "~/routes/api.engagements.$id";
import * as overview from "~/routes/engagements.$id._index";
import * as notices from "~/routes/notices";
import * as partnerPage from "~/routes/partner.engagements.$id";
import * as partnerSpace from "~/routes/partner._index";
import type { Actor } from "~/domain/roles";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

let engagementId = 0;
const id = () => engagementId;
beforeEach(() => {
  engagementId = demoEngagementId();
});
const SHARED = "Northshire patient safety partnership";
const RENAMED = "Northshire patient safety partnership INTERNAL DRAFT RENAME lowball";
const actor = (email: string): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, email)).get()!;

/** Everything partner@demo.test can load about their engagements, as one text. */
async function whatThePartnerSees() {
  const as = "partner@demo.test";
  const pages = [
    await callLoader(partnerSpace.loader, { path: "/partner", as }),
    await callLoader(partnerPage.loader, { path: `/partner/engagements/${id()}`, params: { id: String(id()) }, as }),
    await callLoader(notices.loader, { path: "/notices", as }),
    await callLoader(apiList.loader, { path: "/api/engagements", as }),
    await callLoader(apiOne.loader, { path: `/api/engagements/${id()}`, params: { id: String(id()) }, as }),
  ];
  for (const p of pages) expect(p.status).toBe(200);
  return { text: JSON.stringify(pages.map((p) => p.data)), pages };
}

describe("what changed, for a partner who never opened the earlier version here", () => {
  it("counts from the version shared before, by its date, and never says they saw it, until they dismiss it", async () => {
    db().delete(partnerViews).run();
    const as = "partner@demo.test";
    const path = `/partner/engagements/${id()}`;
    /** The page as the partner opens it, with what its first look records. */
    const open = async () => {
      const page = await callLoader(partnerPage.loader, { path, params: { id: String(id()) }, as });
      if (page.data.recordOnOpen !== null) {
        const seen = await callAction(partnerPage.action, {
          path,
          params: { id: String(id()) },
          as,
          form: { intent: "seen", number: String(page.data.recordOnOpen) },
        });
        expect(seen.status).toBeLessThan(400);
      }
      return page.data;
    };
    const rename = await callAction(overview.action, {
      path: `/engagements/${id()}`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "update-details", title: "Northshire patient safety partnership, phase one", internalNotes: "", version: "1" },
    });
    expect(rename.status).toBe(303);
    createVersion(actor("manager@demo.test"), id(), "2026-11-26", "2026-11");
    shareVersion(actor("manager@demo.test"), id(), 2);
    const first = await open();
    expect(first).toMatchObject({ seen: null, since: 1, latest: 2, recordOnOpen: null });
    // Said as "shared with you on …": they had version 1 by mail, and never opened it here.
    expect(first.sinceSharedAt).toEqual(expect.any(String));
    expect(JSON.stringify(first.changes)).toContain("phase one");
    // On a reload the summary is there again, still by version 1's date, not as "the one you last saw".
    const again = await open();
    expect(again).toMatchObject({ seen: null, since: 1, sinceSharedAt: first.sinceSharedAt });
    expect(again.changes).not.toBeNull();
    // Dismissed, it goes: version 2, which they opened, is where the next one counts from.
    expect((await callAction(partnerPage.action, { path, params: { id: String(id()) }, as, form: { intent: "seen", number: "2" } })).status).toBeLessThan(400);
    expect(await open()).toMatchObject({ seen: 2, since: 2, changes: null, recordOnOpen: null });
  });

  it("is counted from the version they opened, the one they last saw, when they opened it here", async () => {
    db().delete(partnerViews).run();
    const as = "partner@demo.test";
    const path = `/partner/engagements/${id()}`;
    const load = () => callLoader(partnerPage.loader, { path, params: { id: String(id()) }, as });
    // Version 1 alone: their first look records it.
    expect((await load()).data).toMatchObject({ seen: null, since: null, changes: null, recordOnOpen: 1 });
    expect((await callAction(partnerPage.action, { path, params: { id: String(id()) }, as, form: { intent: "seen", number: "1" } })).status).toBeLessThan(400);
    createVersion(actor("manager@demo.test"), id(), "2026-11-26", "2026-11");
    shareVersion(actor("manager@demo.test"), id(), 2);
    const page = (await load()).data;
    expect(page).toMatchObject({ seen: 1, since: 1, sinceSharedAt: null, recordOnOpen: null });
    expect(page.changes).not.toBeNull();
  });
});

describe("partners see the engagement as shared, not as edited", () => {
  it("a rename and an organisation's new name reach the partner only with the next shared version", async () => {
    const rename = await callAction(overview.action, {
      path: `/engagements/${id()}`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "update-details", title: RENAMED, internalNotes: "", version: "1" },
    });
    expect(rename.status).toBe(303);
    db().update(organisations).set({ name: "Northshire Health System (merged)" }).where(eq(organisations.name, "Northshire Health System")).run();

    const before = await whatThePartnerSees();
    expect(before.text).not.toContain("INTERNAL DRAFT RENAME");
    // (Their own organisation's name in the page header is theirs, not the engagement's.)
    expect(before.pages[1]!.data.title).toBe(SHARED);
    expect(before.pages[2]!.data.notices).toEqual([{ text: `A proposal was shared with you for review: ${SHARED}`, href: `/partner/engagements/${id()}` }]);
    expect(before.pages[3]!.data).toEqual([
      { id: id(), title: SHARED, partner: { id: expect.any(Number), name: "Northshire Health System" }, status: "For your review" },
    ]);
    expect(before.pages[4]!.data).toMatchObject({ title: SHARED, partner: { name: "Northshire Health System" } });

    // Shared as version 2: now the partner reads the new title and name.
    createVersion(actor("manager@demo.test"), id(), "2026-11-26", "2026-11");
    shareVersion(actor("manager@demo.test"), id(), 2);
    const after = await whatThePartnerSees();
    expect(after.pages[1]!.data.title).toBe(RENAMED);
    expect(after.pages[3]!.data[0]).toMatchObject({ title: RENAMED, partner: { name: "Northshire Health System (merged)" } });
  });

  it("only the status wording follows the live stage; the list is dated by what was shared", async () => {
    respondToVersion(actor("partner@demo.test"), id(), 1, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    db().update(engagements).set({ title: RENAMED, updatedAt: "2027-06-01T00:00:00.000Z" }).where(eq(engagements.id, id())).run();
    submitForApproval(actor("manager@demo.test"), id(), 1);
    const { pages, text } = await whatThePartnerSees();
    expect(text).not.toContain("INTERNAL DRAFT RENAME");
    // They accepted it before it went to our leadership: the status says both, in the partner's words.
    const status = "Accepted by your organisation, awaiting approval by Northbridge's leadership";
    // Answered: no day to answer by is asked of them any more.
    expect(pages[0]!.data.engagements).toEqual([{ id: id(), title: SHARED, status, tone: "info", answerBy: null }]);
    expect(pages[1]!.data.status).toBe(status);
    expect(pages[3]!.data[0].status).toBe(status);
    expect(text).not.toContain("2027-06-01");
    expect(text).not.toContain("awaiting_approval");
  });
});
