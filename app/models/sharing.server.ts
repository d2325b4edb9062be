import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { approvalRequests, engagements, organisations, partnerAgreementsSeen, partnerResponses, partnerViews, proposalVersions, users } from "../../db/schema";
import { Conflict, Refusal, Refusals } from "~/domain/errors";
import { snapshotFee, snapshotRate } from "~/domain/pricing";
import { acceptedOptionLabel, signerText } from "~/domain/proposal-content";
import { acceptedFeeWords, chosenOptionLabel, resolveChoice } from "~/domain/proposal-options";
import { shareWarnings } from "~/domain/share-warnings";
import { startPassed } from "~/domain/timeline-constraints";
import { staleStepLabels } from "~/models/engagement-steps.server";
import { commitmentsOf } from "~/domain/commitments";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { mayEver, readsSharedOnly } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { agreedInForce, agreementWords, partnerStatus, relationOf } from "~/domain/workflow";
import { writeAudit } from "~/services/audit.server";
import { getDb, qualified, type DB, type Tx } from "~/services/db.server";
import { notFound } from "~/services/session.server";
import { accessFacts, listEngagements, ownedOrCoOwnedIds, requireEngagementAccess } from "./engagements.server";
import {
  sendAcceptanceReceipt,
  sendVersionAgreed,
  tellAnswerByChanged,
  tellPartnerAccepted,
  tellPartnerAnswered,
  tellVersionShared,
} from "./mail-notices.server";
import { answerByProblem, answerByRequest, answerDueWords, daysOverdue, defaultAnswerBy } from "~/domain/answer-by";
import { currentDay } from "~/services/clock.server";
import { formatDate } from "~/domain/calendar";
import { compareVersions } from "./proposal.server";
import {
  access,
  agreementOf,
  findVersion,
  hasConfirmedBookings,
  confirmedBookingsVersion,
  involvementIn,
  latestNumber,
  leadershipOn,
  moveTo,
  partnerView,
  replaceBookings,
  requireTransition,
  workflowFacts,
} from "./workflow.server";

/** Sharing a version with the partner, the partner's answer to it, and what the partner has seen. */

/**
 * Shares a version with the partner's executives, asking them to answer by `answerBy` (four weeks on
 * when not given; docs/domain.md §9.16); says how many of them can sign in to read it.
 */
export function shareVersion(
  actor: Actor,
  engagementId: number,
  number: number,
  answerBy?: string
): { readers: number; organisationName: string; answerBy: string } {
  return getDb().transaction((tx) => {
    const facts = access(tx, engagementId);
    const v = findVersion(tx, engagementId, number);
    const wf = workflowFacts(tx, engagementId, v);
    const to = requireTransition("share", relationOf(actor, facts, involvementIn(facts, v)), wf);
    if (!v) throw notFound("No such proposal version.");
    const day = askedAnswerBy(answerBy);
    moveTo(tx, engagementId, wf.stage, to);
    tx.update(proposalVersions).set({ sharedAt: new Date().toISOString(), sharedById: actor.id, answerBy: day }).where(eq(proposalVersions.id, v.id)).run();
    if (!hasConfirmedBookings(tx, engagementId)) replaceBookings(tx, engagementId, v.id, JSON.parse(v.snapshotJson), "tentative");
    writeAudit(tx, { userId: actor.id, action: "proposal.share", engagementId, proposalVersionId: v.id, detail: { number, answerBy: day } });
    tellVersionShared(tx, actor, engagementId, number);
    return { ...readersAt(tx, engagementId), answerBy: day };
  });
}

/** The day asked for, checked against today; four weeks on when none was given. A refusal beside the field otherwise. */
function askedAnswerBy(answerBy: string | undefined): string {
  const today = currentDay();
  if (answerBy === undefined) return defaultAnswerBy(today);
  const problem = answerByProblem(answerBy, today);
  if (problem) throw new Refusal(problem, "answerBy");
  return answerBy.trim();
}

/**
 * Changes the day the partner is asked to answer the latest version shared with them by, while their
 * answer is still awaited (when they ask for more time, say); audited with the day it replaces. The
 * partner's executives are told of the new day by mail.
 */
