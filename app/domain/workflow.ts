import { capitalise } from "./plural";
import { ourName } from "./organisation-profile";
import { may, mayEver, type EngagementAccessFacts } from "./permissions";
import { formatCount, plural } from "./plural";
import type { Actor } from "./roles";
import type { StepStatus } from "./steps";

/**
 * The engagement's workflow: its stages, who may move it from one to the next, and the approval
 * gate on resourcing. Pure; the models apply a transition as a conditional update on stage and
 * version, with its audit row, in one transaction.
 */
export const STAGES = ["draft", "shared", "changes_requested", "awaiting_approval", "approved", "declined"] as const;
export type Stage = (typeof STAGES)[number];

/** Stages of an engagement still being decided: not yet approved or declined. */
export const OPEN_STAGES: readonly Stage[] = ["draft", "shared", "changes_requested", "awaiting_approval"];
/**
 * The stages of a live engagement, one somebody must be able to take forward: every stage but
 * declined. An approved one still takes amendments. A user who owns live engagements is not disabled
 * until they are handed over (docs/domain.md §9.15).
 */
export const LIVE_STAGES: readonly Stage[] = STAGES.filter((s) => s !== "declined");

/**
 * An approved engagement's start is settled: the Fit page and its charts judge its plan where it stands
 * and look for no other start (docs/domain.md §8.3).
 */
export function startSettled(stage: Stage): boolean {
  return stage === "approved";
}

export const STAGE_LABELS: Record<Stage, string> = {
  draft: "Draft",
  shared: "Shared with partner",
  changes_requested: "Changes requested",
  awaiting_approval: "Awaiting approval",
  approved: "Approved",
  declined: "Declined",
};

/** Partners see their own wording, never the internal stage names. */
export const PARTNER_STAGE_LABELS: Record<Stage, string> = {
  draft: "In preparation",
  shared: "For your review",
  changes_requested: "Being revised",
  awaiting_approval: "In review",
  approved: "Agreed",
  declined: "Closed",
};

/** Tone of the status badge; the label always carries the meaning too. */
export const STAGE_TONES: Record<Stage, "neutral" | "info" | "warning" | "success" | "danger"> = {
  draft: "neutral",
  shared: "info",
  changes_requested: "warning",
  awaiting_approval: "info",
  approved: "success",
  declined: "danger",
};

/**
 * Our leadership as the partner reads it, named: "Northbridge's leadership", by the short name the
 * version's documents use (frozen with it); "our leadership" would read as their own board.
 */
export function leadershipNamed(us: string | undefined): string {
  return `${us ?? ourName(null, "shortName")}'s leadership`;
}

/**
 * What the partner's executives read as the status. Accepting a version does not move the stage (the
 * manager submits it next), so a shared version that one of the organisation's executives accepted
 * reads as accepted, not as waiting for their review; it is not yet agreed (leadership approves next).
 * Accepted while our leadership decides on it, it reads as accepted and awaiting that approval, not
 * "In review" as before they answered.
 * Our leadership may approve the resourcing before the partner has answered: that is not agreement
 * either, and the partner reads that their acceptance is awaited.
 */
export function partnerStatus(
  stage: Stage,
  acceptedLatest: boolean,
  /**
   * The version being read: when it is not the latest shared, its status is that it was replaced;
   * when it was not taken forward or a newer one replaced it, that, whatever the stage says of another version.
   */
  reading?: {
    number: number;
    latestShared: number;
    standing?: AcceptanceStanding;
    /** How the version names our organisation (its short name): the partner reads whose leadership it is. */
    us?: string;
    /** The approved version in force, and whether the partner accepted it (agreedInForce). */
    inForce?: InForceForPartner | null;
    /** Where the latest version shared stands, when it is not the one read. */
    latestStanding?: AcceptanceStanding;
  }
): { label: string; tone: (typeof STAGE_TONES)[Stage]; waits?: PartnerWaits } {
  // The agreed version in force, with an amendment shared after it: it stays agreed while the amendment is decided on, and after a decline.
  if (reading && reading.inForce?.accepted && reading.inForce.number === reading.number && reading.number < reading.latestShared)
    return reading.latestStanding === "declined"
      ? { label: `Agreed and in force; the amendment in version ${reading.latestShared} was not approved by ${leadershipNamed(reading.us)}`, tone: "success" }
      : { label: `Agreed and in force; an amendment is proposed in version ${reading.latestShared}`, tone: "success" };
  if (reading && reading.number < reading.latestShared) return { label: `Replaced by version ${reading.latestShared}`, tone: "neutral" };
  // An amendment declined: said of it, and that the version it would have amended stays agreed.
  const agreed = reading?.standing === "declined" ? agreedInForce(reading.number, reading.inForce) : null;
  if (reading && agreed !== null)
    return { label: `Amendment not approved by ${leadershipNamed(reading.us)}; version ${agreed} stays agreed and in force`, tone: "neutral" };
  // Declined by our leadership: said of the version read, whatever the stage says of the engagement.
  if (reading?.standing === "declined") return { label: `Not approved by ${leadershipNamed(reading.us)}`, tone: "neutral" };
  // An amendment still open (docs/domain.md §9.9): said to be one, with the agreed version that stays in force meanwhile.
  const amends = reading && reading.number === reading.latestShared ? agreedInForce(reading.number, reading.inForce) : null;
  // (A version the partner asked changes to stands as not taken forward: it is being revised, as the stage says.)
  const open = reading?.standing !== "replaced" && (reading?.standing !== "not_taken_forward" || stage === "changes_requested");
  if (reading && amends !== null && open) {
    const stays = `version ${amends} stays agreed and in force`;
    const awaitingLeadership = reading.standing === "with_leadership" || reading.standing === "awaiting_leadership";
    if (acceptedLatest)
      return awaitingLeadership
        ? { label: `Amendment accepted by your organisation, awaiting approval by ${leadershipNamed(reading.us)}; ${stays}`, tone: "info" }
        : { label: `Amendment accepted by your organisation; ${stays}`, tone: "info" };
    if (reading.standing === "awaiting_leadership")
      return { label: `Amendment awaiting approval by ${leadershipNamed(reading.us)}: version ${reading.number}; ${stays}`, tone: "info" };
    if (stage === "shared") return { label: `Amendment for your review: version ${reading.number}; ${stays}`, tone: "info", waits: "review" };
    if (stage === "changes_requested")
      return { label: `Amendment being revised at your request: version ${reading.number}; ${stays}`, tone: STAGE_TONES[stage] };
    if (stage === "awaiting_approval") return { label: `Amendment in review: version ${reading.number}; ${stays}`, tone: "info" };
  }
  // Accepted while our leadership decides on it: their answer is said at once, and what it still waits for.
  if (acceptedLatest && reading?.standing === "with_leadership")
    return { label: `Accepted by your organisation, awaiting approval by ${leadershipNamed(reading.us)}`, tone: "info" };
  // "Shared" and "approved" speak of the version read (for review, awaiting acceptance, agreed); the
  // other stages' words speak of the engagement, and stay true of it.
  if (stage === "shared" || stage === "approved") {
    if (reading?.standing === "not_taken_forward") return { label: "Not taken forward", tone: "neutral" };
    if (reading?.standing === "replaced") return { label: "Replaced by a newer version", tone: "neutral" };
    if (reading?.standing === "awaiting_leadership") return { label: `Awaiting approval by ${leadershipNamed(reading.us)}`, tone: "info" };
  }
  if (stage === "shared" && acceptedLatest) return { label: "Accepted by your organisation", tone: "info" };
  if (stage === "approved" && !acceptedLatest) return { label: "Awaiting your acceptance", tone: "info", waits: "acceptance" };
  if (stage === "shared") return { label: PARTNER_STAGE_LABELS[stage], tone: STAGE_TONES[stage], waits: "review" };
  return { label: PARTNER_STAGE_LABELS[stage], tone: STAGE_TONES[stage] };
}

/**
 * What a proposal's status asks of the partner, by the same rule as the status their list shows
 * (`partnerStatus`): their review of a version shared with them, or their acceptance of one our
 * leadership approved. Their notices list each, as their list of proposals does.
 */
export type PartnerWaits = "review" | "acceptance";

/**
 * Where our leadership stands on one version: it approved it, it is deciding on it (a request about
 * it is pending), or neither (never submitted, withdrawn or declined). Read from the outcomes of the
 * requests about that version, not from the engagement's stage: the stage is "approved" too while an
 * earlier approved version stays in force and the partner reads a newer one leadership has not approved.
 */
export type LeadershipStance = "approved" | "deciding" | "not_asked";

/** The request statuses that approve its version: an approval is final, so the version stays in force. */
export const APPROVING_STATUSES = ["approved", "approved_with_conditions"] as const;

/** Whether a request's status approves its version (APPROVING_STATUSES). */
export function approves(status: string): boolean {
  return (APPROVING_STATUSES as readonly string[]).includes(status);
}

