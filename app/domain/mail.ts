/**
 * What people are told by mail, and when (docs/domain.md §9.11). Pure: the words of each message from
 * the plain facts of the event, and how long to wait before trying again a message that could not be
 * sent. Messages are plain text and carry only what their reader may see: the engagement's title as
 * shared, the partner's name, a version number, who acted, and a link; never a comment, a condition or
 * anything else written inside the engagement. The one exception is a leader's reason for declining,
 * told to the engagement's owners (staff who read it on the review page anyway), quoted as typed.
 */
import { mayEver, type Action } from "./permissions";
import { answerByRequest } from "./answer-by";
import type { Actor } from "./roles";
import type { LeadershipStance } from "./workflow";
import { DEFAULT_PROPOSER, type Proposer } from "./organisation-profile";

/**
 * The notices a user may turn off for themselves, one choice each under "Notices by mail". Invitations,
 * password resets, the receipt of a partner's own acceptance and the partner's record of an agreement
 * (ALWAYS_SENT) are always sent.
 */
export const NOTICE_KINDS = [
  "version_shared",
  "version_approved",
  "version_declined",
  "partner_commented",
  "partner_answered",
  "approval_requested",
  "approval_decided",
  "partner_accepted",
  "engagement_owned",
  "roster_shortfall",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * The notices that follow another one and are sent or not with it: a request's withdrawal, or its
 * decline by another leader, goes to whoever was told of the request. Each carries its own kind in
 * the outbox and the X-Planner-Notice header, and is turned off with the notice it follows.
 */
export const FOLLOW_UP_KINDS = {
  approval_withdrawn: "approval_requested",
  approval_closed: "approval_requested",
  // A new day for the partner's answer to a version shared with them (docs/domain.md §9.16).
  answer_by_changed: "version_shared",
} as const satisfies Record<string, NoticeKind>;
export type FollowUpKind = keyof typeof FOLLOW_UP_KINDS;
export type MailKind = NoticeKind | FollowUpKind | "invitation" | "password_reset" | "acceptance_receipt" | "version_agreed";

/** The choice that turns a notice off: its own, or that of the notice it follows. */
export function choiceOf(kind: NoticeKind | FollowUpKind): NoticeKind {
  return kind in FOLLOW_UP_KINDS ? FOLLOW_UP_KINDS[kind as FollowUpKind] : (kind as NoticeKind);
}

export const NOTICE_LABELS: Record<NoticeKind, { label: string; who: string }> = {
  version_shared: { label: "A proposal is shared with my organisation", who: "Partner executives" },
  version_approved: { label: "A proposal shared with my organisation is approved and waits for our acceptance", who: "Partner executives" },
  version_declined: { label: "A proposal shared with my organisation is not approved, so it will not go ahead", who: "Partner executives" },
  partner_commented: { label: "The partner comments on a proposal I own", who: "Engagement owners" },
  partner_answered: { label: "The partner accepts a proposal I own or asks for changes", who: "Engagement owners" },
  approval_requested: {
    label: "A proposal is submitted for an approval I may decide, or that request is withdrawn or declined by another leader",
    who: "Leadership",
  },
  approval_decided: { label: "Leadership decides on a proposal I own", who: "Engagement owners" },
  partner_accepted: { label: "The partner accepts a proposal I approved or may decide on", who: "Leadership" },
  engagement_owned: { label: "An engagement is handed over to me, or I am made its co-owner", who: "Engagement owners" },
  roster_shortfall: {
    label: "A change to the staff roster leaves an engagement I own or may approve short of staff",
    who: "Engagement owners and leadership",
  },
};

/** Who can receive each notice at all, by the permission table: only they are offered the choice. */
const NOTICE_AUDIENCE: Record<NoticeKind, Action> = {
  version_shared: "proposal:respond",
  version_approved: "proposal:respond",
  version_declined: "proposal:respond",
  partner_commented: "proposal:submit",
  partner_answered: "proposal:submit",
  approval_requested: "approval:decide",
  approval_decided: "proposal:submit",
  partner_accepted: "approval:decide",
  engagement_owned: "engagement:update",
  // Owners of an engagement and leadership alike: both read the portfolio.
  roster_shortfall: "portfolio:read",
};

/**
 * The records sent whatever one chooses, said under the choices to those who receive them: the partner
 * executive's receipt of their own acceptance (what they signed), and, to every executive of the
 * partner, the agreement of a version (what is in force from when; docs/domain.md §9.11). A record
 * turned off would leave the partner not knowing what binds them.
 */
export const ALWAYS_SENT: readonly { kind: Extract<MailKind, "acceptance_receipt" | "version_agreed">; label: string; audience: Action }[] = [
  { kind: "acceptance_receipt", label: "I accept a proposal: my receipt, the record of what I signed", audience: "proposal:respond" },
  {
    kind: "version_agreed",
    label: "A proposal shared with my organisation becomes agreed by both sides: the record of what is in force, and from when",
    audience: "proposal:respond",
  },
];

/** The records always sent to this user, as the choices page lists them. */
export function alwaysSentFor(actor: Pick<Actor, "role">): string[] {
  return ALWAYS_SENT.filter((k) => mayEver(actor, k.audience)).map((k) => k.label);
}

export function noticeKindsFor(actor: Pick<Actor, "role">): NoticeKind[] {
  return NOTICE_KINDS.filter((k) => mayEver(actor, NOTICE_AUDIENCE[k]));
}

export function isNoticeKind(kind: string): kind is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(kind);
}

