/**
 * The workflow's transition table, enumerated: every stage × every action × every relation of the
 * actor to the engagement. For each, the table is checked against the rules below (written out in
 * the users' terms), and then the same action is posted through its real route on a real database
 * as that person: what the table allows succeeds and moves the stage where it says; everything else
 * is refused with the table's 403, 404 or 409 and changes no row (a hash of every table's rows
 * before and after, sessions aside).
 */
import { desc, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { approvalRequests, bookings, engagementCoOwners, engagements, proposalVersions, users } from "../../db/schema";
import { decide, relationOf, STAGES, WORKFLOW_ACTIONS, type Relation, type Stage, type WorkflowAction, type WorkflowFacts } from "~/domain/workflow";
import { createVersion } from "~/models/proposal.server";
import { decideApproval, submitForApproval, withdrawRequest } from "~/models/approvals.server";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import { renameTimelineItem } from "~/models/timeline.server";
import * as approvalRoute from "~/routes/approvals.$requestId";
import * as partnerRoute from "~/routes/partner.engagements.$id";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as reviewRoute from "~/routes/engagements.$id.review";
import type { Actor } from "~/domain/roles";
import { db, everyRowHash, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, sessionCookie, type Outcome } from "../helpers/requests";

// Pictures are drawn in a browser after a version is frozen; they have nothing to do with the workflow.
vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

/** The people, one for each relation the table knows. */
const PEOPLE = {
  owner: "manager@demo.test",
  manager: "manager-other@demo.test",
  leader: "leader@demo.test",
  involvedLeader: "leader-owner@demo.test",
  partner: "partner@demo.test",
  otherPartner: "partner2@demo.test",
  admin: "admin@demo.test",
} as const;
type Person = keyof typeof PEOPLE;

/**
 * The rules, as a reader of the issue would state them: who may do what from each stage, and where
 * it leads. Everything not listed here is refused.
 */
const ALLOWED: Record<Stage, Partial<Record<WorkflowAction, { by: Relation; to: Stage }>>> = {
  draft: { new_version: { by: "owner", to: "draft" }, share: { by: "owner", to: "shared" }, submit: { by: "owner", to: "awaiting_approval" } },
  shared: {
    new_version: { by: "owner", to: "shared" },
    submit: { by: "owner", to: "awaiting_approval" },
    accept: { by: "partner", to: "shared" },
    request_changes: { by: "partner", to: "changes_requested" },
    comment: { by: "partner", to: "shared" },
  },
  // The partner may still comment on the version they asked to change while it is being revised.
  changes_requested: {
    new_version: { by: "owner", to: "changes_requested" },
    share: { by: "owner", to: "shared" },
    submit: { by: "owner", to: "awaiting_approval" },
    comment: { by: "partner", to: "changes_requested" },
  },
  // The version was shared before it was submitted, so withdrawing puts it back with the partner.
  // Northshire's resourcing needs two leaders: the first approval leaves it awaiting the second.
  awaiting_approval: {
    new_version: { by: "owner", to: "awaiting_approval" },
    withdraw: { by: "owner", to: "shared" },
    comment: { by: "partner", to: "awaiting_approval" },
    approve: { by: "leader", to: "awaiting_approval" },
    decline: { by: "leader", to: "declined" },
  },
  // Version 1 is approved and final; version 2 is an amendment, shared and submitted in its turn.
  approved: {
    new_version: { by: "owner", to: "approved" },
    share: { by: "owner", to: "shared" },
    submit: { by: "owner", to: "awaiting_approval" },
    comment: { by: "partner", to: "approved" },
  },
  // Version 1, which the partner has, was declined: it is closed to their comments as to their answer.
  declined: { new_version: { by: "owner", to: "declined" }, share: { by: "owner", to: "shared" }, submit: { by: "owner", to: "awaiting_approval" } },
};

type Version = NonNullable<WorkflowFacts["version"]>;
const v = (number: number, over: Partial<Version> = {}): Version => ({
  number,
  latest: number,
  shared: false,
  missing: [],
  approved: false,
  declined: false,
  pending: false,
  withdrawn: false,
  newest: number,
  changesRequested: false,
  answer: null,
  ...over,
});

/**
 * Each stage as the fixture below leaves it, in the table's terms: the version the owner acts on (the
 * latest), the one the partner answers (the latest shared), and the approval request leaders decide.
 */
const AT: Record<Stage, { staff: Version; partner: Version; approvals: number; inForce: number | null }> = {
  draft: { staff: v(1), partner: v(1), approvals: 0, inForce: null },
  shared: { staff: v(1, { shared: true }), partner: v(1, { shared: true }), approvals: 0, inForce: null },
  changes_requested: {
    staff: v(2),
    partner: v(1, { shared: true, changesRequested: true, answer: { by: "Helen Marsh", response: "changes_requested" } }),
    approvals: 0,
    inForce: null,
  },
  awaiting_approval: {
    staff: v(1, { shared: true, pending: true, answer: { by: "Helen Marsh", response: "accepted" } }),
    partner: v(1, { shared: true, pending: true, answer: { by: "Helen Marsh", response: "accepted" } }),
    approvals: 0,
    inForce: null,
  },
  approved: {
    staff: v(2),
    partner: v(1, { shared: true, approved: true, answer: { by: "Helen Marsh", response: "accepted" } }),
    approvals: 2,
    inForce: 1,
  },
  declined: {
    staff: v(2),
    partner: v(1, { shared: true, declined: true, answer: { by: "Helen Marsh", response: "accepted" } }),
    approvals: 0,
    inForce: null,
  },
};

const PARTNER_ACTIONS: readonly WorkflowAction[] = ["accept", "request_changes", "comment"];
const DECIDING: readonly WorkflowAction[] = ["approve", "decline", "withdraw"];

/**
 * The version an action is about: the owner's the latest, a partner's the latest shared, and a
 * decision's (or withdrawal's) the version of the engagement's latest request, always version 1 here.
 */
function targetOf(stage: Stage, action: WorkflowAction): Version {
  if (PARTNER_ACTIONS.includes(action)) return AT[stage].partner;
  if (DECIDING.includes(action)) return [AT[stage].staff, AT[stage].partner].find((t) => t.number === 1)!;
  return AT[stage].staff;
}

function relationFor(person: Person, target: Version): Relation {
  const ids: Record<Person, number> = { owner: 1, manager: 2, leader: 3, involvedLeader: 4, partner: 5, otherPartner: 6, admin: 7 };
  const roles: Record<Person, Actor["role"]> = {
    owner: "manager",
    manager: "manager",
    leader: "leader",
    involvedLeader: "leader",
    partner: "partner",
    otherPartner: "partner",
    admin: "admin",
  };
  const actor: Actor = { id: ids[person], role: roles[person], organisationId: person === "partner" ? 10 : person === "otherPartner" ? 20 : null };
  return relationOf(
    actor,
    { ownerId: 1, coOwnerIds: [4], organisationId: 10, sharedWithPartner: true },
    { ownerIds: [1, 4], createdById: 1, sharedById: target.shared ? 1 : null, submittedById: 1, shared: target.shared }
  );
}

function tableSays(stage: Stage, action: WorkflowAction, person: Person) {
  const target = targetOf(stage, action);
  const relation = relationFor(person, target);
  return {
    relation,
    decision: decide(action, relation, {
      stage,
      version: target,
      inForce: AT[stage].inForce,
      identicalTo: null,
      request: { approvals: AT[stage].approvals, required: 2, decidedByActor: false },
      involvement: relation === "involved_leader" ? "you own this engagement" : null,
    }),
  };
}

describe("the transition table", () => {
  it("names the relations the test gives people, one each", () => {
    const relations = (Object.keys(PEOPLE) as Person[]).map((p) => relationFor(p, v(1, { shared: true })));
    expect(relations).toEqual(["owner", "manager", "leader", "involved_leader", "partner", "other_partner", "admin"]);
  });

  for (const stage of STAGES) {
    it(`from ${stage}: allows exactly the listed actions, to the listed stages, and says why not otherwise`, () => {
      for (const action of WORKFLOW_ACTIONS) {
        for (const person of Object.keys(PEOPLE) as Person[]) {
          const { relation, decision } = tableSays(stage, action, person);
          const rule = ALLOWED[stage][action];
          const label = `${stage} × ${action} × ${person} (${relation})`;
          if (rule && rule.by === relation) {
            expect(decision, label).toEqual({ ok: true, to: rule.to });
          } else {
            expect(decision.ok, label).toBe(false);
            if (!decision.ok) {
              expect([403, 404, 409], label).toContain(decision.status);
              expect(decision.message, label).not.toBe("");
              // Partners never learn that internal records exist; everyone else is told what is wrong.
              if (decision.status === 404) expect(["partner", "other_partner"], label).toContain(relation);
            }
          }
        }
      }
    });
  }

  it("tells a leader who took part in the version why they cannot decide on it", () => {
    const { decision } = tableSays("awaiting_approval", "approve", "involvedLeader");
    expect(decision).toEqual({ ok: false, status: 403, message: "You cannot decide on this request: you own this engagement. Another leader must decide." });
  });
});

/* ------------------------------------------------------------------------------------------------
 * The same, through the routes, on a real database
 * ---------------------------------------------------------------------------------------------- */

const actorOf = (email: string): Actor => {
  const u = db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, email)).get()!;
  return u;
};

