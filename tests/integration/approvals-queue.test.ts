/**
 * The approvals queue says what each request commits without opening it (docs/domain.md §8.5, §8.7):
 * the fee offered against the partner's budget and our staff's time, the same figures the request's
 * own page gives. It reads the versions' snapshots in one query however many requests wait.
 */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { approvalRequests, engagements, proposalVersions } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { submitForApproval } from "~/models/approvals.server";
import * as approvalPage from "~/routes/approvals.$requestId";
import * as approvalsQueue from "~/routes/approvals._index";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callLoader } from "../helpers/requests";

useTestDatabase();

const NBSP = "\u00a0";
const LEADER = "leader@demo.test";
type Queue = Awaited<ReturnType<typeof approvalsQueue.loader>>;
type Pending = Queue["pending"][number];

async function queue(): Promise<Queue> {
  const res = await callLoader(approvalsQueue.loader, { path: "/approvals", as: LEADER });
  expect(res.status).toBe(200);
  return res.data as Queue;
}

function snapshotOf(requestId: number): EngagementSnapshot {
  const row = db()
    .select({ json: proposalVersions.snapshotJson })
    .from(approvalRequests)
    .innerJoin(proposalVersions, eq(proposalVersions.id, approvalRequests.proposalVersionId))
    .where(eq(approvalRequests.id, requestId))
    .get()!;
  return JSON.parse(row.json) as EngagementSnapshot;
}

/** The SQL of every statement run while `run` runs. */
async function statementsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const client = db().$client;
  const prepare = client.prepare;
  const seen: string[] = [];
  client.prepare = ((source: string) => {
    seen.push(source);
    return prepare.call(client, source);
  }) as typeof prepare;
  try {
    await run();
  } finally {
    client.prepare = prepare;
  }
  return seen;
}

const sepsis = (q: Queue): Pending => q.pending.find((r) => r.engagementTitle === "National sepsis campaign")!;

describe("the approvals queue", () => {
  it("gives each request's fee against the partner's budget and the staff time it commits, as the request's page does", async () => {
    const row = sepsis(await queue());
    const snapshot = snapshotOf(row.id);
    // The demo's campaign asks a fee above the top of the partner's budget.
    const fee = snapshot.price!.fee;
    const max = snapshot.intake.budget.budgetMax!;
    expect(fee).toBeGreaterThan(max);
    expect(row.fees).toEqual([
      {
        key: "",
        fee: `USD${NBSP}${fee.toLocaleString("en-GB")}`,
        against: `USD${NBSP}${(fee - max).toLocaleString("en-GB")} above the budget`,
        above: true,
      },
    ]);
    const fteMonths = Math.round(snapshot.staffing.reduce((s, l) => s + l.fteMonths, 0) * 10) / 10;
    expect(row.fteMonths).toBe(`${fteMonths.toLocaleString("en-GB")} FTE-months`);
    expect(snapshot.fit!.tightSpots).toHaveLength(0);
    expect(row.capacity).toBe("none short or tight");

    const page = await callLoader(approvalPage.loader, { path: `/approvals/${row.id}`, params: { requestId: String(row.id) }, as: LEADER });
    const view = page.data.view as Awaited<ReturnType<typeof approvalPage.loader>>["view"];
    expect(view.commits.fteMonths).toBe(fteMonths);
    expect(view.commits.fees.map((f) => f.description)).toEqual([
      `The fee is USD${NBSP}${fee.toLocaleString("en-GB")}, USD${NBSP}${(fee - max).toLocaleString("en-GB")} above the partner's budget.`,
    ]);
  });

  it("puts first what the version proposes: the plan, its dates, its aim, the partner's time it overruns, the partner's readiness and our cost", async () => {
    const row = sepsis(await queue());
    const snapshot = snapshotOf(row.id);
    const page = await callLoader(approvalPage.loader, { path: `/approvals/${row.id}`, params: { requestId: String(row.id) }, as: LEADER });
    const { plan } = page.data.view as Awaited<ReturnType<typeof approvalPage.loader>>["view"];
    expect(plan.plan).toBe(`Campaign, ${snapshot.timeline!.generatedFrom.teams} sites`);
    expect(plan.dates).toMatch(/^1 May 2027 to \d{1,2} \w+ 20\d\d \(\d+ months\)$/);
    expect(plan.aim).toBe(snapshot.driverDiagram!.aim.statement);
    // The demo's campaign runs past the partner's time, as its timeline check says.
    expect(snapshot.timeCheck!.holds).toBe(false);
    expect(plan.time).toEqual({ holds: false, words: snapshot.timeCheck!.summary });
    expect(plan.readiness).toBe("Not ready");
    const gap = snapshot.price!.fee - snapshot.cost!.total;
    expect(gap).toBeGreaterThan(0);
    expect(plan.cost).toEqual([
      {
        words: `USD${NBSP}${snapshot.cost!.total.toLocaleString("en-GB")}: the fee gives a margin of USD${NBSP}${gap.toLocaleString("en-GB")} over it.`,
        belowFee: true,
      },
    ]);
  });

  it("counts the role-months a version was short or tight in when it was made", async () => {
    // Northshire's version 1, submitted: its snapshot is read as it was frozen, here with two months short and one tight.
    const id = demoEngagementId();
    const manager: Actor = { id: userIdByEmail("manager@demo.test"), role: "manager", organisationId: null };
    const requestId = submitForApproval(manager, id, 1);
    const { fit } = snapshotOf(requestId);
    const assessed = { ...fit!, shortfalls: ["Advisor short in 2027-03", "Advisor short in 2027-04"], tightSpots: ["Faculty tight in 2027-05"] };
    const versionId = db().select({ v: approvalRequests.proposalVersionId }).from(approvalRequests).where(eq(approvalRequests.id, requestId)).get()!.v;
    // Written into the frozen version as if assessed so when it was made (each test has its own copy of the database).
    db().$client.exec("DROP TRIGGER proposal_versions_frozen");
    db()
      .update(proposalVersions)
      .set({ snapshotJson: sql`json_set(${proposalVersions.snapshotJson}, '$.fit', json(${JSON.stringify(assessed)}))` })
      .where(eq(proposalVersions.id, versionId))
      .run();
    const row = (await queue()).pending.find((r) => r.id === requestId)!;
    expect(row.capacity).toBe("2 role-months short, 1 tight role-month");
    expect(row.fees.length).toBeGreaterThan(0);
  });

  it("reads the versions' snapshots in one query, however many requests wait", async () => {
    const reads = (sql: string[]) => sql.filter((s) => s.includes("snapshot_json")).length;
    const one = await statementsDuring(queue);
    expect((await queue()).pending).toHaveLength(1);
    expect(reads(one)).toBe(1);

    const id = demoEngagementId();
    const manager: Actor = { id: userIdByEmail("manager@demo.test"), role: "manager", organisationId: null };
    submitForApproval(manager, id, 1);
    expect(db().select({ stage: engagements.stage }).from(engagements).where(eq(engagements.id, id)).get()!.stage).toBe("awaiting_approval");
    const two = await statementsDuring(queue);
    expect((await queue()).pending).toHaveLength(2);
    expect(reads(two)).toBe(1);
  });
});