export type Letter = { subject: string; body: string };

const SIGN_OFF = "\n\n— Partnership Planner\nYou can turn notices like this off under “Notices by mail” in your account.";

/** Line breaks and control characters in a title or name become spaces: a subject is one line. */
export function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** To the partner's executives: who shared what, for whom, from which organisation (ours, as its profile names it). */
export function versionShared(f: {
  title: string;
  number: number;
  sharedBy: string;
  proposer: string;
  link: string;
  /** The version the partner accepted, in force, when this one amends it. */
  agreed?: number | null;
  /** The day the partner is asked to answer by (docs/domain.md §9.16). */
  answerBy?: string | null;
}): Letter {
  const title = oneLine(f.title);
  const by = f.answerBy ? `\n\n${answerByRequest(f.answerBy)}` : "";
  // An amendment to the version they agreed is said as one, and that the agreed version stays in force meanwhile.
  const what = f.agreed
    ? `version ${f.number} of the proposal “${title}”, an amendment to version ${f.agreed}, with your organisation for review. Version ${f.agreed}, which your organisation accepted, stays agreed and in force meanwhile.`
    : `version ${f.number} of the proposal “${title}” with your organisation for review.`;
  return {
    subject: `${f.agreed ? "Amendment" : "Proposal"} shared with you: ${title}`,
    body: `${oneLine(f.sharedBy)} of ${oneLine(f.proposer)} shared ${what}${by}\n\nRead it, comment on it and answer it here:\n${f.link}${SIGN_OFF}`,
  };
}

/** The day the partner is asked to answer a version by was changed: its executives are told the new day. */
export function answerByChanged(f: { title: string; number: number; changedBy: string; proposer: string; answerBy: string; link: string }): Letter {
  const title = oneLine(f.title);
  return {
    subject: `New date for your answer: ${title}`,
    body: `${oneLine(f.changedBy)} of ${oneLine(f.proposer)} changed the day by which we ask for your answer to version ${
      f.number
    } of the proposal “${title}”. ${answerByRequest(f.answerBy)}\n\nRead it, comment on it and answer it here:\n${f.link}${SIGN_OFF}`,
  };
}

export function partnerCommented(f: { title: string; number: number; author: string; organisation: string; link: string }): Letter {
  const title = oneLine(f.title);
  return {
    subject: `New comment from ${oneLine(f.organisation)}: ${title}`,
    body: `${oneLine(f.author)} of ${oneLine(f.organisation)} commented on version ${f.number} of “${title}”.\n\nRead and answer it here:\n${
      f.link
    }${SIGN_OFF}`,
  };
}