let edits = 0;
/** A change the partner would see, so that a new version is not refused as identical. */
function edit(id: number) {
  db().transaction((tx) => renameTimelineItem(tx, actorOf(PEOPLE.owner), id, "final_report", `Final report and spread plan (draft ${++edits})`));
}

/** Brings Northshire to a stage by the app's own model functions, leaving an approval request behind at every stage. */
function bringTo(stage: Stage): number {
  const id = demoEngagementId();
  const owner = actorOf(PEOPLE.owner);
  const partner = actorOf(PEOPLE.partner);
  const leaders = [actorOf(PEOPLE.leader), actorOf("leader2@demo.test")];
  db().delete(bookings).where(eq(bookings.engagementId, id)).run();
  db().delete(proposalVersions).where(eq(proposalVersions.engagementId, id)).run();
  db().update(engagements).set({ stage: "draft" }).where(eq(engagements.id, id)).run();
  // A leader who co-owns the engagement: one of "those people" who never decide its approval.
  const involved = db()
    .insert(users)
    .values({ email: PEOPLE.involvedLeader, name: "Lee Owner", role: "leader", passwordHash: "scrypt$x" })
    .returning({ id: users.id })
    .get().id;
  db().insert(engagementCoOwners).values({ engagementId: id, userId: involved }).run();
  db().insert(users).values({ email: PEOPLE.manager, name: "Other Manager", role: "manager", passwordHash: "scrypt$x" }).run();

  edit(id);
  createVersion(owner, id, "2026-11-25", "2026-11");
  const request = () => db().select().from(approvalRequests).where(eq(approvalRequests.engagementId, id)).orderBy(desc(approvalRequests.id)).get()!;
  const decision = (d: "approve" | "decline", leader: Actor) =>
    decideApproval(leader, request().id, {
      decision: d,
      conditions: "",
      reason: d === "decline" ? "Not this spring." : "",
      acknowledgedConflict: true,
      requestVersion: request().version,
    });
  if (stage === "draft") {
    submitForApproval(owner, id, 1);
    withdrawRequest(owner, id, request().id);
  } else {
    shareVersion(owner, id, 1);
    if (stage === "shared") {
      submitForApproval(owner, id, 1);
      withdrawRequest(owner, id, request().id);
    } else if (stage === "changes_requested") {
      submitForApproval(owner, id, 1);
      withdrawRequest(owner, id, request().id);
      respondToVersion(partner, id, 1, "changes_requested", "Please start after our winter pressures.");
      edit(id);
      createVersion(owner, id, "2026-11-26", "2026-11");
    } else {
      respondToVersion(partner, id, 1, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
      submitForApproval(owner, id, 1);
      if (stage === "approved") leaders.forEach((l) => decision("approve", l));
      if (stage === "declined") decision("decline", leaders[0]!);
      if (stage === "approved" || stage === "declined") {
        edit(id);
        createVersion(owner, id, "2026-11-27", "2026-11");
      }
    }
  }
  edit(id);
  expect(db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id)).get()!.stage).toBe(stage);
  return id;
}