export function changeAnswerBy(actor: Actor, engagementId: number, number: number, answerBy: string, shown?: string) {
  requireEngagementAccess(actor, engagementId, "proposal:share");
  return getDb().transaction((tx) => {
    const v = findVersion(tx, engagementId, number);
    if (!v || !v.sharedAt) throw notFound("No such shared version.");
    if (number !== latestNumber(tx, engagementId, { shared: true }) || !awaitsAnswer(tx, engagementId, number))
      throw new Refusal(`Version ${number} no longer waits for the partner's answer, so there is no date to change.`);
    const day = askedAnswerBy(answerBy);
    const was = tx.select({ answerBy: proposalVersions.answerBy }).from(proposalVersions).where(eq(proposalVersions.id, v.id)).get()?.answerBy ?? null;
    // Another owner changed it since the page was read: say so beside the field rather than replace their day unseen.
    if (shown !== undefined && was !== null && shown !== was && day !== was)
      throw new Conflict(`Meanwhile the date was changed to ${formatDate(was)}. Check it with the partner before changing it again.`, [], "answerBy");
    if (was === day) return { changed: false, answerBy: day };
    tx.update(proposalVersions).set({ answerBy: day }).where(eq(proposalVersions.id, v.id)).run();
    writeAudit(tx, {
      userId: actor.id,
      action: "proposal.answer_by",
      engagementId,
      proposalVersionId: v.id,
      detail: { number, answerByBefore: was, answerBy: day },
    });
    tellAnswerByChanged(tx, actor, engagementId, number, day);
    return { changed: true, answerBy: day };
  });
}

/**
 * The engagements the actor owns or co-owns whose partner's answer is past the day asked for it, with
 * their titles: each told once, as one notice, while the answer stays awaited (docs/domain.md §9.16).
 */
export function answersOverdueFor(actor: Actor, today: string): { id: number; title: string; number: number; answerBy: string }[] {
  const db = getDb();
  const owned = db
    .select({ id: engagements.id, title: engagements.title })
    .from(engagements)
    .where(sql`${engagements.id} in ${ownedOrCoOwnedIds(actor.id)}`)
    .all();
  const due = answersDue(
    owned.map((e) => e.id),
    today
  );
  return owned.flatMap((e) => {
    const a = due.get(e.id);
    return a?.overdue ? [{ ...e, number: a.number, answerBy: a.answerBy }] : [];
  });
}

/**
 * The partner's answer awaited for each of these engagements, as our team reads it on `today`: the day
 * asked for, "Answer due 15 January 2027" (with how many days overdue once it has passed), and whether
 * it has (docs/domain.md §9.16). Pass only engagements the caller may see.
 */
export function answersDue(engagementIds: number[], today: string): Map<number, { number: number; answerBy: string; words: string; overdue: boolean }> {
  return new Map(
    [...answersAwaited(engagementIds)].map(([id, a]) => [id, { ...a, words: answerDueWords(a.answerBy, today), overdue: daysOverdue(a.answerBy, today) > 0 }])
  );
}

/**
 * What the partner reads of the day asked for their answer (docs/domain.md §9.16), for each of these
 * engagements whose latest shared version awaits it: that version, and "Please give your answer by …".
 * Pass only engagements the partner may see.
 */
export function answersRequested(engagementIds: number[]): Map<number, { number: number; words: string }> {
  return new Map([...answersAwaited(engagementIds)].map(([id, a]) => [id, { number: a.number, words: answerByRequest(a.answerBy) }]));
}

/** Whether the partner may still answer this version: accept it or ask for changes. */
function awaitsAnswer(tx: DB | Tx, engagementId: number, number: number): boolean {
  const view = partnerView(tx, engagementId, number);
  return !view.answered && (view.answer.accept || view.answer.askForChanges);
}

/**
 * The day the partner is asked to answer each of these engagements' latest shared version by, while
 * that answer is awaited; engagements with no such version, or none asked, are left out. Pass only
 * engagements the caller may see.
 */
export function answersAwaited(engagementIds: number[], db: DB | Tx = getDb()): Map<number, { number: number; answerBy: string }> {
  const out = new Map<number, { number: number; answerBy: string }>();
  if (engagementIds.length === 0) return out;
  const rows = db
    .select({ engagementId: proposalVersions.engagementId, number: proposalVersions.number, answerBy: proposalVersions.answerBy })
    .from(proposalVersions)
    .where(
      and(
        inArray(proposalVersions.engagementId, engagementIds),
        isNotNull(proposalVersions.answerBy),
        sql`${qualified(proposalVersions.number)} = (select max(pv.number) from proposal_versions pv where pv.engagement_id = ${qualified(
          proposalVersions.engagementId
        )} and pv.shared_at is not null)`,
        sql`not exists (select 1 from partner_responses r where r.proposal_version_id = ${qualified(proposalVersions.id)})`
      )
    )
    .all();
  for (const r of rows) if (awaitsAnswer(db, r.engagementId, r.number)) out.set(r.engagementId, { number: r.number, answerBy: r.answerBy! });
  return out;
}