export function leadershipStance(requestStatuses: Iterable<string>): LeadershipStance {
  const statuses = [...requestStatuses];
  if (statuses.some(approves)) return "approved";
  if (statuses.includes("pending")) return "deciding";
  return "not_asked";
}

/**
 * Where one version stands for the partner's acceptance, by its own record, not the engagement's
 * stage alone (the stage is "approved" too while an earlier approved version stays in force):
 * - open_for_review: shared with the partner for review (the engagement's stage is "shared")
 * - with_leadership: our leadership is deciding on this very version
 * - approved: our leadership approved this very version, and it is the one in force
 * - awaiting_leadership: its request was withdrawn while an earlier approved version stays in force,
 *   and it is still the newest version: the owners may submit it again, and the partner may accept it then
 * - replaced: a newer version is in force, or our leadership is deciding on a newer one
 * - declined: our leadership declined it; it will not become the agreed proposal
 * - not_taken_forward: it was set aside some other way (a newer version made after its request was withdrawn)
 * The partner may accept it (the latest shared, once) in the first three, never in the last four.
 */
export type AcceptanceStanding = "open_for_review" | "with_leadership" | "approved" | "awaiting_leadership" | "replaced" | "declined" | "not_taken_forward";

export function acceptanceStanding(f: {
  stage: Stage;
  number: number;
  /** The approved version in force, if any. */
  inForce: number | null;
  approved: boolean;
  declined: boolean;
  /** A request about this version is pending: leadership is deciding on it. */
  pending: boolean;
  /** A request about this version was withdrawn. */
  withdrawn?: boolean;
  /** The engagement's newest version, shared or not; this one when not given. */
  newest?: number;
}): AcceptanceStanding {
  if (f.declined) return "declined";
  if (f.approved) return f.inForce === f.number ? "approved" : "replaced";
  if (f.pending) return "with_leadership";
  if (f.stage === "shared") return "open_for_review";
  // A request pending about another version is about a newer one: only the latest is ever submitted.
  if (f.stage === "awaiting_approval" || (f.inForce !== null && f.inForce > f.number)) return "replaced";
  // Withdrawn while an earlier version stays in force: not closed, as the owners may submit it again.
  if (f.withdrawn && f.stage === "approved" && (f.newest ?? f.number) === f.number) return "awaiting_leadership";
  return "not_taken_forward";
}

/** The approved version in force, as the partner reads of it: agreed once they accepted it. */
export type InForceForPartner = { number: number; accepted: boolean };

/**
 * The agreed version a later one amends: the version in force, when the partner accepted it and the
 * version read is newer. While an amendment is in review or once leadership declined it, that version
 * stays agreed and in force (docs/domain.md §9.9), and the partner is told so. Null otherwise.
 */
export function agreedInForce(number: number, inForce: InForceForPartner | null | undefined): number | null {
  return inForce && inForce.accepted && inForce.number < number ? inForce.number : null;
}

/** The sentence that tells the partner their agreed version still holds. */
export function agreedStays(agreed: number): string {
  return `Version ${agreed}, which your organisation accepted, stays agreed and in force.`;
}

/**
 * Why the partner may no longer accept a version, or not yet, for the answer refused and the page; null
 * while they may. `us` is how the version names our organisation, whose leadership the partner reads of.
 */
export function closedToAcceptance(number: number, standing: AcceptanceStanding, us: string | undefined, inForce?: InForceForPartner | null): string | null {
  const leadership = leadershipNamed(us);
  if (standing === "awaiting_leadership")
    return `Version ${number} is awaiting approval by ${leadership}, so it cannot be accepted yet. The partnership team will let you know when you can accept it, or share a newer version.`;
  if (standing === "declined") {
    const agreed = agreedInForce(number, inForce);
    if (agreed !== null)
      return `${capitalise(leadership)} did not approve version ${number}, an amendment to version ${agreed}, so it can no longer be accepted. ${agreedStays(
        agreed
      )} The partnership team will follow up.`;
    return `${capitalise(
      leadership
    )} did not approve version ${number}, so it will not become the agreed proposal and can no longer be accepted. The partnership team will follow up, and may share a newer version with you.`;
  }
  if (standing === "not_taken_forward") return `Version ${number} was not taken forward, so it can no longer be accepted. The partnership team will follow up.`;
  if (standing === "replaced")
    return `Version ${number} has been replaced by a newer version, so it can no longer be accepted. The partnership team will follow up.`;
  return null;
}

/** Why a version's key dates are not offered as a calendar file: it was declined or not taken forward, so they will not happen; null while they may. */
export function calendarWithheld(number: number, standing: AcceptanceStanding): string | null {
  if (standing === "declined") return `Version ${number} was declined: its key dates will not happen, so no calendar file is offered.`;
  if (standing === "not_taken_forward") return `Version ${number} was not taken forward: its key dates will not happen, so no calendar file is offered.`;
  return null;
}

/**
 * What the engagement's owners read of the partner's acceptance when the partner cannot accept the
 * latest version shared with them and has not answered it: why, and what would open it again. Null
 * while the partner may accept it, or once they answered it (their answer is shown instead).
 */
export function partnerAcceptanceForTeam(f: {
  /** The latest version shared with the partner, and where it stands for their acceptance. */
  shared: { number: number; standing: AcceptanceStanding; declined: boolean; answered: boolean };
  /** The engagement's newest version, shared or not. */
  newest: number;
  /** The approved version in force, if any, and whether the partner accepted it. */
  inForce: { number: number; accepted: boolean } | null;
}): string | null {
  const { number: n, standing, declined, answered } = f.shared;
  if (answered || !closedToAcceptance(n, standing, undefined)) return null;
  const newer = f.newest > n ? f.newest : null;
  const next = newer ? `Share version ${newer} with them when it is ready.` : "Create a new version, share it with them and submit it for approval.";
  // An approved version the partner never accepted is closed to them once a newer one is shared: said, or they would seem to have two to choose from.
  const kept = f.inForce && f.inForce.number < n && !f.inForce.accepted ? f.inForce.number : null;
  const why = `version ${n} replaced it for them. Version ${kept} stays in force, as our leadership approved it, meanwhile.`;
  const earlier = kept ? ` Nor can they accept version ${kept}: ${why}` : "";
  // The newest version declined: the refusal to submit it says already that the partner can no longer accept it.
  if (standing === "declined" && !newer) return kept ? `The partner cannot accept version ${kept} either: ${why}` : null;
  switch (standing) {
    case "awaiting_leadership":
      return `The partner cannot accept version ${n} yet: its approval request was withdrawn, and they may accept it only while our leadership decides on it or once it is approved. Submit version ${n} for approval again, or create a new version and share it.${earlier}`;
    case "replaced":
      return `The partner cannot accept version ${n}: version ${f.newest} replaced it, and they have not been shown that one. ${
        newer ? `Share version ${newer} with them so that they can accept it.` : next
      }`;
    default:
      return `The partner cannot accept version ${n}: ${declined ? "our leadership declined it" : "it was not taken forward"}. ${next}${earlier}`;
  }
}

/**
 * Where an engagement stands, for our staff: its stage, or once the partner accepted the latest
 * version, that and what remains. Accepting does not move the stage (the owners submit the version
 * next), so the stage alone would still read "Shared with partner". One table gives each its words and
 * tone: the engagement's header, the engagement list (and its filter) and "Where it stands" on the
 * review page all read it.
 */
export const STANDINGS = [
  "draft",
  "shared",
  "accepted",
  "changes_requested",
  "awaiting_approval",
  "accepted_awaiting_approval",
  "approved",
  "agreed",
  "amendment_in_progress",
  "amendment_awaiting_approval",
  "declined",
] as const;
export type Standing = (typeof STANDINGS)[number];

export const STANDING_BADGES: Record<Standing, { label: string; tone: (typeof STAGE_TONES)[Stage] }> = {
  draft: { label: STAGE_LABELS.draft, tone: STAGE_TONES.draft },
  shared: { label: STAGE_LABELS.shared, tone: STAGE_TONES.shared },
  accepted: { label: "Accepted by the partner", tone: "info" },
  changes_requested: { label: STAGE_LABELS.changes_requested, tone: STAGE_TONES.changes_requested },
  awaiting_approval: { label: STAGE_LABELS.awaiting_approval, tone: STAGE_TONES.awaiting_approval },
  accepted_awaiting_approval: { label: "Accepted by the partner, awaiting approval", tone: "info" },
  approved: { label: STAGE_LABELS.approved, tone: STAGE_TONES.approved },
  agreed: { label: "Agreed", tone: "success" },
  amendment_in_progress: { label: "Approved; an amendment in review", tone: "success" },
  amendment_awaiting_approval: { label: "Approved; an amendment awaits approval", tone: "info" },
  declined: { label: STAGE_LABELS.declined, tone: STAGE_TONES.declined },
};

