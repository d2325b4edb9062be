/**
 * What waits for a partner executive and for the engagement's owner once the partner has answered:
 * a version the partner accepted is no longer "shared with you for review", and a later version shared
 * after it is, until they answer that one too; the owner is told to submit only an accepted latest version.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { engagements, users } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import { createVersion } from "~/models/proposal.server";
import { noticesFor } from "~/models/notices.server";
import { decideApproval, listRequests, submitForApproval } from "~/models/approvals.server";
import { openSection } from "~/models/partner-intake.server";
import { partnerProposals, respondToVersion, shareVersion } from "~/models/sharing.server";
import { renameTimelineItem } from "~/models/timeline.server";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const id = () => demoEngagementId();
const actor = (email: string): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, email)).get()!;
const title = () => db().select({ title: engagements.title }).from(engagements).where(eq(engagements.id, id())).get()!.title;
const texts = (email: string) => noticesFor(actor(email)).map((n) => n.text);

describe("notices once the partner has answered", () => {
  it("leave the partner nothing to review for a version they accepted, and come back with the next version shared", () => {
    const review = `A proposal was shared with you for review: ${title()}`;
    const submit = `The partner accepted the proposal; submit it for approval: ${title()}`;
    expect(texts("partner@demo.test")).toContain(review);
    expect(texts("manager@demo.test")).not.toContain(submit);

    respondToVersion(actor("partner@demo.test"), id(), 1, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    expect(texts("partner@demo.test")).not.toContain(review);
    expect(texts("manager@demo.test")).toContain(submit);

    // A revised version shared after their acceptance waits for their answer; the acceptance was of version 1.
    db().transaction((tx) => renameTimelineItem(tx, actor("manager@demo.test"), id(), "final_report", "Final report and spread plan, revised"));
    const { number } = createVersion(actor("manager@demo.test"), id(), "2026-12-01", "2026-12");
    shareVersion(actor("manager@demo.test"), id(), number);
    expect(texts("partner@demo.test")).toContain(review);
    expect(texts("manager@demo.test")).not.toContain(submit);
  });
});

describe("what waits for the partner, on their notices as on their list of proposals", () => {
  it("lists a version our leadership approved that awaits their acceptance, and the intake sections asked of them", () => {
    const partner = actor("partner@demo.test");
    // Version 1, shared with them, approved by our leadership before they answered it.
    submitForApproval(actor("manager@demo.test"), id(), 1);
    for (const email of ["leader@demo.test", "leader2@demo.test"]) {
      const r = listRequests({ engagementId: id() }).at(-1)!;
      if (r.status !== "pending") break;
      decideApproval(actor(email), r.id, { decision: "approve", conditions: "", reason: "", acknowledgedConflict: true, requestVersion: r.version });
    }
    expect(partnerProposals(partner).find((p) => p.id === id())?.status).toBe("Awaiting your acceptance");
    expect(texts("partner@demo.test")).toContain(`A proposal awaits your acceptance: ${title()}`);

    openSection(actor("manager@demo.test"), id(), "budget");
    openSection(actor("manager@demo.test"), id(), "capacity");
    const asked = noticesFor(partner).find((n) => n.text.startsWith("The partnership team asks you to fill in"));
    expect(asked).toEqual({
      text: `The partnership team asks you to fill in Budget and Partner capacity: ${title()}`,
      href: `/partner/intake/${id()}?section=budget`,
    });

    // Once they accept, nothing waits for them on the proposal.
    respondToVersion(partner, id(), 1, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    expect(texts("partner@demo.test").filter((t) => t.startsWith("A proposal"))).toEqual([]);
  });
});