/** The partner organisation of an engagement, and how many of its people can sign in and answer a shared version. */
/** Who at the partner could read a shared version: how many of its executives can sign in, and its name. */
export function partnerReaders(engagementId: number): { readers: number; organisationName: string } {
  return readersAt(getDb(), engagementId);
}

function readersAt(tx: DB | Tx, engagementId: number): { readers: number; organisationName: string } {
  const org = tx
    .select({ name: organisations.name, id: organisations.id })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .where(eq(engagements.id, engagementId))
    .get()!;
  const readers = tx
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.organisationId, org.id), isNull(users.disabledAt)))
    .all()
    .filter((u) => mayEver(u, "proposal:respond")).length;
  return { readers, organisationName: org.name };
}

/**
 * What the owner should know before sharing a version, from the version as it would be shared: nobody
 * at the partner can sign in to read it, every fee offered is above the partner's budget, its plan
 * begins before `today.day`, steps it rests on need review. Empty when there is no such version.
 */
export function shareWarningsFor(engagementId: number, number: number, today: { day: string; month: string }): string[] {
  const db = getDb();
  const v = findVersion(db, engagementId, number);
  if (!v) return [];
  const snapshot = JSON.parse(v.snapshotJson) as EngagementSnapshot;
  const { fees, currency } = commitmentsOf(snapshot);
  const passed = snapshot.timeline ? startPassed(snapshot.timeline, today.day) : null;
  return shareWarnings({
    ...readersAt(db, engagementId),
    fees,
    currency: currency ?? "",
    startPassed: passed ? { version: number, passed } : null,
    time: { version: number, check: snapshot.timeCheck },
    staleSteps: staleStepLabels(db, [engagementId], today.month).get(engagementId) ?? [],
  });
}

/** A shared version of the partner's own organisation, or 404: the organisation is in the query. */
export function sharedVersionForPartner(tx: Tx, actor: Actor, engagementId: number, number: number) {
  if (!readsSharedOnly(actor) || actor.organisationId === null) throw notFound("No such proposal version.");
  const v = tx
    .select({ id: proposalVersions.id, number: proposalVersions.number })
    .from(proposalVersions)
    .innerJoin(engagements, eq(engagements.id, proposalVersions.engagementId))
    .where(
      and(
        eq(proposalVersions.engagementId, engagementId),
        eq(proposalVersions.number, number),
        isNotNull(proposalVersions.sharedAt),
        eq(engagements.organisationId, actor.organisationId)
      )
    )
    .get();
  if (!v) throw notFound("No such proposal version.");
  return v;
}

/**
 * Refuses a partner's comment, or reply, on a version of their own organisation closed to them: the
 * table's "comment", asked with the facts their answer is decided on (a 409 that says why).
 */
export function requirePartnerMayComment(tx: Tx, actor: Actor, engagementId: number, number: number) {
  const facts = access(tx, engagementId);
  const v = findVersion(tx, engagementId, number);
  requireTransition("comment", relationOf(actor, facts, involvementIn(facts, v)), workflowFacts(tx, engagementId, v, { latestShared: true }));
}

/** Who accepts, as they typed themselves, and their confirmation that they accept on their organisation's behalf (docs/domain.md §9.9). */
export type Signer = { name: string; title: string; confirmed: boolean };