/** Whether the standing is an amendment: an earlier version stays approved and in force while a newer one is in review or awaits approval. */
export function isAmendment(standing: Standing): boolean {
  return standing === "amendment_in_progress" || standing === "amendment_awaiting_approval";
}

/** An engagement's standing as its badge shows it: words and tone. */
export function standingBadge(standing: Standing): { label: string; tone: (typeof STAGE_TONES)[Stage] } {
  return STANDING_BADGES[standing];
}

/**
 * Where the engagement stands, from its stage, whether the partner accepted its latest version, and
 * where our leadership stands on that version. A declined version's acceptance is not what stands:
 * the decline is, and the stage says it. While an earlier approved version stays in force and the latest
 * one, not approved, has been shared (`sharedAmendment`), that amendment is what stands: the stage
 * alone ("Shared with partner", "Awaiting approval", or "Approved" again once a request about it is
 * withdrawn) would read as if nothing were approved yet, or nothing were in review.
 */
export function standingOf(
  stage: Stage,
  acceptedLatest: boolean,
  leadership: LeadershipStance | "declined",
  sharedAmendment = false,
  /**
   * Whether the partner accepted the approved version in force. Once the engagement is back at "approved"
   * with no amendment in review (an amendment declined, or a newer version not yet shared), what stands is
   * that version: agreed once the partner accepted it, else approved, whatever became of a newer one.
   */
  inForceAccepted?: boolean
): Standing {
  if (sharedAmendment && stage === "awaiting_approval") return "amendment_awaiting_approval";
  if (sharedAmendment && (stage === "shared" || stage === "changes_requested" || stage === "approved")) return "amendment_in_progress";
  if (stage === "approved" && inForceAccepted !== undefined) return inForceAccepted ? "agreed" : "approved";
  if (!acceptedLatest || leadership === "declined") return stage;
  return leadership === "approved" ? "agreed" : leadership === "deciding" ? "accepted_awaiting_approval" : "accepted";
}

/**
 * Whether the latest version is a shared amendment (standingOf): an earlier version our leadership
 * approved stays in force, and the latest, neither approved nor declined, has been shared with the partner.
 */
export function isSharedAmendment(latest: { number: number; shared: boolean } | null, requests: readonly { number: number; status: string }[]): boolean {
  const approved = requests.filter((r) => approves(r.status)).map((r) => r.number);
  // An amendment leadership declined is no longer in review: the version in force is what stands.
  const declined = requests.some((r) => r.number === latest?.number && r.status === "declined");
  return latest !== null && latest.shared && !declined && !approved.includes(latest.number) && approved.some((n) => n !== latest.number);
}

/**
 * The stages an engagement can be at to stand so: the list filters on the stage first, and asks of the
 * latest version's acceptance only where it can change the words.
 */
export const STAGES_OF_STANDING: Record<Standing, readonly Stage[]> = {
  draft: ["draft"],
  shared: ["shared"],
  accepted: ["draft", "shared", "approved"],
  changes_requested: ["changes_requested"],
  awaiting_approval: ["awaiting_approval"],
  accepted_awaiting_approval: ["awaiting_approval"],
  approved: ["approved"],
  agreed: ["approved"],
  amendment_in_progress: ["shared", "changes_requested", "approved"],
  amendment_awaiting_approval: ["awaiting_approval"],
  declined: ["declined"],
};

/**
 * The standings a choice of the list's filter finds. "Awaiting approval" and "Approved" take in the
 * engagements the partner has accepted as well (whose badges say so: "Accepted by the partner,
 * awaiting approval", "Agreed"), since a leader looking for what waits for approval, or for what is
 * approved, means those too; the narrower choices find only the accepted ones. Likewise an amendment
 * awaiting approval is found under "Awaiting approval", and every engagement with an approved version
 * in force under "Approved".
 */
export const STANDINGS_FOUND_BY: Record<Standing, readonly Standing[]> = {
  draft: ["draft"],
  shared: ["shared"],
  accepted: ["accepted"],
  changes_requested: ["changes_requested"],
  awaiting_approval: ["awaiting_approval", "accepted_awaiting_approval", "amendment_awaiting_approval"],
  accepted_awaiting_approval: ["accepted_awaiting_approval"],
  approved: ["approved", "agreed", "amendment_in_progress", "amendment_awaiting_approval"],
  agreed: ["agreed"],
  amendment_in_progress: ["amendment_in_progress"],
  amendment_awaiting_approval: ["amendment_awaiting_approval"],
  declined: ["declined"],
};

/** The stages an engagement found by a filter choice can be at: the list asks these first, by index. */
export function stagesFoundBy(choice: Standing): Stage[] {
  return [...new Set(STANDINGS_FOUND_BY[choice].flatMap((s) => STAGES_OF_STANDING[s]))];
}

/**
 * "Where it stands" on the review page, for our staff: the stage's name, unless the partner accepted
 * the latest version. Accepting does not move the stage, so the stage alone would still read "Shared
 * with partner": the page says who accepted it and when, and what remains — our leadership's approval,
 * or, once it approved the version too (the proposal is agreed), its conditions if it set any
 * (conditionsToMeet, listed after these words), else nothing. A declined version's acceptance is not
 * what stands: the decline is.
 */
export function standingForTeam(f: {
  stage: Stage;
  /** The engagement's latest version. */
  number: number;
  /**
   * The partner's acceptance of that version: who signed (or whose account answered), and the day,
   * written as the page writes its other dates ("4 Dec 2026"), so that a page has one style of date.
   */
  accepted: { who: string; on: string } | null;
  /** Where our leadership stands on that version; "declined" once it declined it. */
  leadership: LeadershipStance | "declined";
  /** An earlier version our leadership approved stays in force, and the latest, not approved, was shared: an amendment. */
  sharedAmendment?: boolean;
  /** Whether the partner accepted the approved version in force, if there is one (standingOf). */
  inForceAccepted?: boolean;
  /** Our leadership approved that version with conditions, which the page lists after these words. */
  withConditions?: boolean;
  /** The reader owns the engagement: the conditions are theirs to meet (conditionsToMeetBy). */
  readerOwns?: boolean;
  /** The newest version shared with the partner, if any: the badge names it while a later one is not yet shared (sharedWithPartner). */
  shared?: number | null;
}): {
  label: string;
  tone: (typeof STAGE_TONES)[Stage];
  accepted: string | null;
  /** The words on the acceptance end by leading to leadership's conditions: the page lists them next, with no lead of their own (conditionsToMeetLead). */
  leadsToConditions?: true;
} {
  const standing = standingOf(f.stage, f.accepted !== null, f.leadership, f.sharedAmendment, f.inForceAccepted);
  const held = f.shared ?? null;
  // "Shared with partner" beside a latest version not yet shared would say it of that one: the badge names the version shared.
  const badge =
    standing === "shared" && held !== null && held !== f.number
      ? { ...standingBadge(standing), label: `Version ${held} shared with partner` }
      : standingBadge(standing);
  if (!f.accepted || f.leadership === "declined") return { ...badge, accepted: null };
  // "Helen Marsh, Chief Executive, accepted": a name given with its title is closed by a comma too.
  const who = f.accepted.who.includes(",") ? `${f.accepted.who},` : f.accepted.who;
  const said = `${who} accepted version ${f.number} for the partner on ${f.accepted.on}.`;
  const by = conditionsToMeetBy(f.readerOwns ?? true);
  switch (f.leadership) {
    case "approved":
      return f.withConditions
        ? {
            ...badge,
            accepted: `${said} Our leadership approved it too, with conditions: the proposal is agreed, and leadership's conditions remain for ${by} to meet:`,
            leadsToConditions: true,
          }
        : { ...badge, accepted: `${said} Our leadership approved it too: the proposal is agreed, and nothing remains to be done.` };
    case "deciding":
      return { ...badge, accepted: `${said} What remains: our leadership's approval, which it is deciding on.` };
    case "not_asked":
      return { ...badge, accepted: `${said} What remains: our leadership's approval; version ${f.number} has not been submitted for it yet.` };
  }
}

/**
 * What the Review page says after "Latest version: version N" of which version the partner has been
 * shown: the latest, and the day it was shared; else, while the latest is not yet shared, the earlier
 * one the partner has, and its day. `versions` come newest first, each with the day it was shared
 * written as the page writes its dates (null while not shared).
 */