function post(action: WorkflowAction, id: number, cookie: string, target: Version, requestId: number): Promise<Outcome> {
  const params = { id: String(id) };
  switch (action) {
    case "new_version":
      return callAction(proposalRoute.action, { path: `/engagements/${id}/proposal`, params, cookie, form: { intent: "create-version" } });
    case "share":
    case "submit":
      return callAction(reviewRoute.action, { path: `/engagements/${id}/review`, params, cookie, form: { intent: action, number: String(target.number) } });
    case "withdraw":
      return callAction(reviewRoute.action, { path: `/engagements/${id}/review`, params, cookie, form: { intent: "withdraw", requestId: String(requestId) } });
    case "accept":
    case "request_changes":
      return callAction(partnerRoute.action, {
        path: `/partner/engagements/${id}`,
        params,
        cookie,
        form: {
          intent: "respond",
          number: String(target.number),
          response: action === "accept" ? "accepted" : "changes_requested",
          reason: "Please move the second learning session later.",
          ...(action === "accept" ? { signerName: "Helen Marsh", signerTitle: "Chief Executive", confirm: "on" } : {}),
        },
      });
    case "comment":
      return callAction(partnerRoute.action, {
        path: `/partner/engagements/${id}`,
        params,
        cookie,
        form: { intent: "comment", number: String(target.number), sectionKey: "aims", body: "Could the aim include our community hospitals?", parentId: "" },
      });
    case "approve":
    case "decline": {
      const version = db().select({ version: approvalRequests.version }).from(approvalRequests).where(eq(approvalRequests.id, requestId)).get()!.version;
      return callAction(approvalRoute.action, {
        path: `/approvals/${requestId}`,
        params: { requestId: String(requestId) },
        cookie,
        form: {
          decision: action,
          conditions: "",
          reason: action === "decline" ? "No faculty free in the spring." : "",
          acknowledgedConflict: "on",
          requestVersion: String(version),
        },
      });
    }
  }
}

