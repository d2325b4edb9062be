import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import * as partnerPage from "~/routes/partner.engagements.$id";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import { eq } from "drizzle-orm";
import { engagements, organisationProfile } from "../../db/schema";
import { decideApproval, submitForApproval, withdrawRequest } from "~/models/approvals.server";
import { createVersion } from "~/models/proposal.server";
import { shareVersion } from "~/models/sharing.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { BASE, callAction, sessionCookie } from "../helpers/requests";

/*
 * A version's documents speak of where it stands (docs/domain.md §9.9): its next steps follow its
 * state, from shared for review to agreed by both sides. Read from the partner's Word document as an
 * independent reader gives it, through the download the partner uses.
 */

useTestDatabase();

const id = () => demoEngagementId();
const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });
const leader = (email: string) => ({ id: userIdByEmail(email), role: "leader" as const, organisationId: null });

async function partnerWord(number = 1): Promise<string> {
  const request = new Request(`${BASE}/engagements/${id()}/versions/${number}/docx`, { headers: { Cookie: sessionCookie("partner@demo.test") } });
  const res = (await docxRoute.loader({ request, params: { id: String(id()), number: String(number) }, context: {} })) as Response;
  expect(res.status).toBe(200);
  return (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value.replace(/\n+/g, "\n");
}

/** The section "Next steps and approval" as it reads: from its heading to the approval page. */
function nextSteps(text: string): string {
  const at = text.lastIndexOf("Next steps and approval");
  return text.slice(at, text.indexOf("\nApproval\n", at));
}

async function accept() {
  const res = await callAction(partnerPage.action, {
    path: `/partner/engagements/${id()}`,
    params: { id: String(id()) },
    as: "partner@demo.test",
    form: { intent: "respond", number: "1", response: "accepted", reason: "", signerName: "Helen Marsh", signerTitle: "Chief Executive", confirm: "on" },
  });
  expect(res.status).toBe(303);
}

/** Both leaders approve the request (the demo's version needs two). */
function approveByBoth(requestId: number) {
  const approve = (email: string, requestVersion: number) =>
    decideApproval(leader(email), requestId, { decision: "approve", conditions: "", reason: "", acknowledgedConflict: false, requestVersion });
  approve("leader@demo.test", 1);
  expect(approve("leader2@demo.test", 2)).toEqual({ status: "approved" });
}

describe("the next steps of a version's documents", () => {
  it(
    "while shared, ask the partner to read, comment and accept or ask for changes; once accepted, await our approval; once approved too, say it is agreed",
    { timeout: 120_000 },
    async () => {
      const shared = nextSteps(await partnerWord());
      expect(shared).toContain("Northshire Health System is reviewing this version.");
      expect(shared).toContain("accept it or ask for changes");
      expect(shared).not.toContain("review this draft");
      const sharedText = await partnerWord();
      expect(sharedText).toMatch(/The estimated fee is \S+/);
      expect(sharedText).toMatch(/\nNorthbridge would commit [\d.]+ FTE-months/);

      await accept();
      const accepted = nextSteps(await partnerWord());
      expect(accepted).toContain("Northshire Health System has accepted this version. To complete the agreement:");
      expect(accepted).toMatch(/’s leadership approves the resourcing|'s leadership approves the resourcing/);
      expect(accepted).not.toContain("review");

      approveByBoth(submitForApproval(manager(), id(), 1));
      const agreed = await partnerWord();
      expect(agreed).toContain("Status\nAgreed\n");
      const steps = nextSteps(agreed);
      expect(steps).toMatch(/Northshire Health System and \S+ have agreed this proposal\. What happens now:/);
      expect(steps).toMatch(/planning phase, which starts in [A-Z][a-z]+ \d{4}/);
      expect(steps).not.toMatch(/review|draft|sign/i);
      // Agreed, the fee is no longer an estimate: the summary and the budget say the agreed fee, and the same one.
      expect(agreed).not.toMatch(/estimated fee/i);
      // And our staff's time is committed, no longer offered.
      expect(agreed).toMatch(/\nNorthbridge commits [\d.]+ FTE-months of its faculty/);
      expect(agreed).not.toContain("would commit");
      const fee = /The agreed fee is ([^\n]+?)\.\n/.exec(agreed)?.[1];
      expect(fee).toMatch(/^USD\s[\d,]+$/);
      expect(agreed).toContain(`The agreed fee for the work described is ${fee}, covering`);
    }
  );

  it("once approved by our leadership before the partner answered, ask only for the partner's acceptance", { timeout: 120_000 }, async () => {
    const requestId = submitForApproval(manager(), id(), 1);
    const awaiting = nextSteps(await partnerWord());
    expect(awaiting).toMatch(/’s leadership is reviewing the resourcing this version commits|'s leadership is reviewing the resourcing this version commits/);
    approveByBoth(requestId);
    const approved = await partnerWord();
    expect(approved).toContain("Approved, awaiting acceptance");
    const steps = nextSteps(approved);
    expect(steps).toMatch(/leadership has approved this version\. To complete the agreement:/);
    // The partner named once in the sentence: its executives accept on behalf of their organisation, not of "Northshire Health System" again.
    expect(steps).toContain("Northshire Health System's executives accept this version on behalf of their organisation.");
    expect(steps).not.toMatch(/review this draft|approves the resourcing/);
    // Approved by us, the fee is ours to state, no longer an estimate; agreed only once the partner accepts.
    expect(approved).not.toMatch(/estimated fee|agreed fee/i);
    expect(approved).toMatch(/The fee is USD\s[\d,]+\.\n/);
    expect(approved).toMatch(/'s fee for the work described is USD\s[\d,]+, covering/);
  });
});

describe("the name a version's documents are saved under", () => {
  /** The name the browser saves a version's Word document under, as this reader downloads it. */
  async function savedAs(number: number, as: string, edition = ""): Promise<string> {
    const request = new Request(`${BASE}/engagements/${id()}/versions/${number}/docx${edition}`, { headers: { Cookie: sessionCookie(as) } });
    const res = (await docxRoute.loader({ request, params: { id: String(id()), number: String(number) }, context: {} })) as Response;
    expect(res.status).toBe(200);
    return decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get("Content-Disposition") ?? "")![1]!);
  }

  it(
    "says what the pages' marking says: a draft until our leadership approves it, shared or not, then the version's number alone",
    { timeout: 120_000 },
    async () => {
      // The demo's version 1 is with the partner for review, its pages marked "DRAFT — not approved".
      expect(await savedAs(1, "partner@demo.test")).toBe("northshire-patient-safety-partnership-v1-draft.docx");
      expect(await savedAs(1, "manager@demo.test", "?edition=internal")).toBe("northshire-patient-safety-partnership-v1-draft-internal-briefing.docx");
      const next = createVersion(manager(), id(), "2026-12-01", "2026-12");
      expect(await savedAs(next.number, "manager@demo.test")).toBe(`northshire-patient-safety-partnership-v${next.number}-draft.docx`);
      approveByBoth(submitForApproval(manager(), id(), next.number));
      expect(await savedAs(next.number, "manager@demo.test")).toBe(`northshire-patient-safety-partnership-v${next.number}.docx`);
    }
  );
});

describe("how long a version stands", () => {
  /** Every mention of validity in the document: the cover's "Valid until" and the sentence beside our terms. */
  const validity = (text: string) => text.split("\n").filter((line) => /valid (until|for)/i.test(line));

  it("is stated while the offer is open, on the cover and beside our terms, and no longer once agreed", { timeout: 120_000 }, async () => {
    // Version 1 is dated 20 November 2026; the demo's profile gives a proposal 90 days.
    const shared = await partnerWord();
    expect(shared).toContain("\nDate\n20 November 2026\nValid until\n18 February 2027\nStatus\n");
    expect(shared).toContain("This proposal is confidential to its addressee.\nThis proposal is valid until 18 February 2027.");
    expect(validity(shared)).toEqual(["Valid until", "This proposal is valid until 18 February 2027."]);

    // Accepted by the partner, the offer's validity has done its work.
    await accept();
    expect(validity(await partnerWord())).toEqual([]);
    approveByBoth(submitForApproval(manager(), id(), 1));
    const agreed = await partnerWord();
    expect(agreed).toContain("Status\nAgreed\n");
    expect(validity(agreed)).toEqual([]);
    expect(agreed).toContain("This proposal is confidential to its addressee.");
  });

  it("is stated while our leadership decides and once it approved, and not once it declined", { timeout: 120_000 }, async () => {
    const requestId = submitForApproval(manager(), id(), 1);
    expect(validity(await partnerWord())).toContain("This proposal is valid until 18 February 2027.");
    decideApproval(leader("leader@demo.test"), requestId, {
      decision: "decline",
      conditions: "",
      reason: "Faculty are fully booked for the spring.",
      acknowledgedConflict: false,
      requestVersion: 1,
    });
    const declined = await partnerWord();
    expect(validity(declined)).toEqual([]);
  });

  it("follows the days the profile held when the version was made", { timeout: 120_000 }, async () => {
    db().update(organisationProfile).set({ offerValidDays: 30 }).run();
    const v = createVersion(manager(), id(), "2026-12-01", "2026-12");
    shareVersion(manager(), id(), v.number);
    db().update(organisationProfile).set({ offerValidDays: 120 }).run();
    expect(validity(await partnerWord(v.number))).toEqual(["Valid until", "This proposal is valid until 31 December 2026."]);
  });
});

describe("the next steps of a version whose request was withdrawn", () => {
  it("no longer say our leadership is reviewing it", { timeout: 120_000 }, async () => {
    const requestId = submitForApproval(manager(), id(), 1);
    expect(nextSteps(await partnerWord())).toMatch(/leadership is reviewing the resourcing this version commits/);
    expect(withdrawRequest(manager(), id(), requestId).versionId).toBeGreaterThan(0);
    const steps = nextSteps(await partnerWord());
    expect(steps).not.toMatch(/leadership is reviewing/);
    expect(steps).toMatch(/accept|ask for changes/);
  });
});

describe("the fee of a version that offered options", () => {
  it("once agreed, is the one the partner chose, beside the range that was offered", { timeout: 120_000 }, async () => {
    const eastmere = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Eastmere safer transitions programme")).get()!.id;
    const version = createVersion(manager(), eastmere, "2026-12-01", "2026-12");
    shareVersion(manager(), eastmere, version.number);
    const accepted = await callAction(partnerPage.action, {
      path: `/partner/engagements/${eastmere}`,
      params: { id: String(eastmere) },
      as: "partner2@demo.test",
      form: {
        intent: "respond",
        number: String(version.number),
        response: "accepted",
        reason: "",
        option: "B",
        signerName: "Graham Pell",
        signerTitle: "Chief Executive",
        confirm: "on",
      },
    });
    expect(accepted.status).toBe(303);
    const requestId = submitForApproval(manager(), eastmere, version.number);
    const first = decideApproval(leader("leader@demo.test"), requestId, {
      decision: "approve",
      conditions: "",
      reason: "",
      acknowledgedConflict: false,
      requestVersion: 1,
    });
    if (first.status === "pending")
      decideApproval(leader("leader2@demo.test"), requestId, {
        decision: "approve",
        conditions: "",
        reason: "",
        acknowledgedConflict: false,
        requestVersion: 2,
      });

    const request = new Request(`${BASE}/engagements/${eastmere}/versions/${version.number}/docx`, {
      headers: { Cookie: sessionCookie("partner2@demo.test") },
    });
    const res = (await docxRoute.loader({ request, params: { id: String(eastmere), number: String(version.number) }, context: {} })) as Response;
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    expect(text).not.toMatch(/estimated fee|agreed fee is between/i);
    expect(text).toMatch(
      /The fees offered were between USD\s[\d,]+ and USD\s[\d,]+, depending on the option chosen\.\s+Eastmere Regional Health Authority chose Option B: Virtual on \d+ \w+ \d{4}, for a fee of USD\s[\d,]+\./
    );
    expect(text).toMatch(/The fees offered for the work described were between USD\s[\d,]+ and USD\s[\d,]+, depending on the option chosen, covering/);
    expect(text).toMatch(
      /Eastmere Regional Health Authority chose Option B: Virtual on \d+ \w+ \d{4}, for a fee of USD\s[\d,]+\. Its payment schedule is set out under Options\./
    );
  });
});
