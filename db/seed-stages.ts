import { defaultAnswerBy } from "~/domain/answer-by";
import { eq } from "drizzle-orm";
import {
  approvalDecisions,
  approvalRequests,
  bookings,
  engagements,
  organisations,
  partnerResponses,
  proposalOptions,
  proposalVersions,
  comments,
} from "./schema";
import type { Tx } from "../app/services/db.server";
import { demoIntake, type Intake } from "../app/domain/intake";
import { recommendMethod } from "../app/domain/method-recommendation";
import type { Method } from "../app/domain/methods";
import { NO_LEVERS, type LeverSettings } from "../app/domain/levers";
import type { CountryCode } from "../app/domain/countries";
import type { PartnerKind } from "../app/domain/partner-kinds";
import type { EngagementSnapshot } from "../app/domain/proposal-snapshot";
import type { Actor } from "../app/domain/roles";
import { generateTimeline } from "../app/domain/timeline-generate";
import { approvalGate, type Stage } from "../app/domain/workflow";
import { writeAudit } from "../app/services/audit.server";
import { getApprovalThresholds, getMethodWeights, getTimelineTemplate } from "../app/services/templates.server";
import { currentMonth } from "../app/services/clock.server";
import { writeDemoDriverDiagram } from "../app/models/driver-diagram.server";
import { writeIntake } from "../app/models/intake.server";
import { writeDecision } from "../app/models/method.server";
import { freezeVersion } from "../app/models/proposal.server";
import { resourcingOf } from "../app/models/approvals.server";
import { generateFrom, readTimelineView, writeNewTimeline } from "../app/models/timeline.server";
import { readOpenCollaboratives } from "../app/models/open-collaboratives.server";
import { tellPartnerAnswered, tellVersionShared } from "../app/models/mail-notices.server";

type Org = { name: string; kind: PartnerKind; country: CountryCode | null; sites: number; population: number | null };

/** An engagement taken through intake, method, driver diagram and timeline, as a manager would. */
export function seedWorkedEngagement(
  tx: Tx,
  manager: Actor,
  spec: { title: string; organisationId: number; intake: Intake; method?: Method; overrideReason?: string; notes?: string }
): number {
  const id = tx
    .insert(engagements)
    .values({ title: spec.title, organisationId: spec.organisationId, ownerId: manager.id, internalNotes: spec.notes ?? "" })
    .returning({ id: engagements.id })
    .get().id;
  writeAudit(tx, { userId: manager.id, action: "engagement.create", engagementId: id, detail: { seeded: true } });
  writeIntake(tx, manager, id, spec.intake, 0);
  const today = currentMonth();
  const recommended = recommendMethod(spec.intake, getMethodWeights(), { today }).recommended;
  const method = spec.method ?? recommended;
  writeDecision(
    tx,
    manager,
    id,
    {
      chosen: method,
      overrideReason: method === recommended ? null : spec.overrideReason ?? "Agreed with the partner's board.",
      intakeVersion: 1,
      decisionVersion: 0,
    },
    today
  );
  writeNewTimeline(
    tx,
    manager,
    id,
    generateTimeline(getTimelineTemplate(method), {
      start: spec.intake.scale.desiredStart!,
      horizonMonths: spec.intake.scale.longestDurationMonths ?? null,
      hardDeadline: spec.intake.scale.hardDeadline ?? null,
      aimBy: spec.intake.evidence.aimByWhen ?? null,
      country: tx.select({ country: organisations.country }).from(organisations).where(eq(organisations.id, spec.organisationId)).get()?.country ?? null,
      teams: spec.intake.scale.expectedSites ?? spec.intake.context.sites ?? 1,
    })
  );
  writeDemoDriverDiagram(tx, manager, id, spec.intake);
  return id;
}

export function insertOrganisation(tx: Tx, org: Org): number {
  return tx.insert(organisations).values(org).returning({ id: organisations.id }).get().id;
}