export function partnerAnswered(f: {
  title: string;
  number: number;
  author: string;
  organisation: string;
  accepted: boolean;
  link: string;
  /** For an acceptance: what was accepted ("Option B: Virtual, for a fee of …") and who signed, as the record says. */
  acceptance?: { what: string; signer: string } | null;
  /** Where our leadership's approval stood when they answered: an acceptance needs no submission once it is asked for or given. */
  leadership?: LeadershipStance;
}): Letter {
  const title = oneLine(f.title);
  const what = f.accepted ? "accepted" : "asked for changes to";
  const record = f.accepted ? acceptanceRecord(f.acceptance) : "";
  return {
    subject: f.accepted ? `Proposal accepted by ${oneLine(f.organisation)}: ${title}` : `Changes asked for by ${oneLine(f.organisation)}: ${title}`,
    body: `${oneLine(f.author)} of ${oneLine(f.organisation)} ${what} version ${f.number} of “${title}”.${record}\n\n${
      !f.accepted
        ? "Their reasons are on the review page"
        : f.leadership === "approved"
        ? "Our leadership had already approved it: the proposal is now agreed by both sides"
        : f.leadership === "deciding"
        ? "It is with our leadership for approval"
        : "It can now be submitted for approval"
    }:\n${f.link}${SIGN_OFF}`,
  };
}

/**
 * To the partner executive who accepted a version: their receipt, always sent, as the record of what
 * they signed for their organisation says it (docs/domain.md §9.11): the version, what was accepted,
 * who signed, when, and the fingerprint of the document accepted, with the link to read it again.
 */
export function acceptanceReceipt(f: {
  title: string;
  number: number;
  organisation: string;
  proposer: string;
  acceptedOn: string;
  acceptance: { what: string; signer: string } | null;
  fingerprint: string;
  link: string;
}): Letter {
  const title = oneLine(f.title);
  return {
    subject: `Your acceptance of ${title}, version ${f.number}`,
    body: `You accepted version ${f.number} of “${title}” for ${oneLine(f.organisation)} on ${f.acceptedOn}.${acceptanceRecord(
      f.acceptance
    )}\n\nThe document accepted has the fingerprint (SHA-256) ${f.fingerprint}, as its page shows; ${oneLine(
      f.proposer
    )} takes it forward from here. The proposal and the record of your acceptance:\n${
      f.link
    }\n\n— Partnership Planner\nThis receipt is sent to whoever accepts a proposal, as a record of what they signed.`,
  };
}

/**
 * To every executive of the partner, when a version becomes agreed by both sides, whichever of their
 * acceptance and our leadership's approval came last (docs/domain.md §9.11): the version, that it is
 * in force from that day, what was accepted and the fingerprint, as the acceptance receipt says them,
 * and the link. Approved with conditions, it says there are some and who sets them out with them (our
 * manager, by name and address), never their text. An amendment says which version it replaces. Always
 * sent: it is the partner's record of what is in force, as the receipt is of what was signed.
 */
export function versionAgreed(f: {
  title: string;
  number: number;
  organisation: string;
  proposer: string;
  agreedOn: string;
  acceptance: { what: string; signer: string } | null;
  fingerprint: string;
  /** Our manager who sets out leadership's conditions with the partner, when it approved with conditions. */
  conditions: { manager: string; email: string } | null;
  /** The version it replaces as the one in force, and whether the partner had accepted that one. */
  replaces: { number: number; accepted: boolean } | null;
  link: string;
}): Letter {
  const title = oneLine(f.title);
  const replaces = f.replaces
    ? ` It replaces version ${f.replaces.number}${f.replaces.accepted ? ", agreed before," : ""} as the proposal in force: version ${
        f.replaces.number
      } is no longer in force.`
    : "";
  const fingerprint = f.fingerprint ? `\n\nThe document agreed has the fingerprint (SHA-256) ${oneLine(f.fingerprint)}, as its page shows.` : "";
  const conditions = f.conditions
    ? `\n\nThe leadership of ${oneLine(f.proposer)} approved it with conditions, which ${oneLine(f.conditions.manager)} (${oneLine(
        f.conditions.email
      )}) will set out with you.`
    : "";
  return {
    subject: `${f.replaces ? "Amendment agreed" : "Agreed"}: ${title}, version ${f.number}`,
    body: `Version ${f.number} of the proposal “${title}” is now agreed by both sides: ${oneLine(f.organisation)} accepted it and the leadership of ${oneLine(
      f.proposer
    )} approved it. It is in force from ${f.agreedOn}.${replaces}${acceptanceRecord(
      f.acceptance
    )}${fingerprint}${conditions}\n\nThe agreed proposal and the record of your acceptance:\n${
      f.link
    }\n\n— Partnership Planner\nThis record is sent to every executive of your organisation when a proposal becomes agreed.`,
  };
}