export function sharedWithPartner(versions: readonly { number: number; sharedOn: string | null }[]): {
  /** After the latest version's number: ", shared with the partner on 7 Dec 2026." or ", not yet shared." */
  latest: string;
  /** The version the partner has while the latest is not yet shared, in a sentence of its own; null when the latest is theirs, or none is. */
  held: string | null;
  /** The number of the newest version shared with the partner, if any. */
  shared: number | null;
} {
  const [latest] = versions;
  const held = versions.find((v) => v.sharedOn !== null);
  if (!latest) return { latest: "", held: null, shared: null };
  if (latest.sharedOn !== null) return { latest: `, shared with the partner on ${latest.sharedOn}.`, held: null, shared: latest.number };
  if (!held) return { latest: ", not yet shared with the partner.", held: null, shared: null };
  return {
    latest: ", not yet shared.",
    held: `The partner has version ${held.number}, shared with them on ${held.sharedOn}; they see version ${latest.number} only once it is shared.`,
    shared: held.number,
  };
}

/** One leader's conditions on an approved version, as they wrote them. */
export type LeadershipCondition = { who: string; at: string; text: string };

/**
 * Leadership's conditions on the version in force, each leader's as they gave it. Nothing in the app
 * marks a condition met: only leadership's approval of a later version says they are met, or carries
 * what is still to be done into its own (docs/domain.md §8.5), so while the version is in force its
 * conditions stand, as what remains for its owners to meet. Empty when no version is in force, or it
 * was approved without conditions.
 */
export function conditionsToMeet(
  requests: readonly { number: number; status: string; decisions: readonly { leaderName: string; conditions: string; at: string }[] }[],
  inForce: number | null
): LeadershipCondition[] {
  const request = requests.find((r) => r.number === inForce && r.status === "approved_with_conditions");
  return (request?.decisions ?? []).filter((d) => d.conditions.trim() !== "").map((d) => ({ who: d.leaderName, at: d.at, text: d.conditions.trim() }));
}

/**
 * What the Review page tells the engagement's owners while the version the partner is to accept carries
 * leadership's conditions and the partner has not answered it: the partner reads that it was approved
 * with conditions, never what they are (each is written to our staff, and some are internal), so they
 * could accept without knowing one they must. Said beside the share button before it is shared, and
 * after, until the partner answers; the owners tell the partner what they must know in a comment the
 * partner can see. Once one of us has written such a comment after the latest condition was set
 * (`toldAfterConditions`), it says so instead. Null otherwise.
 */
export function conditionsUntoldWords(f: {
  number: number;
  conditions: number;
  shared: boolean;
  answered: boolean;
  told?: { by: string; on: string } | null;
}): string | null {
  if (f.conditions === 0 || f.answered) return null;
  const one = f.conditions === 1;
  if (f.told)
    return `${f.told.by} wrote to the partner on ${f.told.on}, in a comment they can see, after leadership's ${one ? "condition" : "conditions"} on version ${
      f.number
    }.`;
  const kind = one ? "a condition" : "conditions";
  const what = one ? "what it is" : "what they are";
  const tell = `tell them, in a comment they can see, whatever they must know of ${one ? "it" : "them"} before they accept; ${
    one ? "the rest of it stays internal" : "the rest stay internal"
  }.`;
  return f.shared
    ? `The partner reads that version ${f.number} was approved with ${kind}, not ${what}. ${capitalise(tell)}`
    : `Sharing version ${f.number} shows the partner that it was approved with ${kind}, not ${what}, so they could accept it without knowing ${
        one ? "it" : "them"
      }. Once it is shared, ${tell}`;
}

/**
 * The comment in which one of us last wrote to the partner, where they can read it, after the latest of
 * leadership's conditions was set: the partner has then been told what we chose to tell them of the
 * conditions. Null when no such comment was written since.
 */
export function toldAfterConditions<C extends { visibility: string; authorIsPartner: boolean; createdAt: string }>(
  comments: readonly C[],
  conditions: readonly Pick<LeadershipCondition, "at">[]
): C | null {
  if (!conditions.length) return null;
  const latest = conditions.map((c) => c.at).reduce((a, b) => (a > b ? a : b));
  const told = comments.filter((c) => c.visibility === "partner" && !c.authorIsPartner && c.createdAt > latest);
  return told.length ? told.reduce((a, b) => (a.createdAt > b.createdAt ? a : b)) : null;
}

/** Who is to meet leadership's conditions, as the review page says it to its reader: the engagement's owners meet them, and a leader reads the page too. */
function conditionsToMeetBy(readerOwns: boolean): string {
  return readerOwns ? "you" : "the engagement's owners";
}

/** What the review page says before leadership's conditions on the version in force, where no sentence about the partner's acceptance leads to them. */
export function conditionsToMeetLead(inForce: number, readerOwns = true): string {
  return `Leadership approved version ${inForce} with conditions, which remain for ${conditionsToMeetBy(readerOwns)} to meet:`;
}

/**
 * A version's status, in the manager's list of versions and on its own page: approved or declined by our
 * leadership (each final), awaiting its approval, shared with the partner, or a draft not yet shared.
 */
export function versionStatusBadge(v: {
  shared: boolean;
  declined: boolean;
  approved?: boolean;
  awaitingApproval?: boolean;
  /** The partner's latest answer to the version, if any. */
  answer?: "accepted" | "changes_requested" | null;
  /**
   * The newer version shared with the partner that replaced this one on their page ("Replaced by version
   * 2"), when it did: said after the status, so that our list says what the partner reads. Never the agreed version in force, which they read as agreed.
   */
  replacedBy?: number | null;
  /** It is the approved version in force: replaced for the partner, it still holds for us (its bookings stay confirmed). */
  inForce?: boolean;
}): {
  label: string;
  tone: (typeof STAGE_TONES)[Stage];
} {
  const badge = versionStatusAlone(v);
  if (!v.replacedBy) return badge;
  return {
    ...badge,
    label: v.inForce ? `${badge.label}, in force; replaced for the partner by version ${v.replacedBy}` : `${badge.label}; replaced by version ${v.replacedBy}`,
  };
}

function versionStatusAlone(v: Parameters<typeof versionStatusBadge>[0]): { label: string; tone: (typeof STAGE_TONES)[Stage] } {
  if (v.approved) return { label: v.answer === "accepted" ? "Agreed" : STAGE_LABELS.approved, tone: STAGE_TONES.approved };
  if (v.declined) return { label: "Declined by leadership", tone: "danger" };
  if (v.awaitingApproval) return { label: STAGE_LABELS.awaiting_approval, tone: STAGE_TONES.awaiting_approval };
  // Once the partner answered a shared version, it is no longer simply "shared": it says what they said.
  if (v.shared && v.answer === "changes_requested") return { label: "Changes requested by the partner", tone: STAGE_TONES.changes_requested };
  if (v.shared && v.answer === "accepted") return { label: "Accepted by the partner", tone: "info" };
  return v.shared ? { label: "Shared with the partner", tone: "info" } : { label: "Draft", tone: "neutral" };
}

/**
 * Whether a version our leadership has just approved now waits for the partner's acceptance: it was
 * shared with them and they have not answered it. They are told so; the page says it too.
 */
export function awaitsPartnerAcceptance(version: { shared: boolean; answer: unknown | null }): boolean {
  return version.shared && version.answer === null;
}

/**
 * What the partner's page says beside an answer that can only be an acceptance (the version is no
 * longer theirs to reopen): whether our leadership (named by `us`, as the version names our
 * organisation) has approved the version they read, so that it waits only for their acceptance, is
 * deciding on it, or is still to be asked. An approval with conditions is said as such: the partner
 * may know that there are conditions, never their text, which the team sets out with them.
 */
export function partnerAcceptanceNote(number: number, leadership: LeadershipStance, us: string | undefined, withConditions = false): string {
  const theirs = leadershipNamed(us);
  switch (leadership) {
    case "approved":
      // The kind of approval is the partner's to know; the conditions' text is ours (docs/domain.md §9.9).
      return `${capitalise(theirs)} has approved version ${number}${
        withConditions ? " with conditions, which the team will set out with you" : ""
      }: it becomes the agreed proposal once you accept it.`;
    case "deciding":
      return `${capitalise(theirs)} is reviewing version ${number}: it becomes the agreed proposal once they approve it and you accept it.`;
    case "not_asked":
      return `Version ${number} becomes the agreed proposal once you accept it and ${theirs} approves it.`;
  }
}

/**
 * What the owners read of the version in force: leadership's approval confirms its bookings, but it is
 * the agreed proposal only once the partner has accepted it too (docs/domain.md §9.9), so an approval
 * alone is never said as agreed. Then what changing the plan takes, or what the newer version is.
 */
export function inForceWords(f: { inForce: number; accepted: boolean; latest: number; latestDeclined?: boolean }): string {
  const standing = f.accepted
    ? `Version ${f.inForce} is agreed: our leadership approved it and the partner accepted it. Its bookings are confirmed.`
    : `Our leadership approved version ${f.inForce}, so its bookings are confirmed; it becomes the agreed proposal once the partner accepts it.`;
  const next =
    f.inForce === f.latest
      ? "An approval is final: to change the plan, create a new version (an amendment), share it and submit it for approval."
      : f.latestDeclined
      ? `Leadership declined version ${f.latest}, an amendment, so version ${f.inForce} stays in force; to change the plan, create a new version.`
      : `Version ${f.latest} is an amendment: version ${f.inForce} stays in force until leadership approves it.`;
  return `${standing} ${next}`;
}

