import { aliasedTable, and, asc, eq } from "drizzle-orm";
import { engagements, partnerIntakeSections, users } from "../../db/schema";
import { Conflict, NotFound, Refusal } from "~/domain/errors";
import { emptyIntake, MAX_PRIORITIES, PRIORITY_TOPICS, type Intake, type IntakeSectionKey } from "~/domain/intake";
import { FIELD_LIST, intakeFieldLabel, sectionFieldNames } from "~/domain/intake-form";
import { answerInWords } from "~/domain/intake-differences";
import { money } from "~/domain/money";
import { intakeToFormValues, IntakeSections } from "~/domain/intake-schema";
import { partnerAnswerChanges, takeChosenAnswers, type AnswerChange, type LeftOutAnswer } from "~/domain/partner-answers";
import { isOpenable, partnerIntakeStep, sectionLabel, type OpenableSection, type PartnerIntakeStatus, type PartnerIntakeStep } from "~/domain/partner-intake";
import { may, scopeOf } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { sentenceStart } from "~/domain/text";
import { writeAudit } from "~/services/audit.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { requireEngagementAccess } from "./engagements.server";
import { readIntake, refuseIntakeDates, writeIntake } from "./intake.server";

/*
 * The intake sections opened to the partner and what they entered (docs/domain.md §9.10). The partner's
 * answers are their own draft of a section, kept apart from the intake: a partner's queries read only
 * that draft, of their own organisation's engagements (the organisation is in the WHERE), and never
 * the intake itself.
 */

export type PartnerSection = {
  section: IntakeSectionKey;
  status: PartnerIntakeStatus;
  /** The partner's answers, as the intake stores the section; null until they save. */
  answers: Intake[IntakeSectionKey] | null;
  version: number;
  openedByName: string;
  openedAt: string;
  answeredByName: string | null;
  answeredAt: string | null;
  note: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  /** Once taken in, the partner's answers left out of the intake, as they are told of them. */
  leftOut: LeftOutAnswer[];
};

const openedBy = aliasedTable(users, "opened_by");
const answeredBy = aliasedTable(users, "answered_by");
const reviewedBy = aliasedTable(users, "reviewed_by");

function selectSections(db: DB | Tx) {
  return db
    .select({
      section: partnerIntakeSections.section,
      status: partnerIntakeSections.status,
      dataJson: partnerIntakeSections.dataJson,
      version: partnerIntakeSections.version,
      openedByName: openedBy.name,
      openedAt: partnerIntakeSections.openedAt,
      answeredByName: answeredBy.name,
      answeredAt: partnerIntakeSections.answeredAt,
      note: partnerIntakeSections.note,
      reviewedByName: reviewedBy.name,
      reviewedAt: partnerIntakeSections.reviewedAt,
      leftOutJson: partnerIntakeSections.leftOutJson,
      engagementId: partnerIntakeSections.engagementId,
      title: engagements.title,
    })
    .from(partnerIntakeSections)
    .innerJoin(engagements, eq(engagements.id, partnerIntakeSections.engagementId))
    .innerJoin(openedBy, eq(openedBy.id, partnerIntakeSections.openedById))
    .leftJoin(answeredBy, eq(answeredBy.id, partnerIntakeSections.answeredById))
    .leftJoin(reviewedBy, eq(reviewedBy.id, partnerIntakeSections.reviewedById));
}

type Row = Omit<PartnerSection, "answers" | "leftOut"> & { dataJson: string | null; leftOutJson: string | null; engagementId: number; title: string };

function toSection(row: Row): PartnerSection {
  const { dataJson, leftOutJson, engagementId: _e, title: _t, ...rest } = row;
  const answers = dataJson === null ? null : (IntakeSections[row.section].parse(JSON.parse(dataJson)) as Intake[IntakeSectionKey]);
  // Said only of a section taken in: one opened again is asked afresh.
  const leftOut = row.status === "taken" && leftOutJson !== null ? (JSON.parse(leftOutJson) as LeftOutAnswer[]) : [];
  return { ...rest, answers, leftOut };
}

/** Where a partner's query looks: their organisation's engagements only, or nothing for anyone else. */
function partnerScope(actor: Actor) {
  if (scopeOf(actor.role, "intake:answer") !== "invited" || actor.organisationId === null) throw new NotFound("No such intake section.");
  return eq(engagements.organisationId, actor.organisationId);
}

