import { addDays, formatDate, isIsoDate } from "./calendar";
import type { ChartSpec } from "./charts";
import { ourName, signatoryText, type Proposer } from "./organisation-profile";
import type { NumberedReference } from "./references";
import type { ProposalChartKey } from "./proposal-charts";

/**
 * The proposal as content: sections of typed blocks, plain text only. Every renderer (the browser
 * preview, the printed PDF, the Word document) takes this shape and nothing else, so the three
 * always say the same thing. Text is never markup: renderers escape it.
 */
export type Block = BlockBody & {
  /** Whom the block is written for (docs/domain.md §9.4); absent means the partner. */
  audience?: Audience;
  /** How it is printed (withPrintMarks in proposal-print.ts): set when a page or the PDF is about to render it, never stored. */
  print?: PrintMark;
};

/**
 * How a block is printed beyond what its kind says (docs/domain.md §9.7): a short table kept whole on
 * one page, a sentence kept with what it leads into, a note kept with the table it explains, a picture
 * on a page of its own.
 */
export type PrintMark = { whole?: true; leadsIn?: true; explainsPrevious?: true; ownPage?: true };

/** The partner reads partner blocks; internal blocks reach only our staff and the internal briefing. */
export type Audience = "partner" | "internal";

type BlockBody =
  /** `byState`: the words for a version in a later state than a draft (`presentState`), frozen with the version like the text. */
  | { type: "paragraph"; text: string; tone?: "lead" | "note"; byState?: Partial<Record<WordedState, string>> }
  | { type: "bullets"; items: string[] }
  | { type: "numbered"; items: string[]; byState?: Partial<Record<WordedState, string[]>> }
  /**
   * A fact sheet: label / value pairs. `compared`: the rows as two versions are compared, where a row
   * says the version's own date (the day its capacity was judged), which is no change to the proposal.
   */
  | { type: "facts"; rows: [string, string][]; compared?: [string, string][] }
  | { type: "table"; caption: string; columns: string[]; rows: string[][]; numeric?: boolean[] }
  /** Months as columns, a shaded cell where the item is active; `marker` cells are one-day events or milestones. */
  | {
      type: "gantt";
      caption: string;
      months: string[];
      monthLabels: string[];
      rows: { label: string; kind: string; start: string; end: string; cells: ("active" | "marker" | "")[] }[];
    }
  /** A picture drawn with the version: the driver diagram or the timeline (from mermaid), or a chart (from `chartSources`). */
  | { type: "picture"; picture: PictureKey; caption: string; alt: string }
  /** Something the engagement does not say yet: shown visibly and listed in the completeness check. */
  | { type: "todo"; text: string }
  /** A quotation; a figure from the results library carries the numbers of its references (docs/domain.md §9.12). */
  | { type: "quote"; text: string; source: string; refs?: number[] }
  /** The numbered list of the sources the proposal cites, at its end. */
  | { type: "references"; items: NumberedReference[] }
  /** A manager's own words for a section's prose (docs/domain.md §9.6): paragraphs and lists with bold, italic and web links. */
  | { type: "rich"; parts: RichPart[] };

/** A run of text with its emphasis; `href` only ever an http(s) address. */
export type RichRun = { text: string; bold?: boolean; italic?: boolean; href?: string };
export type RichPart = { kind: "paragraph"; runs: RichRun[] } | { kind: "bullets" | "numbered"; items: RichRun[][] };

export type PictureKey = "driver-diagram" | "timeline" | ProposalChartKey;

/** The last section: the sources of the figures quoted (docs/domain.md §9.12); absent when nothing is cited. */
export const REFERENCES_KEY = "references";
export const REFERENCES_TITLE = "References";

/** The key of the section that sets out a version's options (docs/domain.md §9.13); present only when it offers options. */
export const OPTIONS_SECTION_KEY = "options";

export type ProposalSection = {
  key: string;
  title: string;
  blocks: Block[];
  subsections?: { title: string; blocks: Block[] }[];
  /** Staff only: the manager's edit of the section's prose, who made it and when, and newer generated text if any. */
  edit?: {
    by: string;
    at: string;
    markdown: string;
    newer?: RichPart[];
    /** With `newer`: figures the edit still gives that the engagement no longer does, and what it gives now (staleFigures). */
    stillGives?: { stale: string[]; now: string[] };
  };
};