/* ------------------------------------------------------------------------------------------------
 * The transition table
 * ---------------------------------------------------------------------------------------------- */

/** What can be done to an engagement's proposal: each is one row group of the table below. */
export const WORKFLOW_ACTIONS = ["new_version", "share", "accept", "request_changes", "comment", "submit", "withdraw", "approve", "decline"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/**
 * How the actor stands to the engagement and to the version the action is about, as the permission
 * table says (see relationOf):
 * - owner: a partnership manager who owns or co-owns the engagement
 * - manager: any other partnership manager
 * - leader: leadership with no part in this version
 * - involved_leader: leadership who owns the engagement, or created, shared or submitted the version
 * - partner: an executive of the organisation the version is shared with
 * - other_partner: any other partner executive (another organisation, or a version not shared)
 * - admin: an administrator
 */
export const RELATIONS = ["owner", "manager", "leader", "involved_leader", "partner", "other_partner", "admin"] as const;
export type Relation = (typeof RELATIONS)[number];

/** Who took part in a version, for separation of duties. */
export type Involvement = {
  ownerIds: readonly number[];
  createdById: number | null;
  sharedById: number | null;
  submittedById: number | null;
};

/** Why this person may not decide on the version's approval, in their own words; null when they may. */
export function involvementOf(actorId: number, v: Involvement): string | null {
  if (v.submittedById === actorId) return "you submitted this version";
  if (v.sharedById === actorId) return "you shared this version with the partner";
  if (v.createdById === actorId) return "you created this version";
  if (v.ownerIds.includes(actorId)) return "you own this engagement";
  return null;
}

/**
 * The actor's relation to an engagement and one of its versions. Who they are comes from the
 * permission table: respond (partners of the organisation the version was shared with), decide
 * (leadership), share (the engagement's owners).
 */
export function relationOf(actor: Actor, access: EngagementAccessFacts, version: Involvement & { shared: boolean }): Relation {
  if (mayEver(actor, "proposal:respond")) {
    return may(actor, "proposal:respond", { ...access, sharedWithPartner: version.shared }) ? "partner" : "other_partner";
  }
  if (mayEver(actor, "approval:decide")) return involvementOf(actor.id, version) ? "involved_leader" : "leader";
  if (may(actor, "proposal:share", access)) return "owner";
  if (mayEver(actor, "proposal:share")) return "manager";
  return "admin";
}

/** What the table needs to know of the engagement and the version the action is about. */
export type WorkflowFacts = {
  stage: Stage;
  /** The version acted on: the one posted, or the one a request is about. Null when there is none. */
  version: {
    number: number;
    /** The newest version, or for a partner's answer, the newest shared one. */
    latest: number;
    shared: boolean;
    /** The "to be completed" items it still has. */
    missing: string[];
    approved: boolean;
    declined: boolean;
    /** A request about it is pending: our leadership is deciding on it. */
    pending: boolean;
    /** A request about it was withdrawn. */
    withdrawn: boolean;
    /** The engagement's newest version, shared or not. */
    newest: number;
    /** The partner asked for changes to it. */
    changesRequested: boolean;
    /** Who answered it for the partner, and how; null while unanswered. */
    answer: { by: string; response: "accepted" | "changes_requested" } | null;
    /** How it names our organisation (the short name frozen with it), for what the partner is told. */
    us?: string;
  } | null;
  /** The approved version in force, whose bookings are confirmed, if any. */
  inForce: number | null;
  /** Whether the partner accepted the version in force: it is then agreed, and stays so while an amendment is decided on. */
  inForceAccepted?: boolean;
  /** For a new version: the latest version, when the new one would say exactly what it says. */
  identicalTo: number | null;
  /** For a decision: how many approvals the request has and needs, and the actor's own decision so far. */
  request: { approvals: number; required: number; decidedByActor: boolean } | null;
  /** For a refusal to an involved leader: why. */
  involvement: string | null;
};

export type Decision = { ok: true; to: Stage } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

type Guard = (f: WorkflowFacts & { version: NonNullable<WorkflowFacts["version"]> }) => { status: 400 | 409; message: string } | null;

type Rule = {
  /** Who may. */
  by: readonly Relation[];
  /** Said to everyone else who may see the engagement. */
  forbidden: string;
  /** The stages it may happen from. */
  from: readonly Stage[];
  /** Said when the stage is not one of them. */
  wrongStage: string;
  /** Checked in order once actor and stage are right; the first that fails refuses. */
  guards: readonly Guard[];
  /** The stage after it. */
  to: (f: WorkflowFacts) => Stage;
};

const conflict = (message: string) => ({ status: 409 as const, message });
const notLatest =
  (verb: string): Guard =>
  (f) =>
    f.version.number === f.version.latest ? null : conflict(`Only the latest version (version ${f.version.latest}) can be ${verb}.`);
const final: Guard = (f) =>
  f.version.approved
    ? conflict(
        `Version ${f.version.number} is approved, and an approval is final. To change the plan, create a new version (an amendment), share it and submit it; version ${f.version.number} stays in force until the amendment is approved.`
      )
    : null;
/**
 * A declined version is closed: what leadership asked for is made in a new version, shared and
 * submitted in its turn. Once shared, the partner can no longer accept it either, and the refusal says
 * so: it is the one sentence the review page shows of the decline.
 */
const notDeclined: Guard = (f) =>
  f.version.declined
    ? conflict(
        `Leadership declined version ${f.version.number}, so it can be neither ${
          f.version.shared ? "submitted again nor accepted by the partner" : "shared with the partner nor submitted again"
        }. Make the changes in a new version, then share it with the partner and submit it for approval.`
      )
    : null;
const notAnswered: Guard = (f) =>
  f.version.answer
    ? conflict(
        `${f.version.answer.by} already ${
          f.version.answer.response === "accepted" ? "accepted" : "asked for changes to"
        } this version; the partnership team will follow up.`
      )
    : null;
/**
 * Why the partner may no longer comment on a version, or reply in its threads; null while they may. A
 * version is closed to them once our leadership declined it, or once it was not taken forward (its
 * approval request withdrawn and a newer version made): what their page says of it as its status.
 * While it is being revised at their request, they may still comment on it. `us` is how the version
 * names our organisation, whose leadership the partner reads of.
 */
export function closedToComments(
  number: number,
  standing: AcceptanceStanding,
  stage: Stage,
  us: string | undefined,
  inForce?: InForceForPartner | null
): string | null {
  const agreed = standing === "declined" ? agreedInForce(number, inForce) : null;
  if (agreed !== null)
    return `${capitalise(
      leadershipNamed(us)
    )} did not approve version ${number}, an amendment to version ${agreed}, so it is closed and takes no more comments. ${agreedStays(agreed)}`;
  if (standing === "declined")
    return `${capitalise(
      leadershipNamed(us)
    )} did not approve version ${number}, so it is closed and takes no more comments. The partnership team will follow up, and may share a newer version with you.`;
  if (standing === "not_taken_forward" && (stage === "shared" || stage === "approved"))
    return `Version ${number} was not taken forward, so it is closed and takes no more comments. The partnership team will follow up.`;
  return null;
}
const openToComments: Guard = (f) => {
  const closed = closedToComments(
    f.version.number,
    acceptanceStanding({ ...f.version, stage: f.stage, inForce: f.inForce }),
    f.stage,
    f.version.us,
    inForceOf(f)
  );
  return closed ? conflict(closed) : null;
};
/** The version in force and whether the partner accepted it, as the partner reads of it. */
const inForceOf = (f: WorkflowFacts): InForceForPartner | null => (f.inForce === null ? null : { number: f.inForce, accepted: f.inForceAccepted === true });
const notDecidedByActor: Guard = (f) =>
  f.request?.decidedByActor ? conflict("You have already decided on this request; a second leader must add theirs.") : null;
const stays = (f: WorkflowFacts) => f.stage;
/** A declined or withdrawn request leaves the approved version in force, if there is one. */
const backToInForce = (otherwise: (f: WorkflowFacts) => Stage) => (f: WorkflowFacts) => f.inForce !== null ? "approved" : otherwise(f);

const OWNERS = "Only the engagement's owners may change it.";
const DECIDING = ["approve", "decline"] as const;

/**
 * The workflow: for each action, who may take it, from which stages, what must hold, and where it
 * leads. Every route and model asks `decide`; the review page asks it which buttons to show. The calls
 * that build its guards are marked pure: the table is then left out of the scripts of pages that only
 * read a stage's words from this module (the Fit page's among them), as nothing there asks `decide`.
 */
export const WORKFLOW: Record<WorkflowAction, Rule> = {
  new_version: {
    by: ["owner"],
    forbidden: OWNERS,
    from: STAGES,
    wrongStage: "",
    guards: [],
    to: stays,
  },
  // A version may be shared while our leadership decides on it, as it may be submitted after it was
  // shared: the partner may accept it meanwhile (docs/domain.md §9.9). Only that very version: one made
  // after it waits until its request is withdrawn, as only one request is before leadership at a time.
  share: {
    by: ["owner"],
    forbidden: OWNERS,
    from: STAGES,
    wrongStage: "",
    guards: [
      /* @__PURE__ */ notLatest("shared"),
      (f) => (f.version.shared ? conflict(`Version ${f.version.number} is already shared with the partner.`) : null),
      (f) =>
        f.stage === "awaiting_approval" && !f.version.pending
          ? conflict(`An earlier version is with leadership for approval: withdraw that request before sharing version ${f.version.number}.`)
          : null,
      notDeclined,
      (f) => (f.version.missing.length ? { status: 400, message: `Complete the proposal before sharing it: ${f.version.missing.join("; ")}.` } : null),
    ],
    // Sharing an approved version shows the partner the agreed plan, and sharing one leadership is
    // deciding on leaves it with leadership: neither reopens the proposal for review.
    to: (f) => (f.version?.approved ? "approved" : f.stage === "awaiting_approval" ? "awaiting_approval" : "shared"),
  },
  // The partner may accept the version shared with them while our leadership decides on it, or after it
  // approved it: the two approvals are independent, and the proposal is agreed once both are given.
  // Which version that is, is asked of the version itself: never one declined, withdrawn or replaced.
  // From "declined" the guards always refuse, and so tell the partner why (our leadership did not approve it).
  accept: {
    by: ["partner"],
    forbidden: "Only the partner's executives answer a shared proposal.",
    from: ["shared", "awaiting_approval", "approved", "declined"],
    wrongStage: "Only a proposal shared for review can be accepted.",
    guards: [
      (f) =>
        f.version.number === f.version.latest ? null : conflict(`A newer version (version ${f.version.latest}) has been shared: please respond to that one.`),
      notAnswered,
      (f) => {
        const closed = closedToAcceptance(
          f.version.number,
          acceptanceStanding({ ...f.version, stage: f.stage, inForce: f.inForce }),
          f.version.us,
          inForceOf(f)
        );
        return closed ? conflict(closed) : null;
      },
    ],
    to: stays,
  },
  request_changes: {
    by: ["partner"],
    forbidden: "Only the partner's executives answer a shared proposal.",
    from: ["shared"],
    wrongStage: "Changes can be requested only on a proposal shared for review.",
    guards: [
      (f) =>
        f.version.number === f.version.latest ? null : conflict(`A newer version (version ${f.version.latest}) has been shared: please respond to that one.`),
      notAnswered,
    ],
    to: () => "changes_requested",
  },
  // The partner comments on a version shared with them (the query finds only those) while it is open:
  // never on one declined or set aside. Our staff comment under their own permission, on any version.
  comment: {
    by: ["partner"],
    forbidden: "Only the partner's executives comment on the proposal shared with them here.",
    from: STAGES,
    wrongStage: "",
    guards: [openToComments],
    to: stays,
  },
  submit: {
    by: ["owner"],
    forbidden: OWNERS,
    from: ["draft", "shared", "changes_requested", "approved", "declined"],
    wrongStage: "This engagement is already awaiting approval.",
    guards: [
      /* @__PURE__ */ notLatest("submitted"),
      (f) => (f.version.missing.length ? { status: 400, message: "Complete the proposal before submitting it for approval." } : null),
      final,
      notDeclined,
      (f) =>
        f.version.changesRequested
          ? conflict(`The partner asked for changes to version ${f.version.number}. Make them in a new version and share it with the partner first.`)
          : null,
    ],
    to: () => "awaiting_approval",
  },
  withdraw: {
    by: ["owner"],
    forbidden: OWNERS,
    from: ["awaiting_approval"],
    wrongStage: "Only a proposal awaiting approval can be withdrawn.",
    guards: [],
    to: /* @__PURE__ */ backToInForce((f) => (f.version?.shared ? "shared" : "draft")),
  },
  approve: {
    by: ["leader"],
    forbidden: "Only leadership decides on approvals.",
    from: ["awaiting_approval"],
    wrongStage: "Only a proposal awaiting approval can be approved.",
    guards: [notDecidedByActor],
    to: (f) => (f.request && f.request.approvals + 1 >= f.request.required ? "approved" : "awaiting_approval"),
  },
  decline: {
    by: ["leader"],
    forbidden: "Only leadership decides on approvals.",
    from: ["awaiting_approval"],
    wrongStage: "Only a proposal awaiting approval can be declined.",
    guards: [notDecidedByActor],
    to: /* @__PURE__ */ backToInForce(() => "declined"),
  },
};

/**
 * To a partner the engagement's internals do not exist (404, not 403), nor does a version that was
 * not shared with their organisation. Leadership's decisions are a page partners are simply refused.
 */
const STAFF_ACTIONS: readonly WorkflowAction[] = ["new_version", "share", "submit", "withdraw"];
const PARTNER_ACTIONS: readonly WorkflowAction[] = ["accept", "request_changes", "comment"];

/** Whether this action may happen now, by this actor, and where it leads; or why not, with the status to answer. */
export function decide(action: WorkflowAction, relation: Relation, facts: WorkflowFacts): Decision {
  const rule = WORKFLOW[action];
  if (!rule.by.includes(relation)) {
    const partnerOfAnother = relation === "other_partner" && PARTNER_ACTIONS.includes(action);
    if (partnerOfAnother || ((relation === "partner" || relation === "other_partner") && STAFF_ACTIONS.includes(action))) {
      return { ok: false, status: 404, message: "No such proposal version." };
    }
    if (relation === "involved_leader" && (DECIDING as readonly string[]).includes(action) && facts.involvement) {
      return { ok: false, status: 403, message: `You cannot decide on this request: ${facts.involvement}. Another leader must decide.` };
    }
    return { ok: false, status: 403, message: rule.forbidden };
  }
  if (!rule.from.includes(facts.stage)) return { ok: false, status: 409, message: rule.wrongStage };
  if (action !== "new_version") {
    if (!facts.version) return { ok: false, status: 404, message: "No such proposal version." };
    for (const guard of rule.guards) {
      const refusal = guard({ ...facts, version: facts.version });
      if (refusal) return { ok: false, ...refusal };
    }
  } else if (facts.identicalTo !== null) {
    return {
      ok: false,
      status: 409,
      message: `Version ${facts.identicalTo} already says all of this: change something in the engagement before creating a new version.`,
    };
  }
  return { ok: true, to: rule.to(facts) };
}

/* ------------------------------------------------------------------------------------------------
 * The approval gate
 * ---------------------------------------------------------------------------------------------- */

export type ApprovalThresholds = { fteMonths: number; facultyDays: number; secondLeaderOnShortfall: boolean; discountPercent?: number };

/** `discountPercent`: how far a fee set by hand is below the pricing rules' fee (docs/domain.md §8.9). */
export type Resourcing = { fteMonths: number; facultyDays: number; shortfalls: string[]; discountPercent?: number };

export type Gate = {
  requiredApprovals: 1 | 2;
  /** The approving leader must say they accept the capacity conflict. */
  conflictAcknowledgementRequired: boolean;
  reasons: string[];
};

/**
 * Approval is gated on resourcing, not only money: above the FTE-month or faculty-day thresholds it
 * takes a second leader; a capacity shortfall must be acknowledged explicitly (or, if configured,
 * also takes a second leader).
 */
export function approvalGate(r: Resourcing, t: ApprovalThresholds): Gate {
  const reasons: string[] = [];
  let second = false;
  if (r.fteMonths > t.fteMonths) {
    reasons.push(`It commits ${plural(r.fteMonths, "FTE-month")} of our staff, above the ${formatCount(t.fteMonths)} that one leader may approve.`);
    second = true;
  }
  if (r.facultyDays > t.facultyDays) {
    reasons.push(`It commits ${plural(r.facultyDays, "faculty day")}, above the ${formatCount(t.facultyDays)} that one leader may approve.`);
    second = true;
  }
  if (r.discountPercent !== undefined && t.discountPercent !== undefined && r.discountPercent > t.discountPercent) {
    reasons.push(
      `Its fee was set by hand ${r.discountPercent}% below what the pricing rules give, more than the ${t.discountPercent}% that one leader may approve.`
    );
    second = true;
  }
  const conflict = r.shortfalls.length > 0;
  if (conflict) {
    reasons.push(`It would leave us short: ${r.shortfalls.slice(0, 3).join("; ")}${r.shortfalls.length > 3 ? `; and ${r.shortfalls.length - 3} more` : ""}.`);
    if (t.secondLeaderOnShortfall) second = true;
  }
  return { requiredApprovals: second ? 2 : 1, conflictAcknowledgementRequired: conflict, reasons };
}

export type LeaderDecision = { leaderId: number; decision: "approve" | "approve_with_conditions" | "decline"; acknowledgedConflict: boolean };

export type Outcome = { status: "pending"; approvalsSoFar: number; stillNeeded: number } | { status: "approved" | "approved_with_conditions" | "declined" };

/** Where a request stands after its leaders' decisions: one decline ends it; enough approvals approve it. */
export function requestOutcome(gate: Pick<Gate, "requiredApprovals">, decisions: LeaderDecision[]): Outcome {
  if (decisions.some((d) => d.decision === "decline")) return { status: "declined" };
  const approvals = decisions.filter((d) => d.decision !== "decline");
  if (approvals.length >= gate.requiredApprovals) {
    return { status: approvals.some((d) => d.decision === "approve_with_conditions") ? "approved_with_conditions" : "approved" };
  }
  return { status: "pending", approvalsSoFar: approvals.length, stillNeeded: gate.requiredApprovals - approvals.length };
}

/** A leader's decision as it reads in a record: "Priya Raman: approved with conditions on 3 Dec 2026". */
export const DECISION_LABELS: Record<LeaderDecision["decision"], string> = {
  approve: "approved",
  approve_with_conditions: "approved with conditions",
  decline: "declined",
};

type BadgeTone = "neutral" | "info" | "success" | "danger";
const REQUEST_BADGE_TONES: Record<string, BadgeTone> = {
  pending: "info",
  approved: "success",
  approved_with_conditions: "success",
  declined: "danger",
  withdrawn: "neutral",
};

/** An approval request's status as the badge on its page shows it: its words ("approved with conditions") and tone. */
export function requestBadge(status: string): { label: string; tone: BadgeTone } {
  return { label: status.replace(/_/g, " "), tone: REQUEST_BADGE_TONES[status] ?? "neutral" };
}

const REQUEST_STANDS: Record<string, string> = {
  approved: "The request is approved: the engagement's bookings are confirmed, and its documents carry the approval.",
  approved_with_conditions: "The request is approved with conditions: the engagement's bookings are confirmed, and its documents carry the approval.",
  declined: "The request is declined.",
  withdrawn: "The request has since been withdrawn.",
};

const REQUEST_DECIDED: Record<string, string> = {
  approved: "Approved",
  approved_with_conditions: "Approved with conditions",
  declined: "Declined",
};

/**
 * The approvals queue's "Recently decided or withdrawn", one line each, most recent first: the version,
 * what came of its request, by whom (for a withdrawal) and on which day (`on`, as the page writes
 * dates). Requests that would read alike — the same version withdrawn by the same person on the same
 * day, asked for again in between — are one line that counts them ("withdrawn twice"), linked to the
 * latest of them, rather than identical lines a leader cannot tell apart.
 */
export function recentRequestLines<
  R extends { id: number; engagementId: number; engagementTitle: string; number: number; status: string; withdrawnByName: string | null; on: string | null }
>(requests: R[]): (R & { words: string })[] {
  const lines: { key: string; count: number; r: R }[] = [];
  for (const r of requests) {
    const key = JSON.stringify([r.engagementId, r.number, r.status, r.withdrawnByName, r.on]);
    const same = lines.find((l) => l.key === key);
    if (same) same.count += 1;
    else lines.push({ key, count: 1, r });
  }
  return lines.map(({ count, r }) => {
    const times = count === 1 ? "" : count === 2 ? " twice" : ` ${count} times`;
    const by = r.withdrawnByName ? ` by ${r.withdrawnByName}` : "";
    return { ...r, words: `version ${r.number}: ${r.status.replace(/_/g, " ")}${times}${by}${r.on ? ` on ${r.on}` : ""}` };
  });
}

/**
 * What a decided request's page says was decided, in place of what approval needs (which is for an open
 * request): the outcome and when, and what it means for the engagement. Null while it is open or once
 * withdrawn (the page says so apart).
 */
export function decidedRequestWords(status: string, on: string | null): string | null {
  const outcome = REQUEST_DECIDED[status];
  if (!outcome) return null;
  const stands = REQUEST_STANDS[status]!.replace(/^The request is [^:.]+[:.]\s*/, "");
  return `${outcome}${on ? ` on ${on}` : ""}.${stands ? ` ${stands.charAt(0).toUpperCase()}${stands.slice(1)}` : ""}`;
}

/**
 * What the leader whose decision was just recorded is told: how far the request has got, or what came
 * of it. A plain approval that completes a request another leader approved with conditions is told the
 * conditions stand with it.
 */
export function decisionRecordedWords(outcome: Outcome): string {
  switch (outcome.status) {
    case "pending":
      return `Your approval is recorded. It needs ${plural(outcome.stillNeeded, "more leader", "more leaders")}.`;
    case "declined":
      return "Declined. The engagement's tentative bookings are released.";
    case "approved_with_conditions":
      return "Approved with conditions: a leader's conditions stand with the approval (see “What was decided”). The engagement's bookings are now confirmed, and its documents carry the approval.";
    case "approved":
      return "Approved. The engagement's bookings are now confirmed, and its documents carry the approval.";
  }
}

/**
 * How far an open request has got, for the approvals queue: "1 of 2 approvals: Daniel Reyes approved
 * with conditions." Null before any leader has decided.
 */
export function approvalProgress(decisions: { leaderName: string; decision: string }[], required: number): string | null {
  if (!decisions.length) return null;
  const approvals = decisions.filter((d) => d.decision !== "decline").length;
  const said = decisions.map(
    (d) => `${d.leaderName} ${d.decision === "approve_with_conditions" ? "approved with conditions" : d.decision === "decline" ? "declined" : "approved"}`
  );
  return `${approvals} of ${required} ${required === 1 ? "approval" : "approvals"}: ${said.join("; ")}.`;
}

/**
 * What became of the request for the version an amended one follows, for the leader reading the
 * amended version's request: the earlier version, what leadership made of it and when.
 */
export function earlierRequestWords(f: {
  number: number;
  status: string;
  on: string | null;
  withdrawnBy: string | null;
  /**
   * A later version whose request was declined or withdrawn, between the version in force (`number`) and
   * this one: the amendment is compared with the version in force, and that one is named, not compared with.
   */
  between?: { number: number; status: string; on: string | null; withdrawnBy: string | null } | null;
}): string {
  const on = f.on ? ` on ${f.on}` : "";
  if (f.between && approves(f.status)) {
    const b = f.between;
    const bOn = b.on ? ` on ${b.on}` : "";
    const what =
      b.status === "declined"
        ? `leadership declined version ${b.number}${bOn}`
        : b.status === "withdrawn"
        ? `${b.withdrawnBy ?? "its owners"} withdrew the request for version ${b.number}${bOn}`
        : `version ${b.number} was not approved`;
    const kept =
      f.status === "approved_with_conditions"
        ? `It amends version ${f.number}, which leadership approved with conditions${on} and which stays in force. Its conditions and what changed since are below; approving this version says they are met, or carries what is still to be done into new conditions.`
        : `It amends version ${f.number}, which leadership approved${on} and which stays in force.`;
    return `${kept} Since then ${what}, so what changed is compared with version ${f.number}, the version in force.`;
  }
  switch (f.status) {
    case "approved":
      return `It follows version ${f.number}, which leadership approved${on}.`;
    case "approved_with_conditions":
      return `It follows version ${f.number}, which leadership approved with conditions${on}. Its conditions and what changed since are below; approving this version says they are met, or carries what is still to be done into new conditions.`;
    case "declined":
      return `It follows version ${f.number}, which leadership declined${on}.`;
    case "withdrawn":
      return `It follows version ${f.number}, whose request ${f.withdrawnBy ?? "its owners"} withdrew${on} before leadership decided on it.`;
    default:
      return `It follows version ${f.number}, whose request is still waiting for leadership.`;
  }
}

/**
 * What a leader reading a request is told when the partner has already accepted its version, as they may
 * while our leadership decides on it (docs/domain.md §9.9): who accepted it for them, on which day (as the
 * page writes dates), what they accepted, and, while the request is open, that approving it makes it the
 * agreed proposal. `who` is the signer as they typed themselves, else the account that answered.
 */
export function partnerAcceptedWords(f: { number: number; who: string; on: string; what: string | null; open: boolean }): string {
  const what = f.what ? `: “${f.what}”` : "";
  const then = f.open ? " Approving it makes it the agreed proposal." : "";
  // "Helen Marsh, Chief Executive, accepted": a name given with its title is closed by a comma too.
  const who = f.who.includes(",") ? `${f.who},` : f.who;
  return `The partner has accepted version ${f.number}. ${who} accepted it for them on ${f.on}${what}.${then}`;
}

/**
 * What a leader reading a request is told when versions of the proposal have been made since it was
 * submitted: only the latest version is ever submitted, so every later one came after the request.
 * Null when there is none.
 */
export function laterVersionsWords(later: number[]): { latest: number; words: string } | null {
  if (later.length === 0) return null;
  const latest = Math.max(...later);
  const words =
    later.length === 1
      ? `Version ${latest} has been made since this request was submitted.`
      : `${plural(later.length, "later version")} have been made since this request was submitted; the latest is version ${latest}.`;
  return { latest, words };
}

/**
 * What a leader who has decided on a request reads on its page, for as long as they look at it: their
 * own decision and when, and where the request stands now, whether theirs was the first decision of
 * two or the one that settled it.
 */
export function decisionConfirmation(f: {
  decision: LeaderDecision["decision"];
  /** The day of the decision, as the page writes dates. */
  on: string;
  status: string;
  approvals: number;
  required: number;
}): string {
  const mine = `You ${f.decision === "decline" ? "declined" : "approved"} this request${
    f.decision === "approve_with_conditions" ? " with conditions" : ""
  } on ${f.on}.`;
  if (f.status !== "pending") return `${mine} ${REQUEST_STANDS[f.status] ?? ""}`.trim();
  const more = Math.max(0, f.required - f.approvals);
  return more > 0 ? `${mine} It needs ${more} more leader${more === 1 ? "" : "s"} to approve it.` : mine;
}

/**
 * What the Review page tells the engagement's owners when an earlier version awaits leadership's
 * decision and a later one has been made: neither sharing nor submitting the later one is open until
 * that request is withdrawn (only one request is out at a time, and only the latest is ever shared).
 * Null when the request is for the latest version, or there is none.
 */
export function laterVersionBehindRequest(f: { pending: number | null; latest: number; canWithdraw: boolean }): string | null {
  if (f.pending === null || f.pending >= f.latest) return null;
  const who = f.canWithdraw ? "withdraw that request first" : "the engagement's owners must withdraw that request first";
  return `Version ${f.pending} is with leadership for approval. To share version ${f.latest} with the partner or submit it for approval instead, ${who}.`;
}

/**
 * Whether the Review page asks if the live draft has changed since the latest version was frozen: only
 * of an owner it offers to share or submit that version, and only once the version is complete (an
 * incomplete one can be neither, and the page says what it lacks instead).
 */
export function asksWhetherDraftChanged(latest: { missing: number } | null, choices: { share: { ok: boolean }; submit: { ok: boolean } } | null): boolean {
  return latest !== null && choices !== null && latest.missing === 0 && (choices.share.ok || choices.submit.ok);
}

/**
 * What the Review page shows when the live draft says what the latest version does not (`changed`,
 * null when it says nothing new): the words above the share and submit buttons (draftChangedWords),
 * what changed, and whether a new version can be made of the draft now, which it can once the draft is
 * complete.
 */
export function draftChangedView<Diff>(
  f: { number: number; frozenOn: string; share: boolean; submit: boolean },
  changed: { diff: Diff; missing: number } | null
): { words: string; diff: Diff; canCreate: boolean } | null {
  if (!changed) return null;
  return { words: draftChangedWords({ ...f, missing: changed.missing }), diff: changed.diff, canCreate: changed.missing === 0 };
}

/**
 * What the Review page says above its share and submit buttons when the live draft says something the
 * latest version does not: those buttons send the version as it was frozen, and what sending the draft
 * takes instead. `frozenOn` is the day it was frozen, in words; `missing`, the draft's parts still to be
 * completed, without which a new version could be neither shared nor submitted.
 */
export function draftChangedWords(f: { number: number; frozenOn: string; share: boolean; submit: boolean; missing: number }): string {
  const verb = f.share && f.submit ? "share or submit" : f.share ? "share" : "submit";
  const doing = f.share && f.submit ? "Sharing or submitting" : f.share ? "Sharing" : "Submitting";
  const next = f.number + 1;
  const then = f.missing
    ? `to ${verb} what the draft says now, complete its ${plural(f.missing, "part")} still to be completed and create version ${next} on the Proposal page.`
    : `to ${verb} what the draft says now, create version ${next} first.`;
  return `The draft has changed since version ${f.number} was frozen on ${f.frozenOn}. ${doing} version ${f.number} sends it as it was frozen; ${then}`;
}

/**
 * What the engagement's owners can do after withdrawing a request, for the request's page: submit the
 * same version again, if the table lets them (it is still the latest, and complete), or make a new one.
 * `resubmit` is the table's answer to the owner submitting that version now.
 */
export function afterWithdrawal(f: { number: number; resubmit: Decision; inForce: number | null }): string {
  const kept = f.inForce !== null && f.inForce !== f.number ? ` Version ${f.inForce} stays in force meanwhile, as approved.` : "";
  if (f.resubmit.ok)
    return `Nothing was decided on version ${f.number}. Its owners may submit it for approval again as it stands, or make the changes in a new version, share it with the partner and submit that one.${kept}`;
  if (f.resubmit.status !== 409 && f.resubmit.status !== 400) return `Nothing was decided on version ${f.number}.${kept}`;
  return `Nothing was decided on version ${f.number}, and it cannot be submitted again as it stands: ${f.resubmit.message}${kept}`;
}

/**
 * Where the Review step stands for an engagement, from its stage and what its most recent approval
 * request came to (null when none was ever made), with the step bar's words when its status alone
 * would not say it. Withdrawing a request about a version never shared takes the engagement back to
 * "draft", but its review is not unstarted: the request was made and withdrawn, and the owners may
 * submit again. A decline is said as one, not as a step to look at again.
 */
export function reviewStep(stage: Stage, lastRequest: string | null): { status: StepStatus; words?: string } {
  if (stage === "approved") return { status: "complete" };
  if (stage === "declined") return { status: "stale", words: "Declined" };
  if (stage === "draft") return lastRequest === "withdrawn" ? { status: "in_progress", words: "Request withdrawn" } : { status: "not_started" };
  return { status: "in_progress" };
}

/** Where the latest version is, when someone outside the team is deciding on it, or has decided: approved by our leadership. */
export type OutForDecision = "with_partner" | "with_leadership" | "approved" | null;

/**
 * Whether the latest version is out for a decision: shared and not yet answered by the partner, or
 * the version a pending approval request is about. Accepting or making a newer version does not
 * change the stage, so the stage alone cannot say. Once leadership approved the proposal, what is
 * changed goes into a version that needs agreeing again, which the steps say too.
 */
export function outForDecision(facts: {
  stage: Stage;
  latest: number | null;
  latestShared: number | null;
  latestAnswered: boolean;
  pendingRequestFor: number | null;
}): OutForDecision {
  if (facts.latest === null) return null;
  if (facts.stage === "awaiting_approval" && facts.pendingRequestFor === facts.latest) return "with_leadership";
  if (facts.stage === "shared" && facts.latestShared === facts.latest && !facts.latestAnswered) return "with_partner";
  if (facts.stage === "approved") return "approved";
  return null;
}

/**
 * What the partner's page offers as an answer: the table's own rules for accepting and for asking for
 * changes, asked with the same facts as the answer itself, for the version they are reading (only the
 * latest shared one, once). Asking for changes reopens the proposal, so it is offered only while it is
 * with the partner for review; accepting also while our leadership decides on that version and after
 * it approved it. Commenting, on any version shared with them, while it is not closed (closedToComments).
 */
export function partnerAnswers(facts: WorkflowFacts): { accept: boolean; askForChanges: boolean; comment: boolean } {
  return {
    accept: decide("accept", "partner", facts).ok,
    askForChanges: decide("request_changes", "partner", facts).ok,
    comment: decide("comment", "partner", facts).ok,
  };
}

/**
 * What the partner reads of the agreement in force where they arrive (docs/domain.md §9.11): the
 * version, the day it was agreed, from when it is in force, the version it replaced, and, approved with
 * conditions, who sets them out with them (never their text). `on` is the day, in words.
 */
export function agreementWords(f: {
  number: number;
  on: string;
  us: string | undefined;
  replaces: number | null;
  conditions: { manager: string; email: string } | null;
}): string {
  const theirs = leadershipNamed(f.us);
  const replaces = f.replaces === null ? "" : ` It replaces version ${f.replaces}, which is no longer in force.`;
  const conditions = f.conditions
    ? ` ${capitalise(theirs)} approved it with conditions, which ${f.conditions.manager} (${f.conditions.email}) will set out with you.`
    : "";
  return `Version ${f.number} was agreed on ${f.on} and is in force from then: your organisation accepted it and ${theirs} approved it.${replaces}${conditions}`;
}

/** The partner's notice of an agreement they have not seen yet, as their Notices page lists it. */
export function agreementNotice(number: number, on: string, title: string): string {
  return `Version ${number} was agreed on ${on} and is in force from then: ${title}`;
}