async function inSavepoint<T>(run: () => Promise<T>): Promise<T> {
  const client = db().$client;
  client.exec("SAVEPOINT workflow_case");
  try {
    return await run();
  } finally {
    client.exec("ROLLBACK TO workflow_case");
    client.exec("RELEASE workflow_case");
  }
}

describe("the routes do what the table says", () => {
  for (const stage of STAGES) {
    it(`from ${stage}, every action by every person`, async () => {
      const id = bringTo(stage);
      const cookies = Object.fromEntries((Object.keys(PEOPLE) as Person[]).map((p) => [p, sessionCookie(PEOPLE[p])])) as Record<Person, string>;
      const requestId = db()
        .select({ id: approvalRequests.id })
        .from(approvalRequests)
        .where(eq(approvalRequests.engagementId, id))
        .orderBy(desc(approvalRequests.id))
        .get()!.id;
      const problems: string[] = [];
      for (const action of WORKFLOW_ACTIONS) {
        for (const person of Object.keys(PEOPLE) as Person[]) {
          const { relation, decision } = tableSays(stage, action, person);
          const label = `${stage} × ${action} × ${person} (${relation})`;
          await inSavepoint(async () => {
            const before = everyRowHash();
            const res = await post(action, id, cookies[person], targetOf(stage, action), requestId);
            const now = db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id)).get()!.stage;
            if (decision.ok) {
              if (res.status !== 303)
                problems.push(`${label}: the table allows it, the route answered ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`);
              else if (now !== decision.to) problems.push(`${label}: the table leads to ${decision.to}, the engagement is ${now}`);
            } else {
              if (res.status !== decision.status) problems.push(`${label}: the table refuses with ${decision.status}, the route answered ${res.status}`);
              if (everyRowHash() !== before) problems.push(`${label}: refused, but rows changed`);
            }
          });
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

/* ------------------------------------------------------------------------------------------------
 * The partner's acceptance of an amendment, while version 1 stays in force
 * ---------------------------------------------------------------------------------------------- */

/**
 * Version 1 approved and in force, version 2 shared with the partner and then: still with them, with
 * our leadership, approved, withdrawn or declined. Whether they may accept it follows version 2's own
 * standing; the engagement's stage alone ("approved" after a withdrawal or a decline) cannot say.
 */
const AMENDMENT: { after: string; stage: Stage; version: Partial<Version>; inForce: number; accepts: boolean }[] = [
  { after: "shared", stage: "shared", version: {}, inForce: 1, accepts: true },
  { after: "submitted", stage: "awaiting_approval", version: { pending: true }, inForce: 1, accepts: true },
  { after: "approved", stage: "approved", version: { approved: true }, inForce: 2, accepts: true },
  { after: "withdrawn", stage: "approved", version: { withdrawn: true }, inForce: 1, accepts: false },
  { after: "declined", stage: "approved", version: { declined: true }, inForce: 1, accepts: false },
];

describe("the partner's acceptance of an amendment follows the amendment's own standing", () => {
  for (const c of AMENDMENT) {
    it(`version 2 ${c.after}: the table ${c.accepts ? "lets the partner accept it" : "refuses it"}, and the route does the same`, async () => {
      const target = v(2, { shared: true, us: "Northbridge", ...c.version });
      const decision = decide("accept", "partner", {
        stage: c.stage,
        version: target,
        inForce: c.inForce,
        identicalTo: null,
        request: null,
        involvement: null,
      });
      expect(decision).toEqual(
        c.accepts
          ? { ok: true, to: c.stage }
          : {
              ok: false,
              status: 409,
              // Withdrawn, it may be submitted again, and accepted then; declined, it is closed.
              message:
                c.after === "withdrawn"
                  ? "Version 2 is awaiting approval by Northbridge's leadership, so it cannot be accepted yet. The partnership team will let you know when you can accept it, or share a newer version."
                  : "Northbridge's leadership did not approve version 2, so it will not become the agreed proposal and can no longer be accepted. The partnership team will follow up, and may share a newer version with you.",
            }
      );

      const id = bringTo("approved");
      const owner = actorOf(PEOPLE.owner);
      shareVersion(owner, id, 2);
      if (c.after !== "shared") {
        submitForApproval(owner, id, 2);
        const requestId = db().select({ id: approvalRequests.id }).from(approvalRequests).orderBy(desc(approvalRequests.id)).get()!.id;
        const decideIt = (d: "approve" | "decline", email: string) => {
          const version = db().select({ version: approvalRequests.version }).from(approvalRequests).where(eq(approvalRequests.id, requestId)).get()!.version;
          decideApproval(actorOf(email), requestId, {
            decision: d,
            conditions: "",
            reason: "Not this spring.",
            acknowledgedConflict: true,
            requestVersion: version,
          });
        };
        if (c.after === "approved") [PEOPLE.leader, "leader2@demo.test"].forEach((l) => decideIt("approve", l));
        if (c.after === "withdrawn") withdrawRequest(owner, id, requestId);
        if (c.after === "declined") decideIt("decline", PEOPLE.leader);
      }
      expect(db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id)).get()!.stage).toBe(c.stage);
      const before = everyRowHash();
      const res = await post("accept", id, sessionCookie(PEOPLE.partner), target, 0);
      if (c.accepts) {
        expect(res.status).toBe(303);
      } else {
        expect(res.status).toBe(409);
        expect(everyRowHash()).toBe(before);
      }
      expect(db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id)).get()!.stage).toBe(c.stage);
    });
  }
});