export function respondToVersion(
  actor: Actor,
  engagementId: number,
  number: number,
  response: "accepted" | "changes_requested",
  reason: string,
  signer: Signer = { name: "", title: "", confirmed: false },
  optionKey = ""
): { versionId: number } {
  return getDb().transaction((tx) => {
    const facts = accessFacts(engagementId, tx);
    if (!facts) throw notFound("No such proposal version.");
    const v = findVersion(tx, engagementId, number);
    const wf = workflowFacts(tx, engagementId, v, { latestShared: true });
    const to = requireTransition(response === "accepted" ? "accept" : "request_changes", relationOf(actor, facts, involvementIn(facts, v)), wf);
    if (!v) throw notFound("No such proposal version.");
    if (response === "changes_requested" && reason.trim().length < 10) {
      throw new Refusal("Say what should change, in a sentence or two.", "reason");
    }
    let record = { signerName: "", signerTitle: "", optionLabel: "", optionKey: "", fingerprint: "" };
    const snapshot = JSON.parse(v.snapshotJson) as EngagementSnapshot;
    if (response === "accepted") {
      // The option first: it is the first thing the partner decides (docs/domain.md §9.13).
      // Every missing part is said at once, each beside its field.
      const choice = resolveChoice(snapshot.options, optionKey);
      const missing: Record<string, string> = {};
      if (!choice.ok) missing.option = choice.message;
      if (!signer.name) missing.signerName = "Type your name as you sign the acceptance.";
      if (!signer.title) missing.signerTitle = "Type your title, as it should appear in the acceptance record.";
      if (!signer.confirmed) missing.confirm = "Tick the box to confirm that you accept this version for your organisation.";
      if (!choice.ok || Object.keys(missing).length) throw new Refusals(missing);
      const fee = snapshotFee(snapshot);
      // The fee as the document accepted states it: with its equivalent where the version compared it with the budget through a rate.
      const rate = snapshotRate(snapshot);
      record = {
        signerName: signer.name,
        signerTitle: signer.title,
        optionLabel: choice.option
          ? chosenOptionLabel(choice.option, rate)
          : acceptedOptionLabel(fee && fee.amount > 0 ? acceptedFeeWords(fee.amount, fee.currency, rate) : null),
        optionKey: choice.option?.key ?? "",
        fingerprint: v.contentHash,
      };
    }
    moveTo(tx, engagementId, wf.stage, to);
    tx.insert(partnerResponses)
      .values({ proposalVersionId: v.id, userId: actor.id, response, reason: reason.trim(), at: new Date().toISOString(), ...record })
      .run();
    // The chosen option's demand is booked and the other options' released (docs/domain.md §9.13): tentative
    // until approved; confirmed when leadership has approved this very version (the largest option's demand,
    // confirmed on approval, gives way to the one chosen); an earlier version in force keeps its bookings.
    if (record.optionKey) {
      const held = confirmedBookingsVersion(tx, engagementId);
      if (held === null) replaceBookings(tx, engagementId, v.id, snapshot, "tentative");
      else if (held === v.id) replaceBookings(tx, engagementId, v.id, snapshot, "confirmed");
    }
    writeAudit(tx, {
      userId: actor.id,
      action: response === "accepted" ? "proposal.accept" : "proposal.request_changes",
      engagementId,
      proposalVersionId: v.id,
      detail:
        response === "accepted"
          ? {
              number,
              reason,
              signer: record.signerName,
              title: record.signerTitle,
              option: record.optionLabel,
              optionKey: record.optionKey,
              fingerprint: record.fingerprint,
            }
          : { number, reason },
    });
    const accepted = response === "accepted" ? { what: record.optionLabel, signer: signerText(record.signerName, record.signerTitle) } : null;
    const leadership = leadershipOn(tx, v.id);
    tellPartnerAnswered(tx, { actor, engagementId, number, accepted: response === "accepted", acceptance: accepted, leadership });
    if (accepted)
      sendAcceptanceReceipt(tx, { actor, engagementId, number, acceptance: accepted, fingerprint: record.fingerprint, acceptedOn: formatDate(currentDay()) });
    // Accepted after our leadership approved it: the proposal is now agreed by both sides, and every executive of the partner gets its record.
    if (accepted && leadership === "approved") sendVersionAgreed(tx, engagementId, number);
    // Our leaders who approved the version, or who may decide on it while its request is open, hear of the acceptance too.
    if (accepted && leadership !== "not_asked") {
      const request = tx
        .select({ id: approvalRequests.id, submittedById: approvalRequests.submittedById })
        .from(approvalRequests)
        .where(
          and(
            eq(approvalRequests.proposalVersionId, v.id),
            inArray(approvalRequests.status, leadership === "approved" ? ["approved", "approved_with_conditions"] : ["pending"])
          )
        )
        .orderBy(desc(approvalRequests.id))
        .get();
      if (request) {
        tellPartnerAccepted(tx, actor, engagementId, number, accepted, {
          id: request.id,
          leadership,
          involvement: involvementIn(facts, v, request.submittedById),
        });
      }
    }
    return { versionId: v.id };
  });
}