export type ProposalContent = {
  title: string;
  subtitle: string;
  partnerName: string;
  /** Our organisation, as frozen with the version (docs/domain.md §9.8); absent in versions made before the profile. */
  proposer?: Proposer;
  /** The partner's executive sponsor: the proposal is addressed to them and their signature block names them (absent until the intake names them). */
  addressee?: { name: string; title: string | null };
  /** "Version 3" or "Live draft". */
  versionLabel: string;
  /** The date printed on the document: the version's creation date (YYYY-MM-DD), never "today" at render time. */
  date: string;
  sections: ProposalSection[];
  /** The "to be completed" markers, for the completeness check. */
  missing: { section: string; item: string }[];
  /** Mermaid source of each picture, generated from the model; pictures are rendered from it. */
  pictureSources: Partial<Record<PictureKey, string>>;
  /** The figures of each chart picture (docs/domain.md §8.11); drawn as SVG on the server with the version. Absent in versions made before the charts. */
  chartSources?: Partial<Record<ProposalChartKey, ChartSpec>>;
  /** Set when the content was cut for a reader: the partner version, or the internal briefing with its annex. */
  edition?: "partner" | "internal";
  /**
   * Where the version stands, set when it is presented in its approval state (`presentVersion`): the
   * partner's approval leaves out where a draft stands with us, yet our signature and the offer's
   * validity follow it. Absent, they follow the approval state given.
   */
  state?: VersionState;
};

/** One leader's own decision on the version, as they gave it (docs/domain.md §9.9). */
export type ApproverRecord = {
  name: string;
  at: string;
  decision: "approved" | "approved_with_conditions";
  /** Internal: absent in the partner version. */
  conditions?: string;
};

/**
 * The partner's electronic acceptance of the version (docs/domain.md §9.9): the signer as they typed
 * themselves, when, the option accepted and the fingerprint of what they accepted.
 */
export type AcceptanceRecord = {
  signerName: string;
  signerTitle: string;
  account: string;
  at: string;
  option: string;
  fingerprint: string;
  /** The key ("A", "B") of the option chosen, when the version offers options (docs/domain.md §9.13). */
  optionKey?: string;
};

/** A part a version still needs before it may be shared, as the pages and refusals name it: "Aims: The aim …". */
export function missingPartWords(m: { section: string; item: string }): string {
  return `${m.section}: ${m.item}`;
}

/** The signer of an acceptance as the record names them: "Dr Aoife Brennan, Chief Executive"; empty when none signed. */
export function signerText(name: string | null | undefined, title: string | null | undefined): string {
  return name ? [name, title].filter(Boolean).join(", ") : "";
}

/**
 * Where a version not yet approved stands: shared with the partner for review, changes asked for, with
 * our leadership for approval, or declined by it. Absent while it has not been shared.
 */
export type ReviewStage = "shared" | "changes_requested" | "awaiting_approval" | "declined";

/**
 * Where a version not yet approved stands, from what is recorded of it: its latest request for our
 * approval (pending or declined) first, then the partner's latest answer, then whether it was shared.
 */
export function reviewStage(facts: {
  sharedAt: string | null;
  latestRequest: "pending" | "approved" | "approved_with_conditions" | "declined" | "withdrawn" | null;
  latestResponse: "accepted" | "changes_requested" | null;
}): ReviewStage | null {
  if (facts.latestRequest === "declined") return "declined";
  if (facts.latestRequest === "pending") return "awaiting_approval";
  if (facts.latestResponse === "changes_requested") return "changes_requested";
  return facts.sharedAt ? "shared" : null;
}

/**
 * Our leadership's decline of a version, as the leader gave it: who, when and why. Internal: the
 * partner reads that our leadership did not approve the version, never who declined it or why.
 */
export type DeclineRecord = { name: string; at: string; reason: string };

