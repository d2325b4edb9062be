/**
 * What waits for an engagement's owner waits for its co-owners alike (docs/domain.md §9.15): the
 * partner's request for changes, their acceptance, their open comments and leadership's decision reach
 * whoever takes the engagement forward, on the notices page and in the header's count; a manager who
 * neither owns nor co-owns it hears of none of them.
 */
import { desc, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { approvalRequests, bookings, engagementCoOwners, engagements, proposalVersions, users } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import * as root from "~/root";
import * as noticesPage from "~/routes/notices";
import { decideApproval, submitForApproval } from "~/models/approvals.server";
import { addComment } from "~/models/comments.server";
import { createVersion } from "~/models/proposal.server";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import { renameTimelineItem } from "~/models/timeline.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callLoader } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const OWNER = "manager@demo.test";
const CO_OWNER = "jordan@demo.test";
const NEITHER = "sam@demo.test";
const PARTNER = "partner@demo.test";
const actor = (email: string): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, email)).get()!;

/** Northshire with no version yet, co-owned by Jordan; Sam, another manager, has nothing to do with it. */
function northshire(): { id: number; title: string } {
  const id = demoEngagementId();
  db().delete(bookings).where(eq(bookings.engagementId, id)).run();
  db().delete(proposalVersions).where(eq(proposalVersions.engagementId, id)).run();
  db().update(engagements).set({ stage: "draft" }).where(eq(engagements.id, id)).run();
  for (const [email, name] of [
    [CO_OWNER, "Jordan Ellis"],
    [NEITHER, "Sam Reyes"],
  ])
    db().insert(users).values({ email, name, role: "manager", passwordHash: "scrypt$x" }).run();
  db()
    .insert(engagementCoOwners)
    .values({ engagementId: id, userId: userIdByEmail(CO_OWNER) })
    .run();
  return { id, title: db().select({ title: engagements.title }).from(engagements).where(eq(engagements.id, id)).get()!.title };
}

let edits = 0;
function sharedVersion(id: number): number {
  db().transaction((tx) => renameTimelineItem(tx, actor(OWNER), id, "final_report", `Final report and spread plan (draft ${++edits})`));
  const { number } = createVersion(actor(OWNER), id, "2026-11-25", "2026-11");
  shareVersion(actor(OWNER), id, number);
  return number;
}

/** What the notices page lists for this user about the engagement, with where each leads. */
async function noticesAbout(email: string, id: number) {
  const page = await callLoader(noticesPage.loader, { path: "/notices", as: email });
  return (page.data.notices as { text: string; href: string }[]).filter((n) => n.href.startsWith(`/engagements/${id}`));
}
/** The count beside "Notices" in the header. */
async function headerCount(email: string): Promise<number> {
  return (await callLoader(root.loader, { path: "/", as: email })).data.user.notices;
}

describe("a co-owner's notices", () => {
  it("list everything that waits for the owner, and a manager who is neither is told none of it", async () => {
    const { id, title } = northshire();
    const review = `/engagements/${id}/review`;

    // The partner comments on version 1 and asks for changes.
    const v1 = sharedVersion(id);
    addComment(actor(PARTNER), id, {
      number: v1,
      sectionKey: "timeline",
      body: "Can the first learning session wait until March?",
      parentId: null,
      visibility: "partner",
    });
    respondToVersion(actor(PARTNER), id, v1, "changes_requested", "Please start after our winter pressures.");
    const asked = [
      { text: `The partner asked for changes: ${title}`, href: review },
      { text: `1 open comment from the partner: ${title}`, href: review },
    ];
    expect(await noticesAbout(OWNER, id)).toEqual(asked);
    expect(await noticesAbout(CO_OWNER, id)).toEqual(asked);
    expect(await headerCount(CO_OWNER)).toBe(2);
    expect(await noticesAbout(NEITHER, id)).toEqual([]);
    expect(await headerCount(NEITHER)).toBe(0);

    // Version 2 answers them, and they accept it.
    const v2 = sharedVersion(id);
    respondToVersion(actor(PARTNER), id, v2, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    const accepted = [
      { text: `The partner accepted the proposal; submit it for approval: ${title}`, href: review },
      { text: `1 open comment from the partner: ${title}`, href: review },
    ];
    expect(await noticesAbout(OWNER, id)).toEqual(accepted);
    expect(await noticesAbout(CO_OWNER, id)).toEqual(accepted);
    expect(await noticesAbout(NEITHER, id)).toEqual([]);

    // The co-owner submits it, and leadership approves it.
    submitForApproval(actor(CO_OWNER), id, v2);
    for (const email of ["leader@demo.test", "leader2@demo.test"]) {
      const r = db().select().from(approvalRequests).where(eq(approvalRequests.engagementId, id)).orderBy(desc(approvalRequests.id)).get()!;
      if (r.status !== "pending") break;
      decideApproval(actor(email), r.id, { decision: "approve", conditions: "", reason: "", acknowledgedConflict: true, requestVersion: r.version });
    }
    const decided = [
      { text: `1 open comment from the partner: ${title}`, href: review },
      { text: `Leadership approved: ${title}`, href: review },
    ];
    expect(await noticesAbout(OWNER, id)).toEqual(decided);
    expect(await noticesAbout(CO_OWNER, id)).toEqual(decided);
    expect(await noticesAbout(NEITHER, id)).toEqual([]);
  });
});
