import mammoth from "mammoth";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProposalDocument } from "~/components/proposal-document";
import { partnerApproval } from "~/domain/proposal-audience";
import { presentVersion } from "~/domain/proposal-state";
import type { ApprovalState } from "~/domain/proposal-content";
import { renderProposalDocx } from "~/services/docx.server";
import { APPROVED, sampleProposal } from "../helpers/sample-proposal";

const PROPOSER = {
  name: "Harbourside Quality Institute",
  shortName: "Harbourside",
  address: "1 Quay Street\nHarbourside HB1 1AA",
  brandColour: "#224466",
  contact: { name: "Sam Okafor", email: "sam@harbourside.example", phone: "+44 1632 960 001" },
  signatory: { name: "Prof. Lena Byrne", title: "President" },
  legalFooter: "Harbourside Quality Institute is a registered charity.",
  logo: null,
};

const FINGERPRINT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const ACCEPTED: ApprovalState = {
  ...APPROVED,
  acceptance: {
    signerName: "Helen Marsh",
    signerTitle: "Chief Executive",
    account: "Helen Marsh",
    at: "2026-11-20T14:05:09.000Z",
    option: "The proposal as described, for a fee of USD 480,000",
    fingerprint: FINGERPRINT,
  },
};

/** The document's text; `edition` as a document is printed, none as staff read a version on its page. */
function text(approval: ApprovalState, proposer = PROPOSER, edition?: "internal") {
  const content = { ...sampleProposal({ proposer, addressee: { name: "Dr Ines Calder", title: "Chief Executive" } }), ...(edition ? { edition } : {}) };
  return readable(renderToStaticMarkup(createElement(ProposalDocument, { content, pictures: {}, approval, mode: edition ? "print" : "screen" })));
}

const readable = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

/** The Word document's text as an independent reader gives it, one paragraph or table cell a line. */
async function wordText(approval: ApprovalState, proposer = PROPOSER) {
  const content = sampleProposal({ proposer, addressee: { name: "Dr Ines Calder", title: "Chief Executive" } });
  const bytes = await renderProposalDocx(content, {}, approval);
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value.replace(/\n+/g, "\n");
}