// ---------------------------------------------------------------------------------------------
// Our staff

/** Every section opened to the partner on this engagement, for staff who may read it. */
export function listPartnerSections(actor: Actor, engagementId: number): { sections: PartnerSection[]; canInvite: boolean } {
  const facts = requireEngagementAccess(actor, engagementId, "engagement:read");
  const rows = selectSections(getDb()).where(eq(partnerIntakeSections.engagementId, engagementId)).orderBy(asc(partnerIntakeSections.id)).all();
  return { sections: rows.map(toSection), canInvite: may(actor, "intake:invite", facts) };
}

function readRow(tx: Tx, engagementId: number, section: IntakeSectionKey) {
  return tx
    .select({ status: partnerIntakeSections.status, version: partnerIntakeSections.version, dataJson: partnerIntakeSections.dataJson })
    .from(partnerIntakeSections)
    .where(and(eq(partnerIntakeSections.engagementId, engagementId), eq(partnerIntakeSections.section, section)))
    .get();
}

function check(status: PartnerIntakeStatus | null, step: PartnerIntakeStep, section: IntakeSectionKey) {
  const verdict = partnerIntakeStep(status, step, section);
  if (!verdict.ok) throw new Refusal(verdict.reason);
  return verdict.next;
}

function staleDraft(section: IntakeSectionKey): Conflict {
  return new Conflict(`The partner changed their answers to ${sectionLabel(section)} since you loaded the page. Read them again before deciding.`, [
    { summary: `Changed their answers to ${sectionLabel(section)}`, by: null, version: 0 },
  ]);
}

/** Opens a section to the partner's executives (again, once an earlier answer was taken in). */
export function openSection(actor: Actor, engagementId: number, section: IntakeSectionKey): void {
  requireEngagementAccess(actor, engagementId, "intake:invite");
  const now = new Date().toISOString();
  getDb().transaction((tx) => {
    const row = readRow(tx, engagementId, section);
    const status = check(row?.status ?? null, "open", section);
    const reset = { status, openedById: actor.id, openedAt: now, note: null, reviewedById: null, reviewedAt: null, leftOutJson: null };
    if (row) {
      tx.update(partnerIntakeSections)
        .set({ ...reset, version: row.version + 1 })
        .where(
          and(eq(partnerIntakeSections.engagementId, engagementId), eq(partnerIntakeSections.section, section), eq(partnerIntakeSections.version, row.version))
        )
        .run();
    } else {
      tx.insert(partnerIntakeSections)
        .values({ engagementId, section, ...reset })
        .run();
    }
    writeAudit(tx, { userId: actor.id, action: "intake.partner.open", engagementId, detail: { section, label: sectionLabel(section) } });
  });
}

/**
 * Takes the chosen ones of the partner's answers into the intake (docs/domain.md §9.10: an answer left
 * empty, or not chosen, keeps the intake's), if the partner has not changed them since `draftVersion`
 * and nobody has saved the intake since `intakeVersion`: what the manager read. Closes the section to
 * the partner. Answers the intake's version and the answers taken in.
 */
