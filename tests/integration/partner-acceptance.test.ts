/**
 * Which version the partner may accept: the latest shared one while it is with them for review, or
 * the one our leadership is deciding on or approved and keeps in force; never an amendment that was
 * withdrawn or declined while an earlier approved version stays in force. Walked through the partner's
 * own page and its action on a real database.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { engagements, users } from "../../db/schema";
import * as partnerPage from "~/routes/partner.engagements.$id";
import * as partnerSpace from "~/routes/partner._index";
import { decideApproval, submitForApproval, withdrawRequest } from "~/models/approvals.server";
import { createVersion } from "~/models/proposal.server";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import { db, everyRowHash, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";

// Pictures are drawn in a browser after a version is frozen; they have nothing to do with who may accept.
vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const id = () => demoEngagementId();
const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });
const leader = (email: string) => ({ id: userIdByEmail(email), role: "leader" as const, organisationId: null });
const partner = () =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, "partner@demo.test")).get()!;
const stage = () => db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id())).get()!.stage;
const signer = { name: "Helen Marsh", title: "Chief Executive", confirmed: true };

const page = () => callLoader(partnerPage.loader, { path: `/partner/engagements/${id()}`, params: { id: String(id()) }, as: "partner@demo.test" });
const listed = async () =>
  (await callLoader(partnerSpace.loader, { path: "/partner", as: "partner@demo.test" })).data.engagements.find((e: { id: number }) => e.id === id());
const accept = (number: number) =>
  callAction(partnerPage.action, {
    path: `/partner/engagements/${id()}`,
    params: { id: String(id()) },
    as: "partner@demo.test",
    form: {
      intent: "respond",
      number: String(number),
      response: "accepted",
      reason: "",
      signerName: "Helen Marsh",
      signerTitle: "Chief Executive",
      confirm: "on",
    },
  });

/** Northshire's resourcing takes two leaders. */
function approve(requestId: number) {
  const decision = { decision: "approve" as const, conditions: "", reason: "", acknowledgedConflict: true };
  decideApproval(leader("leader@demo.test"), requestId, { ...decision, requestVersion: 1 });
  expect(decideApproval(leader("leader2@demo.test"), requestId, { ...decision, requestVersion: 2 })).toEqual({ status: "approved" });
}
function decline(requestId: number) {
  decideApproval(leader("leader@demo.test"), requestId, {
    decision: "decline",
    conditions: "",
    reason: "No faculty free in the spring.",
    acknowledgedConflict: true,
    requestVersion: 1,
  });
}