function setStage(tx: Tx, engagementId: number, stage: Stage) {
  tx.update(engagements).set({ stage }).where(eq(engagements.id, engagementId)).run();
}

function book(tx: Tx, engagementId: number, versionId: number, snapshotJson: string, status: "tentative" | "confirmed") {
  tx.delete(bookings).where(eq(bookings.engagementId, engagementId)).run();
  for (const d of (JSON.parse(snapshotJson) as EngagementSnapshot).demand) {
    tx.insert(bookings).values({ engagementId, proposalVersionId: versionId, role: d.role, month: d.month, fte: d.fte, status }).run();
  }
}

function versionRow(tx: Tx, id: number) {
  return tx.select({ snapshotJson: proposalVersions.snapshotJson }).from(proposalVersions).where(eq(proposalVersions.id, id)).get()!;
}

/** Freezes version 1 and shares it, as of `at`. */
export function seedShared(tx: Tx, managerId: number, engagementId: number, at: string) {
  const v = freezeVersion(tx, managerId, engagementId, at.slice(0, 10), at.slice(0, 7), at);
  // The partner is asked to answer by the day the share form offers: four weeks on (docs/domain.md §9.16).
  const answerBy = defaultAnswerBy(at.slice(0, 10));
  tx.update(proposalVersions).set({ sharedAt: at, sharedById: managerId, answerBy }).where(eq(proposalVersions.id, v.id)).run();
  writeAudit(tx, { userId: managerId, action: "proposal.share", engagementId, proposalVersionId: v.id, detail: { number: v.number, answerBy }, at });
  tellVersionShared(tx, { id: managerId, role: "manager", organisationId: null }, engagementId, v.number);
  setStage(tx, engagementId, "shared");
  book(tx, engagementId, v.id, versionRow(tx, v.id).snapshotJson, "tentative");
  return v;
}

export function seedChangesRequested(tx: Tx, managerId: number, partnerId: number, engagementId: number, at: string, reason: string) {
  const v = seedShared(tx, managerId, engagementId, at);
  const later = new Date(Date.parse(at) + 3 * 86_400_000).toISOString();
  tx.insert(partnerResponses).values({ proposalVersionId: v.id, userId: partnerId, response: "changes_requested", reason, at: later }).run();
  tx.insert(comments)
    .values({
      engagementId,
      proposalVersionId: v.id,
      sectionKey: "workplan",
      authorId: partnerId,
      visibility: "partner",
      body: "Our winter pressures make a December learning session hard. Could it move to late January?",
      createdAt: later,
    })
    .run();
  writeAudit(tx, {
    userId: partnerId,
    action: "proposal.request_changes",
    engagementId,
    proposalVersionId: v.id,
    detail: { number: v.number, reason },
    at: later,
  });
  tellPartnerAnswered(tx, { actor: { id: partnerId, role: "partner", organisationId: null }, engagementId, number: v.number, accepted: false });
  setStage(tx, engagementId, "changes_requested");
}

