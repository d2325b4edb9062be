/**
 * The partner's profile, which the proposal's context states ("… is a hospital in Ireland serving a
 * population of 1,200,000 across 3 sites"), is completed where the proposal sends the manager: on the
 * engagement's page, or by the intake's partner context, whose population fills a record that does not
 * know it yet (docs/domain.md §9.1).
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, organisations } from "../../db/schema";
import * as overview from "~/routes/engagements.$id._index";
import * as create from "~/routes/engagements.new";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import { createVersion, getVersion } from "~/models/proposal.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId, orgIdByName } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, callLoader, formAnswer, messageAfter, sessionCookie } from "../helpers/requests";

useTestDatabase();

const MANAGER = "manager@demo.test";
const MERCY = "Mercy University Hospital";
const PROFILE_PART = "Context and needs: The partner's profile";

async function newPartnerWithoutPopulation(): Promise<number> {
  const res = await callAction(create.action, {
    path: "/engagements/new",
    as: MANAGER,
    form: { title: "Safer nights on call", partner: "new", orgName: MERCY, orgKind: "hospital", orgCountry: "IE", orgSites: "3", orgPopulation: "" },
  });
  expect(res.status).toBe(303);
  return Number(/\/engagements\/(\d+)/.exec(res.location!)![1]);
}

const mercy = () => db().select().from(organisations).where(eq(organisations.name, MERCY)).get()!;
const missing = async (id: number) =>
  (
    (await callLoader(proposalRoute.loader, { path: `/engagements/${id}/proposal`, params: { id: String(id) }, as: MANAGER })).data.missing as {
      words: string;
      completeIn: { to: string; words: string }[];
    }[]
  ).find((p) => p.words === PROFILE_PART);
const setProfile = (id: number, form: Record<string, string>, as = MANAGER) =>
  callAction(overview.action, { path: `/engagements/${id}`, params: { id: String(id) }, as, form: { intent: "set-profile", ...form } });

describe("the partner's profile", () => {
  it("of a new partner whose population was not known is completed on the engagement's page, where the proposal sends the manager", async () => {
    const id = await newPartnerWithoutPopulation();
    expect((await missing(id))?.completeIn.map((p) => p.words)).toEqual(["Engagement › Partner", "Intake › Partner context"]);
    const page = await callLoader(overview.loader, { path: `/engagements/${id}`, params: { id: String(id) }, as: MANAGER });
    expect(page.data.engagement.canEditPartner).toBe(true);

    const res = await setProfile(id, { orgName: MERCY, orgKind: "hospital", orgSites: "4", orgPopulation: "1.200.000", orgVersion: "1" });
    expect(res.status).toBe(303);
    expect(mercy()).toMatchObject({ kind: "hospital", sites: 4, population: 1_200_000, version: 2 });
    expect(await missing(id)).toBeUndefined();
    const audit = db().select().from(auditLog).where(eq(auditLog.action, "organisation.profile")).all();
    expect(audit.map((a) => JSON.parse(a.detailJson))).toEqual([
      {
        organisationId: mercy().id,
        from: { name: MERCY, kind: "hospital", sites: 3, population: null },
        to: { name: MERCY, kind: "hospital", sites: 4, population: 1_200_000 },
      },
    ]);
  });

  it("refuses a count that cannot be one beside its field, keeping what was typed and the record as it was", async () => {
    const id = await newPartnerWithoutPopulation();
    const res = await setProfile(id, { orgName: MERCY, orgKind: "hospital", orgSites: "0", orgPopulation: "-5", orgVersion: "1" });
    expect(res.status).toBe(400);
    expect(Object.keys(formAnswer(res).errors).sort()).toEqual(["orgPopulation", "orgSites"]);
    expect(formAnswer(res).values).toMatchObject({ orgSites: "0", orgPopulation: "-5" });
    expect(mercy()).toMatchObject({ sites: 3, population: null, version: 1 });
  });

  it("is not changed by a leader, who reads the engagement but does not own it", async () => {
    const id = await newPartnerWithoutPopulation();
    const res = await setProfile(id, { orgName: MERCY, orgKind: "hospital", orgSites: "4", orgPopulation: "1200000", orgVersion: "1" }, "leader@demo.test");
    expect(res.status).toBe(403);
    expect(mercy().population).toBeNull();
  });

  it("takes the population the intake's partner context gives when the record does not know it, and the proposal no longer asks for it", async () => {
    const id = await newPartnerWithoutPopulation();
    const res = await callAction(intakeRoute.action, {
      path: `/engagements/${id}/intake?section=context`,
      params: { id: String(id) },
      as: MANAGER,
      form: intakeForm("context", { version: "0", partnerKind: "hospital", sites: "3", population: "1,200,000", geographyScope: "organisation" }),
    });
    expect(res.status).toBe(303);
    expect(mercy()).toMatchObject({ population: 1_200_000, version: 2 });
    expect(await missing(id)).toBeUndefined();
    const audit = db().select().from(auditLog).where(eq(auditLog.action, "organisation.profile")).all();
    expect(JSON.parse(audit[0]!.detailJson)).toMatchObject({ from: { population: null }, to: { population: 1_200_000 }, fromIntake: true });
  });
});

describe("the partner's name", () => {
  const NORTHSHIRE = "Northshire Health System";
  const CORRECTED = "Northshire Health Systems NHS Trust";
  const demo = () => demoEngagementId();
  let northshireId = 0;
  beforeEach(() => {
    northshireId = orgIdByName(NORTHSHIRE);
  });
  const northshire = () => db().select().from(organisations).where(eq(organisations.id, northshireId)).get()!;
  const rename = (orgName: string) =>
    setProfile(demo(), { orgName, orgKind: "health_system", orgSites: "14", orgPopulation: "2100000", orgVersion: String(northshire().version) });
  const draft = async () =>
    JSON.stringify(
      (await callLoader(proposalRoute.loader, { path: `/engagements/${demo()}/proposal`, params: { id: String(demo()) }, as: MANAGER })).data.content
    );

  it("is corrected on the engagement's page, audited with the old and the new, and printed from the next version on, never in one already frozen", async () => {
    const manager = { id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null };
    const frozen = createVersion(manager, demo(), "2026-11-25", "2026-11").number;
    const res = await rename(`  ${CORRECTED} `);
    expect(res.status).toBe(303);
    expect(northshire().name).toBe(CORRECTED);
    const audit = db().select().from(auditLog).where(eq(auditLog.action, "organisation.profile")).all();
    expect(JSON.parse(audit.at(-1)!.detailJson)).toMatchObject({ from: { name: NORTHSHIRE }, to: { name: CORRECTED } });
    // The live draft states the corrected name; the version frozen before keeps the name it was frozen with.
    expect(await draft()).toContain(CORRECTED);
    const kept = getVersion(manager, demo(), frozen);
    expect(kept.snapshot.partner.name).toBe(NORTHSHIRE);
    expect(JSON.stringify(kept.content)).toContain(NORTHSHIRE);
    expect(JSON.stringify(kept.content)).not.toContain(CORRECTED);
    const next = getVersion(manager, demo(), createVersion(manager, demo(), "2026-11-25", "2026-11").number);
    expect(next.snapshot.partner.name).toBe(CORRECTED);
    expect(JSON.stringify(next.content)).toContain(CORRECTED);
  });

  it("is refused blank, too long or another partner's, beside the field, keeping what was typed and the record as it was", async () => {
    for (const [typed, message] of [
      ["   ", "Organisation name is required."],
      ["N".repeat(161), "Organisation name must be at most 160 characters."],
      ["eastmere regional health authority", "Another partner organisation already has this name: choose a name that tells them apart."],
    ]) {
      const res = await rename(typed);
      expect(res.status).toBe(400);
      expect(formAnswer(res).errors).toMatchObject({ orgName: message });
      expect(formAnswer(res).values).toMatchObject({ orgName: typed, orgSites: "14" });
      expect(northshire()).toMatchObject({ name: NORTHSHIRE, version: 1 });
    }
  });
});

describe("a population the intake gives other than the record's", () => {
  const overviewOf = async (id: number, as = MANAGER) =>
    (await callLoader(overview.loader, { path: `/engagements/${id}`, params: { id: String(id) }, as })).data;
  const saveContext = (id: number, population: string, version: string, cookie = sessionCookie(MANAGER)) =>
    callAction(intakeRoute.action, {
      path: `/engagements/${id}/intake?section=context`,
      params: { id: String(id) },
      cookie,
      form: intakeForm("context", { version, partnerKind: "hospital", sites: "3", population, geographyScope: "organisation" }),
    });
  const stated = async (id: number) =>
    JSON.stringify((await callLoader(proposalRoute.loader, { path: `/engagements/${id}/proposal`, params: { id: String(id) }, as: MANAGER })).data.content);

  it("is the one the proposal states, as the intake's save and the Partner panel say, and the record takes it when its owners choose", async () => {
    const id = await newPartnerWithoutPopulation();
    await setProfile(id, { orgName: MERCY, orgKind: "hospital", orgSites: "3", orgPopulation: "1200000", orgVersion: "1" });
    const cookie = sessionCookie(MANAGER);
    const res = await saveContext(id, "1,350,000", "0", cookie);
    expect(res.status).toBe(303);
    expect(await messageAfter(res, cookie)).toContain(
      "The proposal states the intake's population served, 1,350,000; the partner's record keeps 1,200,000: to make the record agree, use the intake's figure on the engagement's page."
    );
    // The record keeps its own; the proposal states the intake's, and the Partner panel says both and which.
    expect(mercy().population).toBe(1_200_000);
    expect(await stated(id)).toContain("1,350,000");
    expect(await stated(id)).not.toContain("1,200,000");
    const page = await overviewOf(id);
    expect(page.population).toEqual({ figure: 1_350_000, from: "intake", differs: { record: 1_200_000, intake: 1_350_000 } });

    const taken = await callAction(overview.action, {
      path: `/engagements/${id}`,
      params: { id: String(id) },
      cookie,
      form: { intent: "use-intake-population", orgVersion: String(mercy().version) },
    });
    expect(taken.status).toBe(303);
    expect(await messageAfter(taken, cookie)).toBe(
      "The partner's record now gives the intake's population served, 1,350,000: every engagement with this partner states it."
    );
    expect(mercy().population).toBe(1_350_000);
    expect((await overviewOf(id)).population.differs).toBeNull();
    const audit = db().select().from(auditLog).where(eq(auditLog.action, "organisation.profile")).all();
    expect(JSON.parse(audit.at(-1)!.detailJson)).toMatchObject({ from: { population: 1_200_000 }, to: { population: 1_350_000 }, fromIntake: true });
  });

  it("is not taken by a leader, nor from an intake that gives none, and a stale page is told someone changed the record", async () => {
    const id = await newPartnerWithoutPopulation();
    const take = (orgVersion: string, as = MANAGER) =>
      callAction(overview.action, { path: `/engagements/${id}`, params: { id: String(id) }, as, form: { intent: "use-intake-population", orgVersion } });
    const none = await take("1");
    expect(none.status).toBe(400);
    expect(formAnswer(none).errors[""]).toBe(
      "The intake's partner context gives no population served: give it there, or change the record's in the profile above."
    );
    await setProfile(id, { orgName: MERCY, orgKind: "hospital", orgSites: "3", orgPopulation: "1200000", orgVersion: "1" });
    await saveContext(id, "1350000", "0");
    expect((await take("2", "leader@demo.test")).status).toBe(403);
    expect((await take("1")).status).toBe(409);
    expect(mercy().population).toBe(1_200_000);
  });
});
