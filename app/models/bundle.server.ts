import { eq, sql } from "drizzle-orm";
import { engagements, organisations } from "../../db/schema";
import { Forbidden, NotFound } from "~/domain/errors";
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, importedTitle, parseBundle, type BundleContent, type EngagementBundle } from "~/domain/bundle";
import { recommendMethod } from "~/domain/method-recommendation";
import { may, mayEver } from "~/domain/permissions";
import { assessReadiness } from "~/domain/readiness";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { currentMonth } from "~/services/clock.server";
import { getDb, type DB, type Tx } from "~/services/db.server";
import { getMethodWeights, getReadinessTemplate } from "~/services/templates.server";
import { readDriverDiagram, writeDriverDiagram } from "./driver-diagram.server";
import { writeIntake, readIntake } from "./intake.server";
import { readDecision, writeDecision } from "./method.server";
import { readOpenCollaboratives, readOpenCollaborative } from "./open-collaboratives.server";
import { organisationColumns } from "./organisation-columns.server";
import { readDraftOptions } from "./draft-options.server";
import { readPricing, writeImportedPricing } from "./pricing.server";
import { writeImportedOptions } from "./proposal-options.server";
import { listVersions } from "./proposal.server";
import { planningInputs } from "~/domain/planning-inputs";
import { methodTimes, methodTimesFor, readTimeline, writeNewTimeline } from "./timeline.server";

/** The engagement as a bundle, for managers and leaders; anyone else gets 404. */
export function exportBundle(actor: Actor, engagementId: number, exportedAt = new Date().toISOString()): EngagementBundle {
  if (!may(actor, "engagement:export")) throw new NotFound("No such engagement.");
  const db = getDb();
  const row = db
    .select({
      title: engagements.title,
      partner: organisationColumns,
    })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .where(eq(engagements.id, engagementId))
    .get();
  if (!row) throw new NotFound("No such engagement.");
  const { intake } = readIntake(db, engagementId);
  const decision = readDecision(db, engagementId);
  const today = currentMonth();
  // As the Method page recommends it: within the partner's time (docs/domain.md §2.2).
  const recommendation = recommendMethod(intake, getMethodWeights(), { today, time: methodTimes(db, engagementId, intake, today) });
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt,
    title: row.title,
    partner: row.partner,
    intake,
    // Readiness for the method chosen (its form's, where that has its own), or else the one recommended: readiness depends on the method.
    readiness: assessReadiness(intake, getReadinessTemplate(decision?.chosen ?? recommendation.recommended, decision?.variant), row.partner.sites),
    method: {
      recommended: recommendation.recommended,
      scores: recommendation.ranked.map((r) => ({ method: r.method, score: r.score })),
      decision: decision
        ? {
            chosen: decision.chosen,
            overrideReason: decision.overrideReason,
            variant: decision.variant,
            // The open collaborative by its title: ids are this installation's own (docs/domain.md §2.5).
            openCollaborative: decision.openCollaborativeId !== null ? readOpenCollaborative(db, decision.openCollaborativeId)?.title ?? null : null,
          }
        : null,
    },
    driverDiagram: readDriverDiagram(db, engagementId)?.diagram ?? null,
    timeline: readTimeline(db, engagementId)?.timeline ?? null,
    proposal: exportedProposal(db, engagementId),
    proposalVersions: listVersions(actor, engagementId)
      .reverse()
      .map((v) => ({
        number: v.number,
        createdAt: v.createdAt,
        createdBy: v.createdByName,
        contentHash: v.contentHash,
        sharedAt: v.sharedAt,
        documents: {
          page: `/engagements/${engagementId}/versions/${v.number}`,
          docx: `/engagements/${engagementId}/versions/${v.number}/docx`,
          pdf: `/engagements/${engagementId}/versions/${v.number}/pdf`,
        },
      })),
  };
}

/** The proposal draft's pricing and options (docs/domain.md §8.8–8.9, §9.13), as the Proposal page keeps them. */
function exportedProposal(db: DB, engagementId: number): NonNullable<EngagementBundle["proposal"]> {
  const pricing = readPricing(db, engagementId);
  return {
    levers: pricing.settings,
    feeSetByHand: pricing.override,
    options: readDraftOptions(db, engagementId).map((o) => ({ name: o.name, scope: o.scope, leavesOut: o.leavesOut, levers: o.levers })),
  };
}