export function takeSection(
  actor: Actor,
  engagementId: number,
  section: IntakeSectionKey,
  versions: { draftVersion: number; intakeVersion: number },
  chosen: readonly string[],
  /** A note the partner reads beside the section, if the manager writes one. */
  note: string | null = null
): { version: number; taken: AnswerChange[]; leftOut: LeftOutAnswer[] } {
  requireEngagementAccess(actor, engagementId, "intake:invite");
  const now = new Date().toISOString();
  return getDb().transaction((tx) => {
    const row = readRow(tx, engagementId, section);
    const status = check(row?.status ?? null, "take", section);
    if (row!.version !== versions.draftVersion) throw staleDraft(section);
    const intake = readIntake(tx, engagementId);
    if (intake.version !== versions.intakeVersion) throw staleIntake(section, intake);
    const theirs = IntakeSections[section].parse(JSON.parse(row!.dataJson ?? "{}"));
    const openable = section as OpenableSection;
    const merged = takeChosenAnswers(openable, intake.intake[openable], theirs as Intake[OpenableSection], chosen);
    if (!merged.ok) throw new Refusal(merged.reason);
    // Taken in as ticked, the section must still hold together as the intake's own form checks it
    // (a maximum budget taken without the partner's minimum may fall below the intake's).
    const checked = IntakeSections[section].safeParse(merged.section);
    if (!checked.success)
      throw new Refusal(
        `Taken in as ticked, ${sectionLabel(section)} would not hold together: ${
          checked.error.issues[0]!.message
        } Tick the partner's answers that go with it too, or leave it unticked.`
      );
    let version = intake.version;
    if (merged.taken.length) {
      const written = writeIntake(tx, actor, engagementId, { ...intake.intake, [section]: merged.section }, intake.version);
      if (!written.ok) throw staleIntake(section, readIntake(tx, engagementId));
      version = written.version;
    }
    tx.update(partnerIntakeSections)
      .set({
        status,
        version: versions.draftVersion + 1,
        reviewedById: actor.id,
        reviewedAt: now,
        note: note?.trim() ? note.trim() : null,
        leftOutJson: JSON.stringify(merged.leftOut),
      })
      .where(
        and(
          eq(partnerIntakeSections.engagementId, engagementId),
          eq(partnerIntakeSections.section, section),
          eq(partnerIntakeSections.version, versions.draftVersion)
        )
      )
      .run();
    writeAudit(tx, {
      userId: actor.id,
      action: "intake.partner.take",
      engagementId,
      detail: { section, label: sectionLabel(section), version, taken: merged.taken.map((c) => c.label), leftOut: merged.leftOut.map((c) => c.label) },
    });
    return { version, taken: merged.taken, leftOut: merged.leftOut };
  });
}

function staleIntake(section: IntakeSectionKey, saved: { version: number; updatedByName: string | null }): Conflict {
  return new Conflict(
    `${saved.updatedByName ?? "Someone"} saved the intake since you loaded this page, so what taking in the partner's answers to ${sectionLabel(
      section
    )} would change may differ. Read the changes again before deciding.`,
    [{ summary: "Saved the intake", by: saved.updatedByName, version: saved.version }]
  );
}

/**
 * For each section whose answers wait for the manager's decision, what taking them in would change,
 * against the intake as it is now, and the intake's version they were worked out against.
 */
export function changesToTake(
  actor: Actor,
  engagementId: number,
  sections: readonly PartnerSection[]
): { intakeVersion: number; changes: Partial<Record<IntakeSectionKey, AnswerChange[]>> } {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const intake = readIntake(getDb(), engagementId);
  const changes: Partial<Record<IntakeSectionKey, AnswerChange[]>> = {};
  for (const s of sections) {
    if (s.status !== "answered" || !s.answers || !isOpenable(s.section)) continue;
    changes[s.section] = partnerAnswerChanges(s.section, intake.intake[s.section], s.answers as Intake[OpenableSection]);
  }
  return { intakeVersion: intake.version, changes };
}

/** Sends the partner's answers back to them with a note, if they have not changed them since `draftVersion`. */
export function returnSection(actor: Actor, engagementId: number, section: IntakeSectionKey, draftVersion: number, note: string): void {
  requireEngagementAccess(actor, engagementId, "intake:invite");
  const now = new Date().toISOString();
  getDb().transaction((tx) => {
    const row = readRow(tx, engagementId, section);
    const status = check(row?.status ?? null, "return", section);
    if (row!.version !== draftVersion) throw staleDraft(section);
    tx.update(partnerIntakeSections)
      .set({ status, version: draftVersion + 1, reviewedById: actor.id, reviewedAt: now, note })
      .where(
        and(eq(partnerIntakeSections.engagementId, engagementId), eq(partnerIntakeSections.section, section), eq(partnerIntakeSections.version, draftVersion))
      )
      .run();
    writeAudit(tx, { userId: actor.id, action: "intake.partner.return", engagementId, detail: { section, label: sectionLabel(section), note } });
  });
}

// ---------------------------------------------------------------------------------------------
// The partner's executives

export type PartnerIntakeEngagement = { engagementId: number; title: string; sections: PartnerSection[] };

/** The engagements of the partner's organisation with sections opened to them, for their home page. */
export function listOpenedToPartner(actor: Actor): PartnerIntakeEngagement[] {
  if (scopeOf(actor.role, "intake:answer") !== "invited" || actor.organisationId === null) return [];
  const rows: Row[] = selectSections(getDb()).where(partnerScope(actor)).orderBy(asc(engagements.title), asc(partnerIntakeSections.id)).all();
  const byEngagement = new Map<number, PartnerIntakeEngagement>();
  for (const row of rows) {
    const entry = byEngagement.get(row.engagementId) ?? { engagementId: row.engagementId, title: row.title, sections: [] };
    entry.sections.push(toSection(row));
    byEngagement.set(row.engagementId, entry);
  }
  return [...byEngagement.values()];
}

