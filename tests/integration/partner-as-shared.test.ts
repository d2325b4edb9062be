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
  it("counts from the version shared before, and stays until they dismiss it", async () => {
    db().delete(partnerViews).run();
    const as = "partner@demo.test";
    const load = () => callLoader(partnerPage.loader, { path: `/partner/engagements/${id()}`, params: { id: String(id()) }, as });
    const rename = await callAction(overview.action, {
      path: `/engagements/${id()}`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "update-details", title: "Northshire patient safety partnership, phase one", internalNotes: "", version: "1" },
    });
    expect(rename.status).toBe(303);
    createVersion(actor("manager@demo.test"), id(), "2026-11-26", "2026-11");
    shareVersion(actor("manager@demo.test"), id(), 2);
    const first = await load();
    expect(first.data).toMatchObject({ seen: null, since: 1, latest: 2 });
    expect(first.data.sinceSharedAt).toEqual(expect.any(String));
    expect(JSON.stringify(first.data.changes)).toContain("phase one");
    // The page's first look records version 1 as seen, so the summary is there again on a reload.
    expect(
      (await callAction(partnerPage.action, { path: `/partner/engagements/${id()}`, params: { id: String(id()) }, as, form: { intent: "seen", number: "1" } }))
        .status
    ).toBeLessThan(400);
    const again = await load();
    expect(again.data).toMatchObject({ seen: 1, since: 1 });
    expect(again.data.changes).not.toBeNull();
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
    expect(pages[0]!.data.engagements).toEqual([{ id: id(), title: SHARED, status: "In review", tone: "info" }]);
    expect(pages[1]!.data.status).toBe("In review");
    expect(pages[3]!.data[0].status).toBe("In review");
    expect(text).not.toContain("2027-06-01");
    expect(text).not.toContain("awaiting_approval");
  });
});
