import { and, desc, eq, like } from "drizzle-orm";
import { aimDateAfterIntakeWords, aimDateClash, aimWithoutDateAfterIntakeWords } from "~/domain/aim-date";
import { lintDriverDiagram } from "~/domain/driver-diagram-lint";
import { plural } from "~/domain/plural";
import { LRUCache } from "lru-cache";
import { auditLog, driverDiagrams, users } from "../../db/schema";
import { DriverDiagramSchema, type NODE_KINDS, quoteLabel, type DriverDiagram } from "~/domain/driver-diagram";
import { applyDriverDiagramEdit, fieldForRefusal, type DriverDiagramEdit } from "~/domain/driver-diagram-forms";
import { Conflict, Refusal } from "~/domain/errors";
import { draftAimFromIntake, startingDiagram, templateAim, topPriority, topPriorityTopic } from "~/domain/driver-diagram-start";
import { referenceInWords, TEMPLATE_STATUS_LABELS } from "~/domain/driver-diagram-templates";
import { PRIORITY_TOPICS, type Intake } from "~/domain/intake";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { getDriverDiagramTemplate, listDriverDiagramTemplates, templateForTopic } from "~/services/templates.server";
import { requireEngagementAccess } from "./engagements.server";
import { readIntake } from "./intake.server";

export type StoredDriverDiagram = {
  diagram: DriverDiagram;
  templateKey: string;
  version: number;
  updatedAt: string;
  updatedByName: string | null;
};

/**
 * What to say once the intake is saved where the driver diagram's aim names another date than the
 * intake's, or none while the intake now has one (docs/domain.md §6.6): the proposal states the
 * diagram's words, the plan the intake's date. Null where they agree, or there is no diagram.
 */
export function aimDateAfterIntake(actor: Actor, engagementId: number): string | null {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const db = getDb();
  const stored = readDriverDiagram(db, engagementId);
  if (!stored) return null;
  const intakeAimBy = readIntake(db, engagementId).intake.evidence.aimByWhen;
  const clash = aimDateClash(stored.diagram.aim, intakeAimBy);
  if (clash) return aimDateAfterIntakeWords(clash);
  const noDate = lintDriverDiagram(stored.diagram, { intakeAimBy }).find((f) => f.code === "aim-no-date");
  return noDate?.mendedAim ? aimWithoutDateAfterIntakeWords(noDate.mendedAim) : null;
}

/** The saved diagram, or null when the engagement has none yet. */
export function readDriverDiagram(db: DB | Tx, engagementId: number): StoredDriverDiagram | null {
  const row = db
    .select({
      dataJson: driverDiagrams.dataJson,
      templateKey: driverDiagrams.templateKey,
      version: driverDiagrams.version,
      updatedAt: driverDiagrams.updatedAt,
      updatedByName: users.name,
    })
    .from(driverDiagrams)
    .leftJoin(users, eq(users.id, driverDiagrams.updatedById))
    .where(eq(driverDiagrams.engagementId, engagementId))
    .get();
  if (!row) return null;
  return {
    diagram: structuredClone(parsedDriverDiagram(row.dataJson)),
    templateKey: row.templateKey,
    version: row.version,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
  };
}

/*
 * Parsing a stored diagram is a pure function of its text, and every engagement page's stepper reads
 * it. The parse of each recent text is kept; readers that may change it get their own copy.
 */
const parsedDiagrams = new LRUCache<string, DriverDiagram>({ max: 500 });

/** The stored diagram's text parsed, shared: never change what this returns. */
export function parsedDriverDiagram(dataJson: string): DriverDiagram {
  let parsed = parsedDiagrams.get(dataJson);
  if (!parsed) parsedDiagrams.set(dataJson, (parsed = DriverDiagramSchema.parse(JSON.parse(dataJson))));
  return parsed;
}

export function getDriverDiagram(actor: Actor, engagementId: number): StoredDriverDiagram | null {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  return readDriverDiagram(getDb(), engagementId);
}

export type WriteResult = { ok: true; version: number } | { ok: false };

/**
 * Writes a whole diagram if it is still at `expectedVersion` (0 = none yet): an insert, or an
 * `UPDATE … WHERE version = ?` that must change one row. Call inside a transaction.
 */
