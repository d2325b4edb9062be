import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { timelines } from "../../db/schema";
import { demoIntake, type Intake } from "~/domain/intake";
import type { Timeline } from "~/domain/timeline";
import { createEngagement } from "~/models/engagements.server";
import { saveIntakeSection } from "~/models/intake.server";
import { decideMethod } from "~/models/method.server";
import { regenerateTimeline } from "~/models/timeline.server";
import * as timelinePage from "~/routes/engagements.$id.timeline";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { callLoader } from "../helpers/requests";

/*
 * A partner in Kenya (docs/domain.md §8.6): its plan's events and milestones avoid Kenya's public
 * holidays, and the Timeline page says which of them the planner cannot know (Eid al-Fitr, gazetted
 * each year), so that the manager checks the key dates against them.
 */
useTestDatabase();
pinToday("2026-12");

const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });

/** A national ministry of health in Kenya running a campaign from February 2027. */
function ministryEngagement(country: string): number {
  const id = createEngagement(manager(), {
    title: "National patient safety campaign",
    partner: "new",
    orgName: `Ministry of Health (${country})`,
    orgKind: "nation",
    orgCountry: country,
    orgSites: 400,
  } as never);
  const demo = demoIntake();
  const intake: Intake = {
    ...demo,
    context: { ...demo.context, partnerKind: "nation", geographyScope: "nation", sites: 400 },
    evidence: { ...demo.evidence, aimStyle: "bold", wantsPublicMobilisation: "yes", aimByWhen: "2028-09" },
    scale: { expectedSites: 400, desiredStart: "2027-02" },
  };
  let version = 0;
  for (const section of ["context", "needs", "evidence", "scale", "capacity", "budget"] as const)
    version = saveIntakeSection(manager(), id, section, intake[section] as never, version);
  decideMethod(manager(), id, { chosen: "campaign", intakeVersion: version, decisionVersion: 0 } as never, "2026-12");
  regenerateTimeline(manager(), id, 0, "2026-12");
  return id;
}

const page = (id: number) => callLoader(timelinePage.loader, { path: `/engagements/${id}/timeline`, params: { id: String(id) }, as: "manager@demo.test" });
const launchOf = (timeline: Timeline) => timeline.items.find((i) => i.id === "launch")!;

describe("the Timeline page of a partner in Kenya", () => {
  it("holds the launch due on Madaraka Day (1 June 2027) on the next working day", async () => {
    const kenya = await page(ministryEngagement("KE"));
    expect(kenya.status).toBe(200);
    expect(launchOf(kenya.data.timeline)).toMatchObject({ start: "2027-06-02", end: "2027-06-02" });
    // The same plan for a partner in South Africa, where 1 June is a working day, keeps it there.
    const southAfrica = await page(ministryEngagement("ZA"));
    expect(launchOf(southAfrica.data.timeline)).toMatchObject({ start: "2027-06-01" });
  });

  it("says its events avoid Kenya's public holidays, but not Eid al-Fitr, and to check the key dates against it", async () => {
    const kenya = await page(ministryEngagement("KE"));
    expect(kenya.data.holidaysNote).toBe(
      "Generated events and milestones avoid the public holidays of Kenya. Eid al-Fitr (Idd-ul-Fitr), whose date is gazetted each year, is not included, nor is any other holiday declared by gazette notice: check the key dates against them."
    );
    expect((await page(ministryEngagement("ZA"))).data.holidaysNote).toBeNull();
  });

  it("names a key date that falls on one of Kenya's public holidays, as in a plan laid out before they were known", async () => {
    const id = ministryEngagement("KE");
    expect((await page(id)).data.onHolidays).toBeNull();
    // As laid out before the planner knew Kenya's holidays: a milestone on Madaraka Day, an event over
    // Mashujaa Day.
    const stored = db().select({ dataJson: timelines.dataJson }).from(timelines).where(eq(timelines.engagementId, id)).get()!;
    const timeline = JSON.parse(stored.dataJson) as Timeline;
    const launch = launchOf(timeline);
    timeline.items.push(
      { ...launch, id: "regional_milestone", label: "Regional sign-up closes", kind: "milestone", start: "2027-06-01", end: "2027-06-01", dependencies: [] },
      { ...launch, id: "regional_meeting", label: "Regional meeting", kind: "event", start: "2027-10-19", end: "2027-10-20", dependencies: [] }
    );
    db()
      .update(timelines)
      .set({ dataJson: JSON.stringify(timeline) })
      .where(eq(timelines.engagementId, id))
      .run();

    const seen = await page(id);
    expect(seen.data.onHolidays).toEqual({
      said: "2 key dates fall on public holidays in Kenya: Regional sign-up closes, 1 June 2027 (Madaraka Day); Regional meeting, 20 October 2027 (Mashujaa Day).",
      toDo: "Move them to a working day below, or generate the timeline again.",
    });
    // South Africa keeps neither day: nothing to say.
    const za = ministryEngagement("ZA");
    db()
      .update(timelines)
      .set({ dataJson: JSON.stringify(timeline) })
      .where(eq(timelines.engagementId, za))
      .run();
    expect((await page(za)).data.onHolidays).toBeNull();
  });
});