export function markSeen(actor: Actor, engagementId: number, number: number) {
  getDb().transaction((tx) => {
    sharedVersionForPartner(tx, actor, engagementId, number);
    const now = new Date().toISOString();
    tx.insert(partnerViews)
      .values({ userId: actor.id, engagementId, lastSeenNumber: number, at: now })
      .onConflictDoUpdate({
        target: [partnerViews.userId, partnerViews.engagementId],
        set: { lastSeenNumber: sql`max(${partnerViews.lastSeenNumber}, ${number})`, at: now },
      })
      .run();
  });
}

export function lastSeenNumber(actor: Actor, engagementId: number): number | null {
  return (
    getDb()
      .select({ n: partnerViews.lastSeenNumber })
      .from(partnerViews)
      .where(and(eq(partnerViews.userId, actor.id), eq(partnerViews.engagementId, engagementId)))
      .get()?.n ?? null
  );
}

/**
 * What a partner is told changed on opening the latest version shared with them: counted from the
 * version they last saw here or, before they have opened any here, from the one shared with them
 * before the latest (they had its documents by mail), whose date is then given. No changes when the
 * version shown is not the latest, or nothing was shared before it.
 *
 * `recordOnOpen` is the version the page records as seen when the partner opens the latest: it only
 * ever records a version they opened, so that "the one you last saw" is said of no other. Nothing is
 * recorded while the changes count from a version shared before, which they keep counting from, on
 * reloads too, until the partner dismisses them, comments or answers.
 */
export function partnerChangesSince(
  actor: Actor,
  engagementId: number,
  shared: { number: number; sharedAt: string | null }[],
  shown: number,
  /** The version in force the partner accepted, if any (agreedInForce): an amendment is compared with it, not with one set aside since. */
  agreed: number | null = null
) {
  const seen = lastSeenNumber(actor, engagementId);
  const latest = Math.max(...shared.map((v) => v.number));
  const previous = shared.filter((v) => v.number < latest).sort((a, b) => b.number - a.number)[0] ?? null;
  const counted = seen ?? previous?.number ?? null;
  // Counted from the agreed version or one after it (an amendment declined or set aside, or the amendment itself, once seen),
  // what changed is what changes in the agreement, and the page says it is counted from the agreed version.
  const sinceAgreed = agreed !== null && counted !== null && counted >= agreed && agreed < latest;
  const since = sinceAgreed ? agreed : counted;
  return {
    seen,
    since,
    sinceAgreed,
    sinceSharedAt: seen === null && !sinceAgreed ? previous?.sharedAt ?? null : null,
    changes: since !== null && since < latest && shown === latest ? compareVersions(actor, engagementId, since, latest).diff : null,
    recordOnOpen: since === null ? latest : null,
  };
}

/** The partner's answers to the engagement's versions, newest first; a partner sees only their own organisation's. */
export function responsesTo(actor: Actor, engagementId: number) {
  const partnerOnly = readsSharedOnly(actor) ? [eq(engagements.organisationId, actor.organisationId ?? -1), isNotNull(proposalVersions.sharedAt)] : [];
  if (!partnerOnly.length) requireEngagementAccess(actor, engagementId, "engagement:read");
  return getDb()
    .select({
      number: proposalVersions.number,
      response: partnerResponses.response,
      reason: partnerResponses.reason,
      at: partnerResponses.at,
      by: users.name,
      // What an acceptance accepted and who signed it (empty for a request for changes, and for acceptances recorded before signing).
      accepted: partnerResponses.optionLabel,
      signerName: partnerResponses.signerName,
      signerTitle: partnerResponses.signerTitle,
    })
    .from(partnerResponses)
    .innerJoin(proposalVersions, eq(proposalVersions.id, partnerResponses.proposalVersionId))
    .innerJoin(engagements, eq(engagements.id, proposalVersions.engagementId))
    .innerJoin(users, eq(users.id, partnerResponses.userId))
    .where(and(eq(proposalVersions.engagementId, engagementId), ...partnerOnly))
    .orderBy(desc(partnerResponses.at))
    .all();
}

/**
 * Of these engagements, those whose latest shared version the partner has accepted (whether or not our
 * leadership has decided on it yet). Pass only engagements the caller may see.
 */
export function acceptedLatestShared(engagementIds: number[]): Set<number> {
  if (engagementIds.length === 0) return new Set();
  const latestShared = sql`(select max(pv.number) from proposal_versions pv where pv.engagement_id = ${proposalVersions.engagementId} and pv.shared_at is not null)`;
  const rows = getDb()
    .selectDistinct({ engagementId: proposalVersions.engagementId })
    .from(partnerResponses)
    .innerJoin(proposalVersions, eq(proposalVersions.id, partnerResponses.proposalVersionId))
    .where(and(inArray(proposalVersions.engagementId, engagementIds), eq(partnerResponses.response, "accepted"), eq(proposalVersions.number, latestShared)))
    .all();
  return new Set(rows.map((r) => r.engagementId));
}

