/**
 * The notice every engagement page shows when the latest version is out for a decision ("with the
 * partner for review", "with leadership for approval"), read in one query: it follows the workflow
 * step by step, and agrees on every demo engagement with the straightforward reading (each fact
 * asked for on its own).
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { approvalRequests, engagements, partnerResponses, proposalVersions, users } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import { outForDecision, type Stage } from "~/domain/workflow";
import { decideApproval, submitForApproval } from "~/models/approvals.server";
import { createVersion, listVersionsWithStatus } from "~/models/proposal.server";
import { respondToVersion } from "~/models/sharing.server";
import { latestVersionOut } from "~/models/workflow.server";
import * as layout from "~/routes/engagements.$id";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callLoader } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const id = () => demoEngagementId();
const actor = (email: string): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, email)).get()!;

/** What the manager's engagement pages say above the steps. */
async function notice(): Promise<unknown> {
  const page = await callLoader(layout.loader, { path: `/engagements/${id()}`, params: { id: String(id()) }, as: "manager@demo.test" });
  expect(page.status).toBe(200);
  return page.data.out?.kind ?? null;
}

/** The badge of a version in the Proposal page's list of versions. */
const badge = (number: number) => listVersionsWithStatus(actor("manager@demo.test"), id()).find((v) => v.number === number)!.status.label;

/** Each fact read on its own, as the page once did. */
function straightforward(engagementId: number, stage: Stage) {
  const latestOf = (shared: boolean) =>
    db()
      .select({ n: sql<number | null>`max(${proposalVersions.number})` })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.engagementId, engagementId), shared ? isNotNull(proposalVersions.sharedAt) : undefined))
      .get()?.n ?? null;
  const latest = latestOf(false);
  const latestShared = latestOf(true);
  const answered =
    latestShared !== null &&
    !!db()
      .select({ id: partnerResponses.id })
      .from(partnerResponses)
      .innerJoin(proposalVersions, eq(proposalVersions.id, partnerResponses.proposalVersionId))
      .where(and(eq(proposalVersions.engagementId, engagementId), eq(proposalVersions.number, latestShared)))
      .get();
  const pending = db()
    .select({ n: proposalVersions.number })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(and(eq(approvalRequests.engagementId, engagementId), eq(approvalRequests.status, "pending")))
    .get();
  return outForDecision({ stage, latest, latestShared, latestAnswered: answered, pendingRequestFor: pending?.n ?? null });
}

function agreesOnEveryEngagement() {
  const all = db().select({ id: engagements.id, stage: engagements.stage }).from(engagements).all();
  expect(all.map((e) => [e.id, latestVersionOut(e.id, e.stage)])).toEqual(all.map((e) => [e.id, straightforward(e.id, e.stage)]));
}

describe("where the latest version is", () => {
  it("follows the version from the partner to leadership and back to a new draft, agreeing with each fact read on its own", async () => {
    agreesOnEveryEngagement();
    expect(await notice()).toBe("with_partner");

    respondToVersion(actor("partner@demo.test"), id(), 1, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    expect(await notice()).toBeNull();
    // The list of versions says what the partner answered, not only that the version was shared.
    expect(badge(1)).toBe("Accepted by the partner");
    agreesOnEveryEngagement();

    const requestId = submitForApproval(actor("manager@demo.test"), id(), 1);
    expect(await notice()).toBe("with_leadership");
    agreesOnEveryEngagement();

    createVersion(actor("manager@demo.test"), id(), "2026-11-20", "2026-11");
    expect(await notice()).toBeNull();
    agreesOnEveryEngagement();

    // Once leadership approves, the steps say that what is changed goes into a version to be agreed again.
    let status = "pending";
    for (const [i, email] of ["leader@demo.test", "leader2@demo.test"].entries())
      if (status === "pending")
        status = decideApproval(actor(email), requestId, {
          decision: "approve",
          conditions: "",
          reason: "",
          acknowledgedConflict: true,
          requestVersion: i + 1,
        }).status;
    expect(status).toBe("approved");
    expect(await notice()).toBe("approved");
    expect(badge(1)).toBe("Agreed");
    agreesOnEveryEngagement();
  });
});