const count = (table: string, where = "1") => (db().$client.prepare(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`).get() as { n: number }).n;

describe("an amendment declined, or its request withdrawn, while version 1 stays in force", () => {
  const cases = [
    { v1: "approved by both sides", partnerAcceptedV1: true, v2: "withdrawn" },
    { v1: "approved by both sides", partnerAcceptedV1: true, v2: "declined" },
    { v1: "approved by our leadership only", partnerAcceptedV1: false, v2: "withdrawn" },
    { v1: "approved by our leadership only", partnerAcceptedV1: false, v2: "declined" },
  ] as const;

  it.each(cases)("version 1 $v1, version 2 shared then $v2: the partner cannot accept version 2", async ({ partnerAcceptedV1, v2 }) => {
    if (partnerAcceptedV1) respondToVersion(partner(), id(), 1, "accepted", "", signer);
    approve(submitForApproval(manager(), id(), 1));
    createVersion(manager(), id(), "2026-11-25", "2026-11");
    shareVersion(manager(), id(), 2);
    // Shared, version 2 is the partner's to accept; then it goes to our leadership and is not taken forward.
    // After the partner accepted version 1, version 2 is an amendment to it, and reads as one.
    expect((await page()).data).toMatchObject({
      number: 2,
      status: partnerAcceptedV1 ? "Amendment for your review: version 2; version 1 stays agreed and in force" : "For your review",
      answer: { accept: true, askForChanges: true },
    });
    const second = submitForApproval(manager(), id(), 2);
    if (v2 === "withdrawn") withdrawRequest(manager(), id(), second);
    else decline(second);
    expect(stage()).toBe("approved");

    const before = everyRowHash();
    const outbox = count("outbox");
    // Declined, version 2 is closed; withdrawn, its owners may submit it again, and the partner may accept it then.
    // Declined after the partner accepted version 1, version 2 was an amendment to an agreed version, which stays agreed and in force.
    const refusal =
      v2 === "withdrawn"
        ? "Version 2 is awaiting approval by Northbridge's leadership, so it cannot be accepted yet. The partnership team will let you know when you can accept it, or share a newer version."
        : partnerAcceptedV1
        ? "Northbridge's leadership did not approve version 2, an amendment to version 1, so it can no longer be accepted. Version 1, which your organisation accepted, stays agreed and in force. The partnership team will follow up."
        : "Northbridge's leadership did not approve version 2, so it will not become the agreed proposal and can no longer be accepted. The partnership team will follow up, and may share a newer version with you.";
    const status =
      v2 === "withdrawn"
        ? partnerAcceptedV1
          ? "Amendment awaiting approval by Northbridge's leadership: version 2; version 1 stays agreed and in force"
          : "Awaiting approval by Northbridge's leadership"
        : partnerAcceptedV1
        ? "Amendment not approved by Northbridge's leadership; version 1 stays agreed and in force"
        : "Not approved by Northbridge's leadership";
    const refused = await accept(2);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.data)).toContain(refusal);
    // Nothing changed: no acceptance recorded, no mail, no audit of an acceptance, the stage as it was.
    expect(everyRowHash()).toBe(before);
    expect(count("partner_responses", "proposal_version_id = (SELECT id FROM proposal_versions WHERE number = 2)")).toBe(0);
    expect(count("outbox")).toBe(outbox);
    expect(count("audit_log", "action = 'proposal.accept' AND detail_json LIKE '%\"number\":2%'")).toBe(0);
    expect(stage()).toBe("approved");

    // The page offers no acceptance, and says what is true of version 2, not "Awaiting your acceptance" or "Agreed".
    const after = await page();
    expect(after.data).toMatchObject({
      number: 2,
      status,
      answer: { accept: false, askForChanges: false },
      notOpen: refusal,
    });
    expect((await listed()).status).toBe(status);
  });
});

describe("a version replaced by a newer one the partner has not been shown", () => {
  it("cannot be accepted while our leadership decides on the newer one, nor once it approved it", async () => {
    createVersion(manager(), id(), "2026-11-25", "2026-11");
    const second = submitForApproval(manager(), id(), 2);
    const refusal = "Version 1 has been replaced by a newer version, so it can no longer be accepted. The partnership team will follow up.";
    expect((await page()).data).toMatchObject({ number: 1, status: "In review", answer: { accept: false }, notOpen: refusal });
    const before = everyRowHash();
    const refused = await accept(1);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.data)).toContain(refusal);
    expect(everyRowHash()).toBe(before);
    approve(second);
    expect((await page()).data).toMatchObject({ number: 1, status: "Replaced by a newer version", answer: { accept: false }, notOpen: refusal });
    expect((await accept(1)).status).toBe(409);
    // Shared, the approved version is theirs to accept.
    shareVersion(manager(), id(), 2);
    expect((await page()).data).toMatchObject({ number: 2, status: "Awaiting your acceptance", answer: { accept: true }, notOpen: null });
    expect((await accept(2)).status).toBe(303);
  });
});

describe("the partner still accepts", () => {
  it("the version shared with them for review", async () => {
    expect((await page()).data).toMatchObject({ status: "For your review", answer: { accept: true, askForChanges: true }, notOpen: null });
    expect((await accept(1)).status).toBe(303);
    expect((await page()).data).toMatchObject({ status: "Accepted by your organisation", answer: { accept: false } });
    expect(count("audit_log", "action = 'proposal.accept'")).toBe(1);
    // The executive who signed gets their receipt: what they accepted, as whom, and the fingerprint of the document.
    const receipt = db().$client.prepare("SELECT to_address AS \"to\", subject, body FROM outbox WHERE kind = 'acceptance_receipt'").all() as {
      to: string;
      subject: string;
      body: string;
    }[];
    const { fingerprint } = db().$client.prepare("SELECT fingerprint FROM partner_responses WHERE response = 'accepted'").get() as { fingerprint: string };
    expect(receipt).toHaveLength(1);
    expect(receipt[0]).toMatchObject({ to: "partner@demo.test", subject: "Your acceptance of Northshire patient safety partnership, version 1" });
    expect(receipt[0]!.body).toMatch(/^You accepted version 1 of “Northshire patient safety partnership” for Northshire Health System on \d{1,2} \w+ \d{4}\./);
    expect(receipt[0]!.body).toContain("signed by Helen Marsh, Chief Executive.");
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt[0]!.body).toContain(`The document accepted has the fingerprint (SHA-256) ${fingerprint}`);
    expect(receipt[0]!.body).toMatch(/\/partner\/engagements\/\d+\?version=1/);
  });

  it("the version our leadership is deciding on, which then reads as accepted at once, on their page and in their list", async () => {
    submitForApproval(manager(), id(), 1);
    expect((await page()).data).toMatchObject({ status: "In review", answer: { accept: true, askForChanges: false } });
    expect((await accept(1)).status).toBe(303);
    expect(count("partner_responses", "response = 'accepted'")).toBe(1);
    const accepted = "Accepted by your organisation, awaiting approval by Northbridge's leadership";
    expect((await page()).data).toMatchObject({ status: accepted, answer: { accept: false } });
    expect((await listed()).status).toBe(accepted);
  });

  it("the version our leadership approved, which then reads as agreed", async () => {
    approve(submitForApproval(manager(), id(), 1));
    expect((await page()).data).toMatchObject({ status: "Awaiting your acceptance", answer: { accept: true, askForChanges: false } });
    expect((await listed()).status).toBe("Awaiting your acceptance");
    expect((await accept(1)).status).toBe(303);
    expect((await page()).data).toMatchObject({ status: "Agreed", answer: { accept: false } });
    expect((await listed()).status).toBe("Agreed");
  });

  it("an amendment our leadership is deciding on, or approved, while version 1 stays in force", async () => {
    approve(submitForApproval(manager(), id(), 1));
    createVersion(manager(), id(), "2026-11-25", "2026-11");
    shareVersion(manager(), id(), 2);
    const second = submitForApproval(manager(), id(), 2);
    expect((await page()).data).toMatchObject({ number: 2, status: "In review", answer: { accept: true, askForChanges: false } });
    approve(second);
    expect((await page()).data).toMatchObject({ number: 2, status: "Awaiting your acceptance", answer: { accept: true } });
    expect((await accept(2)).status).toBe(303);
    expect((await page()).data).toMatchObject({ number: 2, status: "Agreed" });
  });
});