export function writeDriverDiagram(
  tx: DB | Tx,
  actor: Actor,
  engagementId: number,
  diagram: DriverDiagram,
  expectedVersion: number,
  templateKey?: string
): WriteResult {
  const now = new Date().toISOString();
  const dataJson = JSON.stringify(DriverDiagramSchema.parse(diagram));
  if (expectedVersion === 0) {
    const inserted = tx
      .insert(driverDiagrams)
      .values({ engagementId, templateKey: templateKey ?? "blank", dataJson, version: 1, updatedById: actor.id, updatedAt: now })
      .onConflictDoNothing()
      .run();
    return inserted.changes === 1 ? { ok: true, version: 1 } : { ok: false };
  }
  const updated = tx
    .update(driverDiagrams)
    .set({ dataJson, version: expectedVersion + 1, updatedById: actor.id, updatedAt: now, ...(templateKey ? { templateKey } : {}) })
    .where(and(eq(driverDiagrams.engagementId, engagementId), eq(driverDiagrams.version, expectedVersion)))
    .run();
  return updated.changes === 1 ? { ok: true, version: expectedVersion + 1 } : { ok: false };
}

export type DiagramChange = { by: string | null; at: string; version: number; summary: string };

/** A saved change: the diagram's new version, what was done in words, and the diagram as saved. */
export type DiagramSaved = { version: number; summary: string; diagram: DriverDiagram };

/** What was saved after `version`, oldest first, from the audit trail: shown to someone whose save came second. */
function changesSince(tx: DB | Tx, engagementId: number, version: number): DiagramChange[] {
  const rows = tx
    .select({ at: auditLog.at, detailJson: auditLog.detailJson, by: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.engagementId, engagementId), like(auditLog.action, "driver-diagram.%")))
    .orderBy(desc(auditLog.id))
    .limit(20)
    .all();
  const changes: DiagramChange[] = [];
  for (const row of rows) {
    const detail = JSON.parse(row.detailJson) as { version?: unknown; summary?: unknown };
    if (typeof detail.version !== "number" || detail.version <= version) break;
    changes.push({ by: row.by, at: row.at, version: detail.version, summary: typeof detail.summary === "string" ? detail.summary : "" });
  }
  return changes.reverse();
}

/** Someone else saved first: what they did since `fromVersion`, for the page to show with what was typed. */
function conflict(tx: DB | Tx, engagementId: number, fromVersion: number): Conflict {
  return new Conflict(
    "Not saved: someone else saved the driver diagram first (see the top of the page). What you typed is kept: save again to apply it.",
    changesSince(tx, engagementId, fromVersion)
  );
}

function audit(tx: Tx, actor: Actor, engagementId: number, action: string, version: number, summary: string, extra: Record<string, unknown> = {}) {
  writeAudit(tx, { userId: actor.id, action: `driver-diagram.${action}`, engagementId, detail: { version, summary, ...extra } });
}

/** Applies one edit from the outline editor to the diagram the user was looking at (`form.version`). */
export function editDriverDiagram(actor: Actor, engagementId: number, form: DriverDiagramEdit): DiagramSaved {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  return getDb().transaction((tx) => {
    const current = readDriverDiagram(tx, engagementId);
    if (!current && form.version === 0) throw new Refusal("There is no driver diagram yet: start one from a template first.");
    if (!current || current.version !== form.version) throw conflict(tx, engagementId, form.version);
    const applied = applyDriverDiagramEdit(current.diagram, form, { priorities: readIntake(tx, engagementId).intake.needs.priorities });
    if (!applied.ok) throw new Refusal(applied.message, fieldForRefusal(form.intent, applied) || null);
    const saved = writeDriverDiagram(tx, actor, engagementId, applied.diagram, form.version);
    if (!saved.ok) throw conflict(tx, engagementId, form.version);
    audit(tx, actor, engagementId, form.intent, saved.version, applied.summary);
    return { version: saved.version, summary: applied.summary, diagram: applied.diagram };
  });
}

/** Creates the diagram from a topic template, its aim filled from the intake's draft aim. */
export function startDriverDiagram(actor: Actor, engagementId: number, templateKey: string, expectedVersion: number): DiagramSaved {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  const template = getDriverDiagramTemplate(templateKey);
  if (!template) throw new Refusal("That template does not exist (any more). Choose one from the list.", "templateKey");
  return getDb().transaction((tx) => {
    if (expectedVersion !== 0 || readDriverDiagram(tx, engagementId)) throw conflict(tx, engagementId, expectedVersion);
    const diagram = startingDiagram(template, readIntake(tx, engagementId).intake, topicTemplate);
    const saved = writeDriverDiagram(tx, actor, engagementId, diagram, 0, template.key);
    if (!saved.ok) throw conflict(tx, engagementId, 0);
    const summary = `Started the driver diagram from the template ${quoteLabel(template.title, 80)}.`;
    audit(tx, actor, engagementId, "start", saved.version, summary, { templateKey: template.key });
    return { version: saved.version, summary, diagram };
  });
}