/** Where the version stands: drafts carry a DRAFT marking; an approved version carries its approval block. Either may carry the partner's acceptance. */
export type ApprovalState = (
  | { status: "draft"; review?: ReviewStage; declined?: DeclineRecord }
  | {
      status: "approved";
      decision: "approved" | "approved_with_conditions";
      approvers: ApproverRecord[];
      conditions?: string;
    }
) & { acceptance?: AcceptanceRecord };

/** The marking on every page of a draft, in the Word document and the PDF alike. */
export const DRAFT_MARKING = "DRAFT — not approved";
/** The marking of a version our leadership declined: no longer a draft for discussion, and never to be agreed. */
export const DECLINED_MARKING = "DECLINED — not taken forward";

/** The marking on every page of a version not approved: a draft's, or once declined, that it was not taken forward. */
export function draftMarking(approval: ApprovalState, content: Pick<ProposalContent, "state">): string {
  return isDeclined(approval, content) ? DECLINED_MARKING : DRAFT_MARKING;
}

/** The word watermarked across a version not approved: "DRAFT", or "DECLINED". */
export function draftWatermark(approval: ApprovalState, content: Pick<ProposalContent, "state">): string {
  return isDeclined(approval, content) ? "DECLINED" : "DRAFT";
}

/**
 * What the DRAFT marking's sentence says: a version for discussion; once the partner accepted it, that
 * it was accepted and waits for our approval; once our leadership declined it, that it will not become
 * the agreed proposal (docs/domain.md §9.9). The state is the version's as presented (`presentVersion`):
 * the partner's approval state does not say that a draft was declined.
 */
export function draftNote(approval: ApprovalState, content: Pick<ProposalContent, "proposer" | "partnerName" | "state">): string {
  if (isDeclined(approval, content))
    return `${ourName(content.proposer, "shortName")}'s leadership did not approve this version: it will not become the agreed proposal.`;
  return (
    revisingNote(approval, content) ??
    acceptedNote(approval, ourName(content.proposer), content.partnerName) ??
    "This version is for discussion and is not an agreed proposal."
  );
}

/** What the approval page of a version not yet approved says before the signatures: the same, in its own words. */
export function draftApprovalNote(approval: ApprovalState, content: Pick<ProposalContent, "proposer" | "partnerName" | "state">): string {
  if (isDeclined(approval, content)) {
    const us = ourName(content.proposer, "shortName");
    return `${us}'s leadership did not approve this version, so it will not become the agreed proposal. ${us} may share a newer version with ${content.partnerName} in its place.`;
  }
  const revising = revisingNote(approval, content);
  if (revising) return revising;
  return (
    acceptedNote(approval, ourName(content.proposer), content.partnerName) ??
    "This is a draft for discussion. It becomes the agreed proposal when both parties have approved this version."
  );
}

/** A version the partner asked changes to is not on its way to agreement: a revised version replaces it. */
function revisingNote(approval: ApprovalState, content: Pick<ProposalContent, "proposer" | "partnerName" | "state">): string | null {
  if ((content.state ?? versionState(approval)) !== "changes_requested") return null;
  return `${content.partnerName} asked for changes to this version: ${ourName(
    content.proposer,
    "shortName"
  )} is revising it, and a new version will replace it.`;
}

/** Whether our leadership declined the version, by its state as presented (the partner's approval state does not say it). */
export const isDeclined = (approval: ApprovalState, content: Pick<ProposalContent, "state">) => (content.state ?? versionState(approval)) === "declined";

function acceptedNote(approval: ApprovalState, us: string, partner: string): string | null {
  const a = approval.acceptance;
  if (!a) return null;
  const when = a.at ? ` on ${formatDate(a.at)}` : "";
  return `${partner} accepted this version${when}; it becomes the agreed proposal once ${us} approves it.`;
}

/**
 * A version's state as its documents speak of it (docs/domain.md §9.9): a draft (not yet shared), shared
 * for review, changes asked for, with our leadership for approval, accepted by the partner and awaiting
 * our approval, declined by our leadership, approved and awaiting the partner's acceptance, or agreed
 * once both have been given.
 */
export const VERSION_STATES = ["draft", "shared", "changes_requested", "awaiting_approval", "accepted", "declined", "approved", "agreed"] as const;
export type VersionState = (typeof VERSION_STATES)[number];

