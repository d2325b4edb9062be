import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { createEngagement } from "~/models/engagements.server";
import { saveIntakeSection } from "~/models/intake.server";
import { decideMethod } from "~/models/method.server";
import { agreeOverrun, regenerateTimeline } from "~/models/timeline.server";
import * as methodRoute from "~/routes/engagements.$id.method";
import { engagements } from "../../db/schema";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { liveDocxText } from "../helpers/docx-text";
import { demoEngagementId } from "../helpers/fixtures";
import { callLoader } from "../helpers/requests";

/*
 * What the partner's document says of the partner's time (docs/domain.md §2.2, §8.6): the months
 * counted in words a partner can read, a deadline the plan runs past never given as a reason the
 * method fits, and the overrun said on the first page.
 */
useTestDatabase();
pinToday("2026-12");

const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });
const MINISTRY = "Ministry of Health, Republic of Kenya";

/**
 * A national ministry of health: 400 facilities, a bold public aim by September 2028, at most 18 months
 * from April 2027 and a hard deadline of 30 September 2028; it wants improvement advisors of its own.
 * A campaign is recommended and chosen; its plan runs 28 months. Started on 20 November 2026.
 */
function ministryEngagement(): { id: number; timelineVersion: number } {
  const id = createEngagement(manager(), {
    title: "National patient safety campaign",
    partner: "new",
    orgName: MINISTRY,
    orgKind: "nation",
    orgCountry: "KE",
    orgSites: 400,
  } as never);
  db().update(engagements).set({ createdAt: "2026-11-20T09:30:00.000Z" }).where(eq(engagements.id, id)).run();
  const demo = demoIntake();
  const intake: Intake = {
    ...demo,
    context: { ...demo.context, partnerKind: "nation", geographyScope: "nation", sites: 400 },
    evidence: { ...demo.evidence, aimStyle: "bold", wantsPublicMobilisation: "yes", wantsCapabilityBuilding: "yes", aimByWhen: "2028-09" },
    scale: { expectedSites: 400, desiredStart: "2027-04", longestDurationMonths: 18, hardDeadline: "2028-09-30" },
    capacity: { ...demo.capacity, projectLeads: "no", canReleaseTeams: "no" },
  };
  let version = 0;
  for (const section of ["context", "needs", "evidence", "scale", "capacity", "budget"] as const)
    version = saveIntakeSection(manager(), id, section, intake[section] as never, version);
  decideMethod(manager(), id, { chosen: "campaign", intakeVersion: version, decisionVersion: 0 } as never, "2026-12");
  return { id, timelineVersion: regenerateTimeline(manager(), id, 0, "2026-12") };
}

/** The words of a section of the document, from its heading to the next one's. */
const section = (text: string, from: string, to: string) => text.slice(text.indexOf(`\n${from}\n`), text.indexOf(`\n${to}\n`));

describe("the partner's time in the partner's document", () => {
  it("counts Northshire's 18 months from its start in a sentence that reads as one", async () => {
    const text = await liveDocxText(manager(), demoEngagementId());
    expect(text).toContain(
      "The 18 months count from the start in March 2027 to the end of all the work: a collaborative's planning and final report take 5 of them, leaving 13 for the collaborative from prework to the summative congress (its whole plan needs at least 11 months)."
    );
    expect(text).not.toContain("Counted as the longest duration is");
  });

  it("says on the first page that a ministry's campaign runs past its 18 months and its hard deadline, and never gives the deadline as a reason the campaign fits", async () => {
    const { id } = ministryEngagement();
    const { recommendation } = (
      await callLoader(methodRoute.loader as never, { path: `/engagements/${id}/method`, params: { id: String(id) }, as: "manager@demo.test" })
    ).data.view;
    expect(recommendation.recommended).toBe("campaign");
    const text = await liveDocxText(manager(), id);
    const summary = section(text, "Executive summary", "Context and needs");
    const overrun = `The plan runs past ${MINISTRY}'s time: it runs 10 months over their longest duration of 18 months (28 months in all, planning included) and “Deadline event with results” falls on 1 February 2029, 4 months after the hard deadline (30 September 2028).`;
    expect(summary).toContain("runs for 28 months.");
    expect(summary).toContain(`${overrun} Both parties agree to this, or the plan changes, before the proposal is agreed.`);
    const approach = section(text, "Approach and rationale", "Theory of change");
    const fits = approach.slice(approach.indexOf("Why this method fits:"), approach.indexOf("The alternatives we considered"));
    expect(fits).toContain("A campaign is built on public, voluntary enrolment.");
    expect(fits).not.toMatch(/hard deadline|30 September 2028|A campaign is built around a bold aim with a fixed, public deadline/);
  });

  it("answers the ministry's wish for improvement advisors of its own among the risks as the capability section does, with what we propose", async () => {
    const { id } = ministryEngagement();
    const text = await liveDocxText(manager(), id);
    const capability = section(text, "Capability building and sustainability", "Budget");
    expect(capability).toContain(
      `${MINISTRY} wants to build its own improvement capability: a cadre of improvement advisors and coaches. Training them is not yet part of this plan or its fee: we propose adding a capability-building stream to it, alongside the campaign.`
    );
    const risks = section(text, "Assumptions and risks", "Next steps and approval");
    expect(risks).toContain(
      `A campaign alone builds little improvement capability, and ${MINISTRY} wants improvement advisors and coaches of its own: we propose training them in a capability-building stream alongside the campaign, as the section on capability building says.`
    );
    expect(risks).not.toMatch(/ if [^.]* wants|add a capability-building stream/);
  });

  it("says on the first page when the ministry agreed to the overrun", async () => {
    const { id, timelineVersion } = ministryEngagement();
    agreeOverrun(manager(), id, timelineVersion, { how: "Permanent Secretary, by letter", agreedOn: "2026-12-01" }, "2026-12", "2026-12-03");
    const summary = section(await liveDocxText(manager(), id), "Executive summary", "Context and needs");
    expect(summary).toMatch(/months after the hard deadline \(30 September 2028\)\. Ministry of Health, Republic of Kenya agreed to this on 1 December 2026\./);
    expect(summary).not.toContain("Both parties agree to this");
  });
});
