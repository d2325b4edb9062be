import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { resourcingOf } from "~/models/approvals.server";
import { buildSnapshot } from "~/models/snapshot.server";
import { action as proposalAction, loader as proposalLoader } from "~/routes/engagements.$id.proposal";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();

const MANAGER = "manager@demo.test";

const page = async (id: number) =>
  (await callLoader(proposalLoader as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) } })).data;
const post = (id: number, form: Record<string, string>) =>
  callAction(proposalAction as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) }, form });

type OptionRow = { id: number; version: number; name: string; fee: number; months: number; fteMonths: number; largest: boolean; applied: string[] };

/** Two options on the demo proposal: Core as planned, and Virtual with its learning sessions held online. */
async function twoOptions(id: number): Promise<OptionRow[]> {
  for (const [name, scope] of [
    ["Core", "The collaborative as planned, with in-person learning sessions."],
    ["Virtual", "The same collaborative with its learning sessions held online."],
  ])
    expect(
      (await post(id, { form: "option-new", intent: "add-option", name, scope, leavesOut: name === "Virtual" ? "Travel to learning sessions." : "" })).status
    ).toBe(303);
  const virtual = (await page(id)).options.options[1] as OptionRow;
  const res = await post(id, {
    form: `option-${virtual.id}`,
    intent: "apply-option-lever",
    option: String(virtual.id),
    version: String(virtual.version),
    lever: "virtual_sessions",
  });
  expect(res.status).toBe(303);
  return (await page(id)).options.options;
}

describe("options on the Proposal page", () => {
  it("each carries its own levers and fee: the option with virtual learning sessions costs less, and the other is the largest", async () => {
    const id = demoEngagementId();
    expect((await page(id)).options.options).toEqual([]);
    const [core, virtual] = await twoOptions(id);
    expect(core!.applied).toEqual([]);
    expect(virtual!.applied).toEqual(["virtual learning sessions"]);
    expect(virtual!.fee).toBeLessThan(core!.fee);
    expect(virtual!.months).toBe(core!.months);
    expect(core!.largest).toBe(true);
    expect(virtual!.largest).toBe(false);
    const audit = db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.engagementId, id)))
      .all()
      .map((a) => a.action);
    expect(audit.filter((a) => a.startsWith("option."))).toEqual(["option.add", "option.add", "option.lever"]);
  });

  it("a version freezes each option's fee and schedule, and states and is judged on the largest option's plan", async () => {
    const id = demoEngagementId();
    const [core, virtual] = await twoOptions(id);
    const snapshot = buildSnapshot(db(), id, "2026-12-01", "2026-12");
    expect(snapshot.options?.map((o) => [o.key, o.name, o.price.fee])).toEqual([
      ["A", "Core", core!.fee],
      ["B", "Virtual", virtual!.fee],
    ]);
    for (const o of snapshot.options!) expect(o.price.schedule.reduce((s, i) => s + i.amount, 0)).toBe(o.price.fee);
    expect(snapshot.options![1]!.leavesOut).toBe("Travel to learning sessions.");
    expect(snapshot.demand).toEqual(snapshot.options![0]!.demand);
    expect(snapshot.price?.fee).toBe(core!.fee);
    expect(resourcingOf(snapshot).fteMonths).toBe(snapshot.options![0]!.fteMonths);
    expect(snapshot.options![1]!.facultyDays).toBeLessThan(snapshot.options![0]!.facultyDays);
  });

  it("a proposal without options freezes none, as before", async () => {
    const snapshot = buildSnapshot(db(), demoEngagementId(), "2026-12-01", "2026-12");
    expect(snapshot.options).toBeUndefined();
  });

  it("refuses an option without a scope next to the field, keeping the name typed", async () => {
    const id = demoEngagementId();
    const res = await post(id, { form: "option-new", intent: "add-option", name: "Phased", scope: "  ", leavesOut: "" });
    expect(res.status).toBe(400);
    const answer = formAnswer(res);
    expect(answer.errors.scope).toBe("The scope is required.");
    expect(answer.values.name).toBe("Phased");
    expect((await page(id)).options.options).toEqual([]);
  });

  it("offers at most three, with names of their own", async () => {
    const id = demoEngagementId();
    await twoOptions(id);
    const same = await post(id, { form: "option-new", intent: "add-option", name: "core", scope: "Again." });
    expect(formAnswer(same).errors.name).toMatch(/already has that name/);
    expect((await post(id, { form: "option-new", intent: "add-option", name: "Phased", scope: "Over longer." })).status).toBe(303);
    const fourth = await post(id, { form: "option-new", intent: "add-option", name: "Fourth", scope: "One too many." });
    expect(fourth.status).toBe(400);
    expect(formAnswer(fourth).errors[""]).toBe("A proposal offers at most 3 options. Remove one before adding another.");
  });

  it("renames and removes an option; a stale page is told so", async () => {
    const id = demoEngagementId();
    const [core, virtual] = await twoOptions(id);
    const edit = { form: `option-${core!.id}`, intent: "edit-option", option: String(core!.id), version: String(core!.version) };
    expect((await post(id, { ...edit, name: "Core collaborative", scope: "As planned.", leavesOut: "" })).status).toBe(303);
    const stale = await post(id, { ...edit, name: "Core again", scope: "As planned.", leavesOut: "" });
    expect(stale.status).toBe(409);
    expect(
      (await post(id, { form: `option-${virtual!.id}`, intent: "remove-option", option: String(virtual!.id), version: String(virtual!.version) })).status
    ).toBe(303);
    const left = (await page(id)).options.options as OptionRow[];
    expect(left.map((o) => [o.name, o.largest])).toEqual([["Core collaborative", false]]);
  });

  it("takes the fee and its levers off the proposal-wide panel once options exist: they are the options' own", async () => {
    const id = demoEngagementId();
    await twoOptions(id);
    const budget = (await page(id)).budget;
    expect(budget.offersOptions).toBe(true);
    expect(budget.levers).toEqual([]);
    const res = await post(id, {
      form: "budget",
      intent: "set-fee",
      version: String(budget.version),
      fee: "500000",
      reason: "Agreed with the partner's board.",
    });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors[""]).toMatch(/offers options/);
  });
});