/** What an acceptance accepted and who signed it, as its record says; nothing when the record has neither. */
function acceptanceRecord(acceptance: { what: string; signer: string } | null | undefined): string {
  return acceptance?.what ? `\n\nAccepted: ${oneLine(acceptance.what)}${acceptance.signer ? `; signed by ${oneLine(acceptance.signer)}` : ""}.` : "";
}

/**
 * To the partner's executives, when our leadership approved a version shared with them that they have
 * not yet accepted: it is approved, and becomes the agreed proposal once they accept it. Approved with
 * conditions, it says so, as their page does, and that the team will set them out with them; never their text.
 */
export function versionApproved(f: { title: string; number: number; proposer: string; withConditions?: boolean; link: string }): Letter {
  const title = oneLine(f.title);
  const conditions = f.withConditions ? " with conditions, which the team will set out with you" : "";
  return {
    subject: `Approved, waiting for your acceptance: ${title}`,
    body: `The leadership of ${oneLine(f.proposer)} approved version ${
      f.number
    } of the proposal “${title}”${conditions}. It becomes the agreed proposal once your organisation accepts it.\n\nRead it and accept it here:\n${
      f.link
    }${SIGN_OFF}`,
  };
}

/**
 * To the partner's executives, when our leadership declined a version shared with them: it will not
 * become the agreed proposal, as their page says. Who declined it and why are ours: not said.
 */
export function versionDeclined(f: { title: string; number: number; proposer: string; accepted: boolean; link: string; agreed?: number | null }): Letter {
  const title = oneLine(f.title);
  // An amendment to a version the partner accepted: that version stays agreed and in force, and they are told so first.
  if (f.agreed != null) {
    const theirs = f.accepted ? " Your organisation's acceptance of version " + f.number + " no longer stands." : "";
    return {
      subject: `Amendment not approved: ${title}`,
      body: `The leadership of ${oneLine(f.proposer)} did not approve version ${f.number} of the proposal “${title}”, an amendment to version ${
        f.agreed
      }. Version ${
        f.agreed
      }, which your organisation accepted, stays agreed and in force.${theirs} The partnership team will follow up.\n\nThe proposal is here:\n${
        f.link
      }${SIGN_OFF}`,
    };
  }
  // Once the partner accepted it, their acceptance no longer stands; else it can no longer be accepted.
  const consequence = f.accepted
    ? "so it will not become the agreed proposal: your organisation's acceptance of it no longer stands"
    : "so it will not become the agreed proposal and can no longer be accepted";
  return {
    subject: `Not approved: ${title}`,
    body: `The leadership of ${oneLine(f.proposer)} did not approve version ${
      f.number
    } of the proposal “${title}”, ${consequence}. The partnership team will follow up, and may share a newer version with you.\n\nThe proposal is here:\n${
      f.link
    }${SIGN_OFF}`,
  };
}

/**
 * To our leaders, when the partner accepts a version they approved (the proposal is now agreed by both
 * sides) or one whose approval request is open for them to decide.
 */
export function partnerAccepted(f: {
  title: string;
  number: number;
  author: string;
  organisation: string;
  acceptance: { what: string; signer: string } | null;
  leadership: "approved" | "deciding";
  link: string;
}): Letter {
  const title = oneLine(f.title);
  return {
    subject: `Proposal accepted by ${oneLine(f.organisation)}: ${title}`,
    body: `${oneLine(f.author)} of ${oneLine(f.organisation)} accepted version ${f.number} of “${title}”.${acceptanceRecord(f.acceptance)}\n\n${
      f.leadership === "approved"
        ? "Our leadership had already approved it: the proposal is now agreed by both sides. The approval is here"
        : "Its approval request is still open: it waits for our leadership's decision here"
    }:\n${f.link}${SIGN_OFF}`,
  };
}

export function approvalRequested(f: {
  title: string;
  number: number;
  submittedBy: string;
  link: string;
  /** The approved version in force, when this one is an amendment to it. */
  amends?: number | null;
}): Letter {
  const title = oneLine(f.title);
  const amendment = f.amends
    ? ` It amends version ${f.amends}, which leadership approved: version ${f.amends} remains the approved version until version ${f.number} is approved.`
    : "";
  return {
    subject: `Approval requested${f.amends ? " for an amendment" : ""}: ${title}`,
    body: `${oneLine(f.submittedBy)} submitted version ${f.number} of “${title}” for approval.${amendment}\n\nReview it and decide here:\n${f.link}${SIGN_OFF}`,
  };
}