/** Freezes and submits version 1; with `approvedBy`, leadership has approved it too. */
export function seedSubmitted(tx: Tx, managerId: number, engagementId: number, at: string, approvedBy?: { leaderIds: number[]; conditions?: string }) {
  const v = freezeVersion(tx, managerId, engagementId, at.slice(0, 10), at.slice(0, 7), at);
  const snapshot = JSON.parse(versionRow(tx, v.id).snapshotJson) as EngagementSnapshot;
  const gate = approvalGate(resourcingOf(snapshot), getApprovalThresholds());
  const requestId = tx
    .insert(approvalRequests)
    .values({
      engagementId,
      proposalVersionId: v.id,
      submittedById: managerId,
      submittedAt: at,
      requiredApprovals: gate.requiredApprovals,
      conflictAcknowledgementRequired: gate.conflictAcknowledgementRequired,
      gateReasonsJson: JSON.stringify(gate.reasons),
    })
    .returning({ id: approvalRequests.id })
    .get().id;
  writeAudit(tx, { userId: managerId, action: "approval.submit", engagementId, proposalVersionId: v.id, detail: { number: v.number, requestId }, at });
  if (!approvedBy) {
    setStage(tx, engagementId, "awaiting_approval");
    book(tx, engagementId, v.id, versionRow(tx, v.id).snapshotJson, "tentative");
    return;
  }
  const deciders = approvedBy.leaderIds.slice(0, gate.requiredApprovals);
  // The request is decided when its last needed approval is given.
  const dayOfDecision = (i: number) => new Date(Date.parse(at) + (i + 2) * 86_400_000).toISOString();
  deciders.forEach((leaderId, i) => {
    const decidedAt = dayOfDecision(i);
    const withConditions = Boolean(approvedBy.conditions) && i === 0;
    tx.insert(approvalDecisions)
      .values({
        requestId,
        leaderId,
        decision: withConditions ? "approve_with_conditions" : "approve",
        conditions: withConditions ? approvedBy.conditions! : "",
        acknowledgedConflict: gate.conflictAcknowledgementRequired,
        at: decidedAt,
      })
      .run();
    writeAudit(tx, {
      userId: leaderId,
      action: withConditions ? "approval.approve_with_conditions" : "approval.approve",
      engagementId,
      proposalVersionId: v.id,
      detail: { requestId },
      at: decidedAt,
    });
  });
  tx.update(approvalRequests)
    .set({
      status: approvedBy.conditions ? "approved_with_conditions" : "approved",
      decidedAt: dayOfDecision(deciders.length - 1),
      version: 2,
    })
    .where(eq(approvalRequests.id, requestId))
    .run();
  setStage(tx, engagementId, "approved");
  book(tx, engagementId, v.id, versionRow(tx, v.id).snapshotJson, "confirmed");
}