/**
 * The states whose words differ where leadership approved with conditions (docs/domain.md §9.9): the
 * partner reads that conditions apply, which our team sets out with them, never what they are. Frozen
 * beside the state's own words; a version frozen before reads its state's.
 */
export const WITH_CONDITIONS = { approved: "approved_with_conditions", agreed: "agreed_with_conditions" } as const;
export type WordedState = VersionState | (typeof WITH_CONDITIONS)[keyof typeof WITH_CONDITIONS];

/** The state a version is in, from its approval and the partner's acceptance: the one rule the status, the next steps and the fee's wording follow. */
export function versionState(approval: ApprovalState): VersionState {
  if (approval.status === "approved") return approval.acceptance ? "agreed" : "approved";
  // A decline ends the version whatever the partner said; an acceptance waits only for our approval.
  if (approval.review === "declined") return "declined";
  if (approval.acceptance) return "accepted";
  return approval.review ?? "draft";
}

/**
 * The version's status as its documents state it: agreed once our leadership approved it and the
 * partner accepted it (docs/domain.md §9.9), each side's step named until then.
 */
export function decisionLabel(approval: ApprovalState, content?: Pick<ProposalContent, "state">): string {
  const state = content?.state ?? versionState(approval);
  if (approval.status === "draft") return state === "declined" ? "Declined — not taken forward" : "Draft — not approved";
  const conditions = approval.decision === "approved_with_conditions";
  if (state === "agreed") return conditions ? "Agreed, with conditions" : "Agreed";
  return conditions ? "Approved with conditions, awaiting acceptance" : "Approved, awaiting acceptance";
}

/**
 * The states in which a version is an offer the partner may still accept (docs/domain.md §9.9): not
 * after they asked for changes, accepted it or our leadership declined it.
 */
const OFFER_OPEN: readonly VersionState[] = ["draft", "shared", "awaiting_approval", "approved"];

/**
 * The day (YYYY-MM-DD) until which the proposal stands, while it is an offer the partner has not
 * accepted (docs/domain.md §9.8): the version's date and the profile's days, both frozen with it. None
 * once it is accepted, agreed, declined or answered with changes, where a validity would read wrong,
 * and none in versions made before the days were a setting.
 */
export function validUntil(content: Pick<ProposalContent, "date" | "proposer" | "state">, approval: ApprovalState): string | null {
  const days = content.proposer?.offerValidDays;
  if (!days || !isIsoDate(content.date) || !OFFER_OPEN.includes(content.state ?? versionState(approval))) return null;
  return addDays(content.date, days);
}

/** "This proposal is valid until 18 February 2027.", beside our terms at the end of the document; null when it says nothing of validity. */
export function validityText(content: Pick<ProposalContent, "date" | "proposer" | "state">, approval: ApprovalState): string | null {
  const until = validUntil(content, approval);
  return until ? `This proposal is valid until ${formatDate(until)}.` : null;
}

/** What the gantt's glyphs mean, in words, for readers who cannot tell the shading apart. */
export const GANTT_CELL_WORDS = { active: "active", marker: "event or milestone" } as const;

/**
 * The gantt's legend, in the unit its columns are: "active in the quarter" under a workplan by quarter
 * ("2027-Q1" columns), "active in the month" under one by month. Read from the columns, so a version
 * frozen before says it rightly too.
 */
export function ganttLegend(block: { months: string[] }): { active: string; marker: string } {
  const unit = block.months.some((m) => /-Q\d$/.test(m)) ? "quarter" : "month";
  return { active: `${GANTT_CELL_WORDS.active} in the ${unit}`, marker: `${GANTT_CELL_WORDS.marker} in the ${unit}` };
}

/** Rendered pictures of a version: a 2× PNG for Word and LibreOffice, the SVG for the browser and PDF. */
export type Picture = { svg: string; png: Uint8Array; width: number; height: number };
export type Pictures = Partial<Record<PictureKey, Picture>>;