export function approvalDecided(f: {
  title: string;
  number: number;
  outcome: "approved" | "approved_with_conditions" | "declined";
  link: string;
  /** For a decline: the leader who declined and the reason they gave. */
  decline?: { by: string; reason: string } | null;
  /** An approval of a version the partner had accepted: it is now agreed by both sides. */
  agreed?: boolean;
}): Letter {
  const title = oneLine(f.title);
  const said = { approved: "approved", approved_with_conditions: "approved with conditions", declined: "declined" }[f.outcome];
  const why = f.outcome === "declined" && f.decline ? `\n\n${oneLine(f.decline.by)} declined it, for this reason:\n\n${quoted(f.decline.reason)}` : "";
  const verb = f.outcome === "declined" ? "declined" : "approved";
  const conditions = f.outcome === "approved_with_conditions" ? " with conditions" : "";
  return {
    subject: `Leadership ${said}: ${title}`,
    body: `Leadership ${verb} version ${f.number} of “${title}”${conditions}.${why}${
      f.agreed && f.outcome !== "declined" ? " The partner had already accepted it: the proposal is now agreed by both sides." : ""
    }\n\nSee the decision here:\n${f.link}${SIGN_OFF}`,
  };
}

/**
 * To the leaders told of an approval request, when its owners withdraw it: nothing is left for them to
 * decide. Sent to whoever was told of the request, as its own kind of notice that is turned off with
 * the request's (FOLLOW_UP_KINDS).
 */
export function approvalWithdrawn(f: { title: string; number: number; withdrawnBy: string; link: string }): Letter {
  const title = oneLine(f.title);
  return {
    subject: `Approval request withdrawn: ${title}`,
    body: `The request to approve version ${f.number} of “${title}” was withdrawn by ${oneLine(
      f.withdrawnBy
    )}; no decision is needed.\n\nThe request is here:\n${f.link}${SIGN_OFF}`,
  };
}

/**
 * To the other leaders told of an approval request, when one leader's decline closes it: who declined
 * it, so that nobody looks for a decision still to make. Their reason is on the request's page.
 */
export function approvalClosed(f: { title: string; number: number; declinedBy: string; link: string }): Letter {
  const title = oneLine(f.title);
  return {
    subject: `Approval request declined by ${oneLine(f.declinedBy)}: ${title}`,
    body: `${oneLine(f.declinedBy)} declined version ${
      f.number
    } of “${title}”, which closes its approval request; no decision is needed from you.\n\nThe request and the reason given are here:\n${f.link}${SIGN_OFF}`,
  };
}

/**
 * To a manager who now owns engagements, or co-owns one (docs/domain.md §9.15): who handed which over
 * to them, and where each is. Staff mail: the engagements by their titles as they stand.
 */
export function engagementsOwned(f: { by: string; as: "owner" | "co-owner"; engagements: { title: string; link: string }[] }): Letter {
  const [first] = f.engagements;
  const many = f.engagements.length > 1;
  const list = f.engagements.map((e) => `“${oneLine(e.title)}”:\n${e.link}`).join("\n\n");
  if (f.as === "co-owner")
    return {
      subject: `You are a co-owner of ${oneLine(first?.title ?? "")}`,
      body: `${oneLine(
        f.by
      )} made you a co-owner of an engagement: you may now change it, generate and share its proposals and submit them for approval.\n\n${list}${SIGN_OFF}`,
    };
  return {
    subject: many ? `${f.engagements.length} engagements handed over to you` : `Engagement handed over to you: ${oneLine(first?.title ?? "")}`,
    body: `${oneLine(f.by)} handed ${many ? `${f.engagements.length} engagements` : "an engagement"} over to you: you are now ${
      many ? "their" : "its"
    } owner, and ${many ? "they wait" : "it waits"} for you to take ${many ? "them" : "it"} forward.\n\n${list}${SIGN_OFF}`,
  };
}

/**
 * Text someone typed, quoted line by line ("> "), as mail quotes: it reads as their words, never as
 * the message's own lines (a link or a sign-off of ours). Control characters become spaces; blank
 * lines are kept, quoted, and runs of them closed up.
 */
export function quoted(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029]+/g, " ")
    .trim()
    .split("\n")
    .map((line) => line.trim())
    .filter((line, i, lines) => line !== "" || (i > 0 && lines[i - 1] !== ""))
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
}