describe("the approval page of the Word document", () => {
  it("fills the partner's signature with their electronic acceptance, and leaves lines to sign without one", async () => {
    expect(await wordText(ACCEPTED)).toMatch(
      /For Northbridge Health\nHelen Marsh, Chief Executive\nAccepted electronically \(see the record below\)\n20 November 2026\n/
    );
    const unsigned = await wordText(APPROVED);
    expect(unsigned).toMatch(/For Northbridge Health\nDr Ines Calder, Chief Executive\nApproved by Harbourside's leadership/);
    expect(unsigned).not.toContain("Accepted electronically");
  });
});

describe("our row of the signature block", () => {
  const NO_SIGNATORY = { ...PROPOSER, signatory: { name: "", title: "" } };

  it("says plainly that it awaits our leadership's approval until it is given, in Word and in the page alike", async () => {
    const shared: ApprovalState = { status: "draft", review: "shared" };
    expect(await wordText(shared)).toMatch(
      /For Harbourside Quality Institute\nProf\. Lena Byrne, President\nAwaiting approval by Harbourside's leadership\nFor Northbridge Health\n/
    );
    expect(text(shared)).toMatch(
      /For Harbourside Quality Institute Prof\. Lena Byrne, President Awaiting approval by Harbourside's leadership For Northbridge/
    );
    // Accepted by the partner, it still waits for us.
    expect(text({ ...shared, acceptance: ACCEPTED.acceptance })).toMatch(/President Awaiting approval by Harbourside's leadership For Northbridge/);
    expect(text({ status: "draft", review: "declined" })).toMatch(/President Not taken forward For Northbridge/);
  });

  it("asks neither party to sign a version the partner asked changes to, in Word and in the page alike", async () => {
    const revising: ApprovalState = { status: "draft", review: "changes_requested" };
    const content = presentVersion(sampleProposal({ proposer: PROPOSER, addressee: { name: "Dr Ines Calder", title: "Chief Executive" } }), revising);
    const page = readable(renderToStaticMarkup(createElement(ProposalDocument, { content, pictures: {}, approval: revising, mode: "screen" })));
    expect(page).toMatch(
      /President Not for signature: changes were asked for For Northbridge Health\S* Dr Ines Calder, Chief Executive Not for signature: changes were asked for /
    );
    expect(page).not.toContain("Awaiting approval by");
    const word = (await mammoth.extractRawText({ buffer: Buffer.from(await renderProposalDocx(content, {}, revising)) })).value.replace(/\n+/g, "\n");
    expect(word).toMatch(
      /Prof\. Lena Byrne, President\nNot for signature: changes were asked for\nFor Northbridge Health\nDr Ines Calder, Chief Executive\nNot for signature: changes were asked for\n/
    );
    expect(word).not.toContain("Awaiting approval by");
  });

  it("once approved, says who signs for us, that our leadership approved, and when, in Word and in the page alike", async () => {
    expect(await wordText(APPROVED)).toMatch(
      /For Harbourside Quality Institute\nProf\. Lena Byrne, President\nApproved by Harbourside's leadership \(see the record below\)\n25 November 2026\nFor Northbridge Health\n/
    );
    expect(text(partnerApproval(APPROVED))).toMatch(
      /For Harbourside Quality Institute Prof\. Lena Byrne, President Approved by Harbourside's leadership \(see the record below\) 25 November 2026 For Northbridge/
    );
  });

  it("names the leaders who approved when our profile names no signatory, and no one before", async () => {
    expect(await wordText(APPROVED, NO_SIGNATORY)).toMatch(
      /For Harbourside Quality Institute\nDr Eleanor Whitfield and Marcus Oyelaran\nApproved by Harbourside's leadership \(see the record below\)\n25 November 2026\n/
    );
    expect(text({ status: "draft", review: "awaiting_approval" }, NO_SIGNATORY)).toMatch(
      /For Harbourside Quality Institute Awaiting approval by Harbourside's leadership For Northbridge/
    );
  });
});

describe("the approval page of the document", () => {
  it("names both parties' signatories apart from the leaders who approved, with lines to sign until the partner accepts", () => {
    const t = text(APPROVED);
    expect(t).toContain("For Harbourside Quality Institute Prof. Lena Byrne, President");
    expect(t).toMatch(/For Northbridge Health\S* Dr Ines Calder, Chief Executive Approved by/);
    expect(t).not.toContain("Accepted electronically");
    expect(t).not.toContain("Approver");
    expect(t).toContain("Proposed by Harbourside Quality Institute");
    expect(t).toContain("Harbourside Quality Institute is a registered charity.");
  });

  it("prints each leader's own decision in the internal briefing: one approved as it stands, one with their condition", () => {
    const t = text(ACCEPTED, PROPOSER, "internal");
    expect(t).toMatch(/Dr Eleanor Whitfield Approved 24 November 2026 None/);
    expect(t).toMatch(/Marcus Oyelaran Approved with conditions 25 November 2026 Travel costs to be confirmed before Learning Session 1\./);
  });

  it("on a version's page, sets the leaders' conditions apart as internal, as the page marks every internal block", () => {
    const content = sampleProposal({ proposer: PROPOSER });
    const html = renderToStaticMarkup(createElement(ProposalDocument, { content, pictures: {}, approval: ACCEPTED, mode: "screen" }));
    const internal = [...html.matchAll(/<div class="proposal-internal" data-audience="internal">(.*?)<\/div>/g)].map((m) => readable(m[1]!));
    const conditions = internal.find((t) => t.includes("Travel costs to be confirmed"));
    expect(conditions).toBe(
      " Internal — not in the partner version Leadership's conditions Leader Conditions Marcus Oyelaran Travel costs to be confirmed before Learning Session 1. "
    );
    // Nowhere else on the page: the table of decisions reads as the partner's does, without a column of conditions.
    const outside = readable(html.replace(/<div class="proposal-internal" data-audience="internal">.*?<\/div>/g, ""));
    expect(outside).not.toContain("Travel costs to be confirmed");
    expect(outside).toMatch(/Leader Decision Date Dr Eleanor Whitfield Approved 24 November 2026 Marcus Oyelaran Approved with conditions 25 November 2026 /);
  });

  it("fills the partner's signature with their electronic acceptance: who accepted, and when", () => {
    const t = text(ACCEPTED);
    expect(t).toMatch(
      /For Northbridge Health\S* Helen Marsh, Chief Executive Accepted electronically \(see the record below\) 20 November 2026 Electronic acceptance record/
    );
    // Our side signed by our leadership's approval: named, and dated the day the last leader approved.
    expect(t).toMatch(
      /For Harbourside Quality Institute Prof\. Lena Byrne, President Approved by Harbourside's leadership \(see the record below\) 25 November 2026 For Northbridge/
    );
  });

  it("prints the electronic acceptance record: signer, time, option and fingerprint", () => {
    const t = text(ACCEPTED);
    expect(t).toContain("Electronic acceptance record");
    expect(t).toContain("Signed by Helen Marsh, Chief Executive (signed in as Helen Marsh)");
    expect(t).toContain("Time 20 November 2026, 14:05 UTC");
    expect(t).toContain("Option accepted The proposal as described, for a fee of USD 480,000");
    expect(t).toContain("9f86d081 884c7d65 9a2feaa0 c55ad015 a3bf4f1b 2b0b822c d15d6c15 b0f00a08");
  });

  it("keeps leaders' conditions' text out of the partner version, but says truthfully who approved with conditions, when, and the acceptance", () => {
    const t = text(partnerApproval(ACCEPTED));
    expect(t).not.toContain("Travel costs to be confirmed");
    expect(t).not.toContain("Leadership's conditions");
    // The kind of each decision is the partner's to know: a leader who set conditions did not simply approve.
    expect(t).toMatch(
      /Approved by Harbourside's leadership: each leader's decision Leader Decision Date Dr Eleanor Whitfield Approved 24 November 2026 Marcus Oyelaran Approved with conditions 25 November 2026/
    );
    expect(t).toContain("Status Agreed, with conditions ");
    expect(t).toContain("Electronic acceptance record");
    expect(text(partnerApproval(APPROVED))).toContain("Approved with conditions, awaiting acceptance — Version 3");
  });

  it("heads the leaders' decisions as the partner would say it, naming us", () => {
    expect(text(ACCEPTED)).toContain("Approved by Harbourside's leadership: each leader's decision");
    expect(text(ACCEPTED)).not.toContain("Approved for our leadership");
    const one: ApprovalState = {
      status: "approved",
      decision: "approved",
      approvers: [{ name: "Dr Eleanor Whitfield", at: "2026-11-24", decision: "approved" }],
    };
    expect(text(one)).toMatch(/Approved by Harbourside's leadership Leader Decision Date Dr Eleanor Whitfield/);
  });
});

describe("the status a document states", () => {
  it("is agreed only once the partner has accepted what our leadership approved", () => {
    expect(text(APPROVED)).toContain("Approved with conditions, awaiting acceptance — Version 3");
    expect(text(APPROVED)).not.toContain("Agreed");
    expect(text(ACCEPTED)).toContain("Agreed, with conditions — Version 3");
    expect(text(ACCEPTED)).not.toContain("awaiting acceptance");
  });
});