/**
 * The engagements a partner executive may read, each with the status of the latest version shared
 * with them, by that version's own standing as well as the stage.
 */
export function partnerProposals(actor: Actor) {
  const list = listEngagements(actor);
  const accepted = acceptedLatestShared(list.map((e) => e.id));
  const db = getDb();
  return list.map((e) => {
    const latestShared = latestNumber(db, e.id, { shared: true });
    const view = latestShared === null ? undefined : partnerView(db, e.id, latestShared);
    const reading =
      latestShared === null || !view ? undefined : { number: latestShared, latestShared, standing: view.standing, us: view.us, inForce: view.inForce };
    const status = partnerStatus(e.stage, accepted.has(e.id), reading);
    // The agreed version the latest one amends, which stays agreed and in force meanwhile.
    const amends = latestShared === null || !view ? null : agreedInForce(latestShared, view.inForce);
    return {
      id: e.id,
      title: e.title,
      status: status.label,
      tone: status.tone,
      ...(status.waits ? { waits: status.waits } : {}),
      ...(amends !== null ? { amends } : {}),
      // The version agreed by both sides and in force, whose agreement the partner is told of.
      ...(view?.inForce?.accepted ? { agreed: view.inForce.number } : {}),
    };
  });
}

/** The options a version offers the partner to choose from, by key, as the acceptance form lists them (docs/domain.md §9.13). */
export function offeredOptions(version: { snapshot: EngagementSnapshot }): { key: string; label: string }[] {
  const options = version.snapshot.options ?? [];
  // Each fee as the document states it, with its equivalent where the version compared it through a rate, as the acceptance records it.
  const rate = snapshotRate(version.snapshot);
  return options.length > 1 ? options.map((o) => ({ key: o.key, label: chosenOptionLabel(o, rate) })) : [];
}

/**
 * The agreement in force, as the partner's page says it where they arrive (docs/domain.md §9.11), and
 * whether this executive has yet seen it there; null while no version is agreed by both sides.
 */
export function partnerAgreement(actor: Actor, engagementId: number, inForce: { number: number; accepted: boolean } | null, us: string | undefined) {
  if (!inForce?.accepted) return null;
  const db = getDb();
  const agreement = agreementOf(db, engagementId, inForce.number);
  if (!agreement) return null;
  return {
    number: agreement.number,
    words: agreementWords({
      number: agreement.number,
      on: formatDate(agreement.at),
      us,
      replaces: agreement.replaces?.number ?? null,
      conditions: agreement.conditionsSetOutBy && { manager: agreement.conditionsSetOutBy.name, email: agreement.conditionsSetOutBy.email },
    }),
    seen: (agreementsSeen(actor).get(engagementId) ?? 0) >= agreement.number,
  };
}

/** The day a version was agreed, in words, for the partner's notice of it; null when it is not agreed. */
export function agreedOn(engagementId: number, number: number): string | null {
  const agreement = agreementOf(getDb(), engagementId, number);
  return agreement ? formatDate(agreement.at) : null;
}

/** The agreed version of each engagement whose agreement this partner user has seen on their page. */
export function agreementsSeen(actor: Actor): Map<number, number> {
  return new Map(
    getDb()
      .select({ engagementId: partnerAgreementsSeen.engagementId, number: partnerAgreementsSeen.number })
      .from(partnerAgreementsSeen)
      .where(eq(partnerAgreementsSeen.userId, actor.id))
      .all()
      .map((r) => [r.engagementId, r.number])
  );
}

/** The partner user has seen, on their page, the agreement of this version, one of their own organisation's: their notice of it goes. */
export function markAgreementSeen(actor: Actor, engagementId: number, number: number) {
  getDb().transaction((tx) => {
    sharedVersionForPartner(tx, actor, engagementId, number);
    const now = new Date().toISOString();
    tx.insert(partnerAgreementsSeen)
      .values({ userId: actor.id, engagementId, number, at: now })
      .onConflictDoUpdate({
        target: [partnerAgreementsSeen.userId, partnerAgreementsSeen.engagementId],
        set: { number: sql`max(${partnerAgreementsSeen.number}, ${number})`, at: now },
      })
      .run();
  });
}