/**
 * An invitation names who invited the reader and for whom: our organisation (`from`, left out while it
 * is still the product's own name) and, for a partner's executive, their organisation (`partner`), so
 * that a message from an address they do not know says why it came.
 */
export function invitation(f: {
  name: string;
  invitedBy: string;
  link: string;
  days: number;
  proposalsWaiting?: number;
  from?: Inviter["from"];
  partner?: string | null;
}): Letter {
  const waiting = f.proposalsWaiting ?? 0;
  const one = waiting === 1;
  const proposals = waiting
    ? `\n\n${one ? "A proposal shared with your organisation is" : `${waiting} proposals shared with your organisation are`} waiting for you: sign in to read ${
        one ? "it" : "them"
      }.`
    : "";
  return {
    subject: `${invitedSubject(f)}${waiting ? `: ${one ? "a proposal is" : `${waiting} proposals are`} waiting for you` : ""}`,
    body: `Hello ${oneLine(f.name)},\n\n${invitedWords(f)} Choose your password and sign in here:\n${f.link}${proposals}\n\nThe link works once and for ${
      f.days
    } days. If you did not expect this, ignore this message.\n\n— Partnership Planner`,
  };
}

type Inviter = { invitedBy: string; from?: Pick<Proposer, "name" | "shortName">; partner?: string | null };

/** Our organisation as an invitation names it, or null while the profile still carries the product's own name. */
function namedOrganisation(from: Inviter["from"]): { name: string; short: string } | null {
  return from && from.name !== DEFAULT_PROPOSER.name ? { name: oneLine(from.name), short: oneLine(from.shortName || from.name) } : null;
}

/** "Maya Okafor of Northbridge invited you to Partnership Planner": who, from where, in the subject too. */
function invitedSubject(f: Inviter): string {
  const from = namedOrganisation(f.from);
  return from ? `${oneLine(f.invitedBy)} of ${from.short} invited you to Partnership Planner` : "You are invited to Partnership Planner";
}

function invitedWords(f: Inviter): string {
  const from = namedOrganisation(f.from);
  const by = `${oneLine(f.invitedBy)}${from ? ` of ${from.name}` : ""} invited you to Partnership Planner`;
  if (f.partner)
    return `${by}, where ${from ? `${from.short} shares` : "we share"} partnership proposals with ${oneLine(
      f.partner
    )} for you to read, comment on and answer.`;
  return `${by}${from ? `, where ${from.short} plans its partnerships` : ""}.`;
}

export function passwordReset(f: { name: string; link: string; hours: number }): Letter {
  return {
    subject: "Reset your Partnership Planner password",
    body: `Hello ${oneLine(f.name)},\n\nSomeone asked to reset the password of your Partnership Planner account. Choose a new one here:\n${
      f.link
    }\n\nThe link works once and for ${
      f.hours
    } hours; every session of your account ends when you use it. If you did not ask, ignore this message: your password stays as it is.\n\n— Partnership Planner`,
  };
}

/** Wait before the next try: 30 s after the first failure, doubling, at most an hour; never given up. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** Where a link in mail points: PUBLIC_URL when set, else the first allowed origin. */
export function linkTo(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}

/**
 * To an engagement's owners and to leadership, when a change to the roster leaves an engagement
 * submitted for approval, approved or agreed short of the staff it books: who changed on the roster,
 * which roles it is short of and in which months, and what to do, each reader their own part.
 */
export function rosterShortfall(f: {
  title: string;
  number: number;
  commitment: string;
  change: string;
  lines: readonly string[];
  reader: "owner" | "leader";
  link: string;
}): Letter {
  const title = oneLine(f.title);
  const todo =
    f.reader === "owner"
      ? "Ask the administrator to cover these months on the roster, or amend the plan and submit the new version for approval. The review page says what is short"
      : "What leadership approved, or is deciding on, no longer has the staff it counted on. The approval request says what is short";
  return {
    subject: `Short of staff after a roster change: ${title}`,
    body: `${oneLine(f.change)}. That leaves version ${f.number} of “${title}”, ${f.commitment}, short of the staff it books:\n\n${f.lines
      .map((l) => `- ${oneLine(l)}`)
      .join("\n")}\n\n${todo}:\n${f.link}${SIGN_OFF}`,
  };
}