/** The caption of the list of leaders who approved: "Approved by Northbridge's leadership", as the partner would say it. */
export function approversCaption(proposer: Pick<Proposer, "name" | "shortName"> | null | undefined, count: number): string {
  const by = `Approved by ${ourName(proposer, "shortName")}'s leadership`;
  return count > 1 ? `${by}: each leader's decision` : by;
}

export function approverDecisionLabel(approver: Pick<ApproverRecord, "decision">): string {
  return approver.decision === "approved_with_conditions" ? "Approved with conditions" : "Approved";
}

/** What the signature block says of one party: a name and title, and the signature and date once given (empty lines to sign until then). */
export type SignatureRow = { name: string; signature: string; date: string };

/**
 * The partner's row of the signature block. Once they have accepted electronically (docs/domain.md
 * §9.9), who accepted and when: a block of empty lines beside a recorded acceptance would read as
 * unsigned. Until then, the executive sponsor the proposal is addressed to, with lines to sign.
 */
export function partnerSignature(content: Pick<ProposalContent, "addressee" | "state">, acceptance: AcceptanceRecord | null | undefined): SignatureRow {
  if (acceptance) {
    return {
      name: signerText(acceptance.signerName, acceptance.signerTitle) || acceptance.account,
      signature: "Accepted electronically (see the record below)",
      date: acceptance.at ? formatDate(acceptance.at.slice(0, 10)) : "",
    };
  }
  const name = content.addressee ? addresseeText(content.addressee) : "";
  // Declined by our leadership, or being revised at the partner's request: not to be signed, as our row
  // says; no empty line invites a signature.
  const closed = unsignable(content.state);
  if (closed) return { name, signature: closed, date: "" };
  return { name, signature: "", date: "" };
}

/**
 * What both rows of the signature block say of a version neither party is to sign: one our leadership
 * declined, and one the partner asked changes to, which a revised version replaces (docs/domain.md §9.9).
 */
function unsignable(state: VersionState | undefined): string | null {
  if (state === "declined") return "Not taken forward";
  if (state === "changes_requested") return "Not for signature: changes were asked for";
  return null;
}

/**
 * Our row of the signature block (docs/domain.md §9.9, decision 24). We give our assent by our
 * leadership's approval of the version: once given, the row says so and on which day (the last
 * leader's), as the partner's row states their acceptance. It names the signatory of our profile,
 * frozen with the version; without one (or in a version made before the profile), the leaders who
 * approved. Until then the row says plainly that it awaits our leadership's approval, or, once our
 * leadership declined the version, that it was not taken forward (as the partner's page says), or, once
 * the partner asked for changes, that it is not for signature.
 */
export function ourSignature(content: Pick<ProposalContent, "proposer" | "state">, approval: ApprovalState): SignatureRow {
  const leadership = `${ourName(content.proposer, "shortName")}'s leadership`;
  const signatory = content.proposer ? signatoryText(content.proposer) : null;
  if (approval.status === "approved") {
    const last = approval.approvers
      .map((a) => a.at)
      .sort()
      .at(-1);
    return {
      name: signatory ?? namesText(approval.approvers.map((a) => a.name)),
      signature: `Approved by ${leadership} (see the record below)`,
      date: last ? formatDate(last.slice(0, 10)) : "",
    };
  }
  return {
    name: signatory ?? "",
    signature: unsignable(content.state ?? versionState(approval)) ?? `Awaiting approval by ${leadership}`,
    date: "",
  };
}

/** "Daniel Reyes", "Daniel Reyes and Priya Raman", "A, B and C". */
function namesText(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0] ?? "";
}

/** "Helen Marsh, Chief Executive": the partner's executive sponsor as the cover and signature block name them. */
export function addresseeText(a: NonNullable<ProposalContent["addressee"]>): string {
  return a.title ? `${a.name}, ${a.title}` : a.name;
}

/** The fingerprint as printed: the SHA-256 in groups of eight, so that a reader can compare it by eye. */
export function fingerprintText(hex: string): string {
  return (hex.match(/.{1,8}/g) ?? []).join(" ");
}

/** The option a version offers, as its acceptance records it: today one option, named by its fee when it has one. */
export function acceptedOptionLabel(fee: string | null): string {
  return fee ? `The proposal as described, for a fee of ${fee}` : "The proposal as described";
}