/** One engagement's sections opened to the partner; 404 unless at least one is, for their own organisation. */
export function getOpenedToPartner(actor: Actor, engagementId: number): PartnerIntakeEngagement {
  const rows: Row[] = selectSections(getDb())
    .where(and(partnerScope(actor), eq(partnerIntakeSections.engagementId, engagementId)))
    .orderBy(asc(partnerIntakeSections.id))
    .all();
  if (rows.length === 0) throw new NotFound("No such intake section.");
  return { engagementId, title: rows[0]!.title, sections: rows.map(toSection) };
}

/**
 * Saves the partner's answers to an opened section if nobody saved them since `expectedVersion`;
 * answers the new version. The intake itself is not touched: the manager takes the answers in.
 */
export function answerSection<K extends IntakeSectionKey>(actor: Actor, engagementId: number, section: K, answers: Intake[K], expectedVersion: number): number {
  const scope = partnerScope(actor);
  const now = new Date().toISOString();
  return getDb().transaction((tx) => {
    const row = tx
      .select({
        status: partnerIntakeSections.status,
        version: partnerIntakeSections.version,
        answeredByName: answeredBy.name,
        dataJson: partnerIntakeSections.dataJson,
      })
      .from(partnerIntakeSections)
      .innerJoin(engagements, eq(engagements.id, partnerIntakeSections.engagementId))
      .leftJoin(answeredBy, eq(answeredBy.id, partnerIntakeSections.answeredById))
      .where(and(scope, eq(partnerIntakeSections.engagementId, engagementId), eq(partnerIntakeSections.section, section)))
      .get();
    if (!row) throw new NotFound("No such intake section.");
    const status = check(row.status, "answer", section);
    if (row.version !== expectedVersion)
      throw new Conflict(`${row.answeredByName ?? "Someone"} saved these answers while you were editing. Your answers are kept below and were not saved.`, [
        { summary: `Saved ${sectionLabel(section)}`, by: row.answeredByName, version: row.version },
      ]);
    refuseIntakeDates(section, answers, row.dataJson ? JSON.parse(row.dataJson) : null);
    tx.update(partnerIntakeSections)
      .set({ status, dataJson: JSON.stringify(answers), version: expectedVersion + 1, answeredById: actor.id, answeredAt: now })
      .where(
        and(
          eq(partnerIntakeSections.engagementId, engagementId),
          eq(partnerIntakeSections.section, section),
          eq(partnerIntakeSections.version, expectedVersion)
        )
      )
      .run();
    writeAudit(tx, {
      userId: actor.id,
      action: "intake.partner.answer",
      engagementId,
      detail: { section, label: sectionLabel(section), version: expectedVersion + 1 },
    });
    return expectedVersion + 1;
  });
}

/** A section's answers as the manager reads them: each answered field's label and its answer in words. */
export function readableAnswers(section: IntakeSectionKey, answers: Intake[IntakeSectionKey] | null): { field: string; label: string; value: string }[] {
  if (!answers) return [];
  const values = intakeToFormValues({ ...emptyIntake(), [section]: answers });
  const names = new Set(sectionFieldNames(section, MAX_PRIORITIES));
  const currency = section === "budget" ? (answers as Intake["budget"]).currency : undefined;
  return Object.entries(values)
    .filter(([name]) => names.has(name) && name !== FIELD_LIST && !/\.id$/.test(name))
    .map(([name, value]) => {
      // A topic by its label; a written-in one's words are its own row's ("Written-in topic"), so its topic row says so.
      const topic = /\.topic$/.test(name) ? (value === "other" ? "Written in" : PRIORITY_TOPICS.find((t) => t.key === value)?.label) : undefined;
      // Amounts as the rest of the app shows money ("USD 1,400,000", not 1400000).
      const amount = /^budgetM(in|ax)$/.test(name) && value.trim() !== "" && Number.isFinite(Number(value)) ? money(Number(value), currency) : undefined;
      // Options, months, dates and figures in words ("October 2027", not 2027-10); written text as typed.
      const words = answerInWords(name, value);
      return { field: name, label: intakeFieldLabel(name), value: topic ?? amount ?? (words ? sentenceStart(words) : value) };
    });
}