/** Replaces the whole diagram with one read from a CSV outline (or creates it, at version 0). */
export function replaceDriverDiagram(actor: Actor, engagementId: number, diagram: DriverDiagram, expectedVersion: number): DiagramSaved {
  requireEngagementAccess(actor, engagementId, "engagement:update");
  return getDb().transaction((tx) => {
    const current = readDriverDiagram(tx, engagementId);
    if ((current?.version ?? 0) !== expectedVersion) throw conflict(tx, engagementId, expectedVersion);
    const saved = writeDriverDiagram(tx, actor, engagementId, diagram, expectedVersion, current ? undefined : "csv");
    if (!saved.ok) throw conflict(tx, engagementId, expectedVersion);
    const summary = `Replaced the driver diagram from a CSV file: ${plural(
      diagram.nodes.length,
      "driver or change idea",
      "drivers and change ideas"
    )}, ${plural(diagram.measures.length, "measure")}.`;
    audit(tx, actor, engagementId, "import-csv", saved.version, summary);
    return { version: saved.version, summary, diagram };
  });
}

/** The template for a priority topic, for measuring each priority an aim names (docs/domain.md §6.5); none for a topic without one. */
function topicTemplate(topic: string) {
  const template = templateForTopic(topic);
  return template.topic === topic ? template : null;
}

/** The demo engagement's diagram: the template for the partner's top priority, its aim from the intake. */
export function writeDemoDriverDiagram(tx: Tx, actor: Actor, engagementId: number, intake: Intake) {
  const template = templateForTopic(topPriorityTopic(intake));
  const saved = writeDriverDiagram(tx, actor, engagementId, startingDiagram(template, intake, topicTemplate), 0, template.key);
  if (!saved.ok) throw new Error("The demo driver diagram could not be written.");
  audit(tx, actor, engagementId, "start", saved.version, `Started the driver diagram from the template ${quoteLabel(template.title, 80)}.`, {
    templateKey: template.key,
    seeded: true,
  });
}

export type TemplateOffer = {
  key: string;
  title: string;
  status: string;
  note: string;
  /** The published material it names, in words, with its address where known. */
  references: { text: string; url: string | null }[];
  /** The template for the partner's top priority. */
  matchesTopPriority: boolean;
  counts: { primary: number; secondary: number; change: number; measures: number };
  /** The template's own aim (the diagram starts with the intake's draft aim when there is one). */
  aim: string;
};

/** The templates to start from, the one for the partner's top priority first, each with the aim it would start with. */
export function driverDiagramStartOptions(actor: Actor, engagementId: number) {
  requireEngagementAccess(actor, engagementId, "engagement:read");
  const { intake } = readIntake(getDb(), engagementId);
  const topic = topPriorityTopic(intake);
  const first = templateForTopic(topic);
  const templates = [first, ...listDriverDiagramTemplates().filter((t) => t.key !== first.key)];
  const offers: TemplateOffer[] = templates.map((t) => {
    const count = (kind: (typeof NODE_KINDS)[number]) => t.diagram.nodes.filter((n) => n.kind === kind).length;
    return {
      key: t.key,
      title: t.title,
      status: TEMPLATE_STATUS_LABELS[t.status],
      note: t.note,
      references: t.references.map((r) => ({ text: referenceInWords(r), url: r.url ?? null })),
      matchesTopPriority: topic !== null && t.topic === topic,
      counts: { primary: count("primary"), secondary: count("secondary"), change: count("change"), measures: t.diagram.measures.length },
      aim: templateAim(t, intake),
    };
  });
  return {
    offers,
    topPriority: topPriorityView(intake),
    draftAim: draftAimFromIntake(intake).draftAim,
  };
}

export function templateTitle(key: string): string | null {
  return getDriverDiagramTemplate(key)?.title ?? null;
}

function topPriorityView(intake: Intake): { label: string; writtenIn: boolean } | null {
  const top = topPriority(intake);
  if (!top) return null;
  if (top.writtenIn) return { label: top.custom, writtenIn: true };
  return { label: PRIORITY_TOPICS.find((p) => p.key === top.topic)?.label ?? top.topic, writtenIn: false };
}