/** An import that succeeded gives the new engagement and its title: the bundle's, unless one here already has it (importedTitle). */
export type ImportResult = { ok: true; id: number; title: string; renamed: boolean } | { ok: false; errors: Record<string, string> };

/**
 * Creates a new engagement from a bundle, owned by the importing manager. The partner organisation
 * is matched by name, or created. Nothing is written unless all of it is valid.
 */
export function importBundle(actor: Actor, input: unknown): ImportResult {
  if (!mayEver(actor, "engagement:create")) throw new Forbidden("Only partnership managers import engagements.");
  const today = currentMonth();
  // Recommended as the Method page will once it is imported: within the partner's time, for the
  // organisation it will belong to (docs/domain.md §2.2).
  const parsed = parseBundle(input, (intake, partner) => {
    const organisation = matchingOrganisation(getDb(), partner.name) ?? partner;
    return recommendMethod(intake, getMethodWeights(), { today, time: methodTimesFor(planningInputs(intake, null, organisation, today)) }).recommended;
  });
  if (!parsed.ok) return parsed;
  return { ok: true, ...writeImported(actor, parsed.content, today) };
}

/** Whether an engagement here has this title, whatever its case. */
function titleTaken(db: DB | Tx, title: string): boolean {
  return (
    db
      .select({ id: engagements.id })
      .from(engagements)
      .where(sql`lower(${engagements.title}) = lower(${title})`)
      .limit(1)
      .get() !== undefined
  );
}

/** The organisation a bundle's partner becomes: the one of the same name, whatever its case, if there is one. */
function matchingOrganisation(db: DB | Tx, name: string) {
  return db
    .select({ id: organisations.id, sites: organisations.sites, country: organisations.country })
    .from(organisations)
    .where(sql`lower(${organisations.name}) = lower(${name})`)
    .get();
}

function writeImported(actor: Actor, content: BundleContent, today: string): { id: number; title: string; renamed: boolean } {
  return getDb().transaction((tx) => {
    const existing = matchingOrganisation(tx, content.partner.name);
    const organisationId = existing?.id ?? tx.insert(organisations).values(content.partner).returning({ id: organisations.id }).get().id;
    const title = importedTitle(content.title, (t) => titleTaken(tx, t));
    const id = tx.insert(engagements).values({ title, organisationId, ownerId: actor.id }).returning({ id: engagements.id }).get().id;
    writeIntake(tx, actor, id, content.intake, 0);
    if (content.decision) {
      const { chosen, overrideReason, variant, openCollaborative } = content.decision;
      // A joined collaborative is matched by title to one listed here; unmatched, the timeline says it is no longer listed.
      const title = openCollaborative?.toLowerCase();
      const joined = title ? readOpenCollaboratives(tx).find((oc) => oc.title.toLowerCase() === title) : undefined;
      writeDecision(
        tx,
        actor,
        id,
        { chosen, overrideReason, intakeVersion: 1, decisionVersion: 0, imported: variant ? { variant, openCollaborativeId: joined?.id ?? null } : undefined },
        today
      );
    }
    if (content.driverDiagram && !writeDriverDiagram(tx, actor, id, content.driverDiagram, 0, "imported").ok)
      throw new Error("Imported driver diagram could not be recorded.");
    if (content.timeline) writeNewTimeline(tx, actor, id, content.timeline);
    if (content.proposal) {
      const { levers, feeSetByHand, options } = content.proposal;
      writeImportedPricing(tx, actor, id, { settings: levers, override: feeSetByHand });
      writeImportedOptions(tx, actor, id, options);
    }
    writeAudit(tx, {
      userId: actor.id,
      action: "engagement.import",
      engagementId: id,
      detail: {
        title,
        ...(title !== content.title ? { bundleTitle: content.title } : {}),
        newOrganisation: !existing,
        options: content.proposal?.options.map((o) => o.name) ?? [],
        feeSetByHand: content.proposal?.feeSetByHand?.fee ?? null,
      },
    });
    return { id, title, renamed: title !== content.title };
  });
}