/** Intakes for the demo portfolio, varied from the Northshire one. */
export function portfolioIntakes() {
  const base = demoIntake();
  const westvale: Intake = {
    ...base,
    context: {
      ...base.context,
      partnerKind: "health_system",
      sites: 18,
      population: 1_400_000,
      existingWork: "A maternity network with shared guidelines; no measurement system yet.",
    },
    needs: {
      problems: "Pressure ulcers and falls in our older inpatients have risen for three years.",
      priorities: [
        {
          topic: "pressure_ulcers",
          baselineMeasure: "Hospital-acquired pressure ulcers per 1,000 bed days",
          baselineValue: 1.9,
          baselineDate: "2026-03-31",
          baselineSource: "Incident reporting",
        },
        {
          topic: "falls",
          baselineMeasure: "Falls with harm per 1,000 bed days",
          baselineValue: 0.4,
          baselineDate: "2026-03-31",
          baselineSource: "Incident reporting",
        },
      ],
    },
    evidence: {
      ...base.evidence,
      priorityEvidence: [
        { priority: "pressure_ulcers", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" },
        { priority: "falls", changePackage: "yes", degreeOfBelief: "moderate", brightSpots: "yes" },
      ],
      aimHowMuch: "Halve hospital-acquired pressure ulcers",
      aimByWhen: "2027-10",
      aimForWhom: "inpatients in Westvale's 18 hospitals",
    },
    scale: { expectedSites: 18, desiredStart: "2026-09", longestDurationMonths: 12 },
    capacity: {
      ...base.capacity,
      sponsorName: "Dr Amara Okafor",
      sponsorTitle: "Chief Nursing Officer, Westvale Health Partnership",
      sponsorEmail: "okafor@partner.example",
    },
    budget: { budgetMin: 900_000, budgetMax: 1_300_000, currency: "USD", budgetSecured: "yes" },
  };
  const eastmere: Intake = {
    ...base,
    context: {
      ...base.context,
      partnerKind: "region",
      sites: 9,
      population: 850_000,
      geographyScope: "region",
      existingWork: "A regional discharge programme in two hospitals.",
    },
    needs: {
      problems: "One in six older patients is back in hospital within 30 days.",
      priorities: [
        {
          topic: "readmissions",
          baselineMeasure: "30-day all-cause readmissions, %",
          baselineValue: 16.5,
          baselineDate: "2026-06-30",
          baselineSource: "Regional hospital activity data",
        },
      ],
    },
    evidence: {
      ...base.evidence,
      priorityEvidence: [{ priority: "readmissions", changePackage: "yes", degreeOfBelief: "moderate", brightSpots: "yes" }],
      aimHowMuch: "Reduce 30-day readmissions by 20%",
      aimByWhen: "2028-06",
      aimForWhom: "adults discharged from Eastmere's 9 hospitals",
    },
    scale: { expectedSites: 12, desiredStart: "2027-05", longestDurationMonths: 15 },
    capacity: {
      ...base.capacity,
      sponsorName: "Graham Pell",
      sponsorTitle: "Chief Executive, Eastmere Regional Health Authority",
      sponsorEmail: "pell@partner.example",
    },
    budget: { budgetMin: 500_000, budgetMax: 800_000, currency: "USD", budgetSecured: "partly" },
  };
  const kestrel: Intake = {
    ...base,
    context: {
      ...base.context,
      partnerKind: "association",
      sites: 60,
      population: 5_100_000,
      geographyScope: "nation",
      existingWork: "A national quality register with monthly reporting.",
    },
    needs: {
      problems: "Sepsis deaths vary three-fold between hospitals, and most hospitals want to act together.",
      priorities: [
        { topic: "sepsis", baselineMeasure: "Sepsis mortality, %", baselineValue: 21, baselineDate: "2026-06-30", baselineSource: "National quality register" },
      ],
    },
    evidence: {
      ...base.evidence,
      priorityEvidence: [{ priority: "sepsis", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" }],
      aimHowMuch: "Cut sepsis mortality by 20%",
      aimByWhen: "2029-01",
      aimForWhom: "patients in every hospital that joins",
      aimStyle: "bold",
      wantsPublicMobilisation: "yes",
      wantsCapabilityBuilding: "no",
    },
    scale: { expectedSites: 60, desiredStart: "2027-05", longestDurationMonths: 20 },
    capacity: {
      ...base.capacity,
      sponsorName: "Prof. Lucia Ferreira",
      sponsorTitle: "Director of Patient Safety, Kestrel Hospital Association",
      sponsorEmail: "ferreira@partner.example",
    },
    budget: { budgetMin: 1_500_000, budgetMax: 2_500_000, currency: "USD", budgetSecured: "yes" },
  };
  const riverside: Intake = {
    ...base,
    context: { ...base.context, partnerKind: "hospital", sites: 1, population: 300_000, geographyScope: "organisation" },
    needs: { problems: "Medication errors at discharge.", priorities: [{ topic: "medication_reconciliation" }] },
    evidence: { priorityEvidence: [] },
    scale: { expectedSites: 6, desiredStart: "2027-09" },
    capacity: {},
    budget: {},
  };
  return { westvale, eastmere, kestrel, riverside };
}

/**
 * Options in the engagement's draft (docs/domain.md §9.13), each with its own levers, so that the next
 * version offers the partner a choice of scope and fee.
 */
export function seedOptions(
  tx: Tx,
  managerId: number,
  engagementId: number,
  options: { name: string; scope: string; leavesOut: string; levers: Partial<LeverSettings> }[]
) {
  options.forEach((o, i) => {
    tx.insert(proposalOptions)
      .values({
        engagementId,
        position: i + 1,
        name: o.name,
        scope: o.scope,
        leavesOut: o.leavesOut,
        leversJson: JSON.stringify({ ...NO_LEVERS, ...o.levers }),
        updatedById: managerId,
        updatedAt: new Date().toISOString(),
      })
      .run();
    writeAudit(tx, { userId: managerId, action: "option.add", engagementId, detail: { name: o.name, position: i + 1, seeded: true } });
  });
}

/**
 * One hospital asking for help now on one topic (docs/domain.md §2.5): too few teams for a
 * collaborative of its own, so its Method page offers joining the open sepsis collaborative or a
 * short tailored engagement. `month` is the current month: the request is for now.
 */
export function oneSiteIntake(month: string): Intake {
  const base = demoIntake();
  return {
    ...base,
    context: {
      ...base.context,
      partnerKind: "hospital",
      sites: 1,
      population: 180_000,
      geographyScope: "organisation",
      improvementExperience: "some",
      hasImprovementTeam: false,
      existingWork: "A sepsis screening tool on paper in the emergency department; nothing on the wards.",
    },
    needs: {
      problems:
        "Two patients on our medical wards deteriorated with sepsis that was recognised late this autumn. The board wants help now, on the wards first.",
      priorities: [
        {
          topic: "sepsis",
          baselineMeasure: "Patients with suspected sepsis given antibiotics within one hour (%)",
          baselineValue: 48,
          baselineDate: "2026-09-30",
          baselineSource: "Monthly audit of 20 notes, Ashford Valley Hospital",
        },
      ],
    },
    evidence: {
      priorityEvidence: [{ priority: "sepsis", changePackage: "yes", degreeOfBelief: "high", brightSpots: "no" }],
      aimHowMuch: "Nine in ten patients with suspected sepsis given antibiotics within one hour",
      aimForWhom: "Adult inpatients on Ashford Valley's four medical wards",
      aimStyle: "team",
      breadth: "focused",
      wantsCapabilityBuilding: "no",
      wantsPublicMobilisation: "no",
    },
    scale: { expectedSites: 1, desiredStart: month, longestDurationMonths: 12 },
    capacity: {
      seniorSponsor: "yes",
      sponsorName: "Dr Ruth Adeyemi",
      sponsorTitle: "Medical Director, Ashford Valley Hospital",
      sponsorEmail: "ruth.adeyemi@ashfordvalley.example",
      projectLeads: "yes",
      dataLead: "partly",
      canReleaseTeams: "yes",
      willingToShare: "yes",
    },
    budget: { budgetMax: 60_000, currency: "GBP", budgetSecured: "partly" },
  };
}

/**
 * The one-site request taken to a timeline: the intake, joining the open collaborative on its topic
 * (a form of the collaborative), the driver diagram, and the timeline generated from the joining
 * template with the collaborative's listed dates.
 */
export function seedOneSiteEngagement(tx: Tx, manager: Actor, month: string): number {
  const intake = oneSiteIntake(month);
  const id = tx
    .insert(engagements)
    .values({
      title: "Ashford Valley sepsis on the wards",
      organisationId: insertOrganisation(tx, { name: "Ashford Valley Hospital", kind: "hospital", country: "GB", sites: 1, population: 180_000 }),
      ownerId: manager.id,
      internalNotes: "The medical director called after two serious incidents: they want to start this quarter, on one topic, with a modest budget.",
    })
    .returning({ id: engagements.id })
    .get().id;
  writeAudit(tx, { userId: manager.id, action: "engagement.create", engagementId: id, detail: { seeded: true } });
  writeIntake(tx, manager, id, intake, 0);
  const sepsis = readOpenCollaboratives(tx).find((oc) => oc.topic === "sepsis");
  if (!sepsis) throw new Error("The demo's open sepsis collaborative is seeded before the one-site request.");
  writeDecision(
    tx,
    manager,
    id,
    {
      chosen: "collaborative",
      overrideReason: null,
      intakeVersion: 1,
      decisionVersion: 0,
      smallRequest: { variant: "join_open_collaborative", openCollaborativeId: sepsis.id },
    },
    month
  );
  writeDemoDriverDiagram(tx, manager, id, intake);
  writeNewTimeline(tx, manager, id, generateFrom(readTimelineView(tx, id, month).inputs));
  return id;
}
