import { describe, expect, it } from "vitest";
import { demoIntake, emptyIntake, type Intake } from "~/domain/intake";
import { assessReadiness as assess } from "~/domain/readiness";
import { loadTemplates } from "~/services/templates.server";

// The collaborative's criteria: tests/unit/readiness-per-method.test.ts compares the methods.
const template = loadTemplates().readiness.collaborative;
const assessReadiness = (intake: Intake) => assess(intake, template);
type ReadinessKey = string;

/** A partner that meets every criterion; each test spoils one thing. */
function readyPartner(): Intake {
  const intake = demoIntake();
  intake.capacity.dataLead = "yes";
  return intake;
}

function criterion(intake: Intake, key: ReadinessKey) {
  return assessReadiness(intake).criteria.find((c) => c.key === key)!;
}

describe("readiness verdicts", () => {
  it("is ready when every criterion is met, with no conditions", () => {
    const r = assessReadiness(readyPartner());
    expect(r.verdict).toBe("ready");
    expect(r.criteria.every((c) => c.status === "met")).toBe(true);
    expect(r.conditions).toEqual([]);
    expect(r.blockers).toEqual([]);
  });

  it("scores the collaborative's seven criteria of docs/domain.md §7, each with its reason", () => {
    const r = assessReadiness(readyPartner());
    expect(r.criteria.map((c) => c.label)).toEqual([
      "Leadership commitment",
      "A project lead at every site",
      "A team released from every site",
      "Data capability",
      "Improvement experience",
      "Willingness to share results",
      "Maturity of the change package",
    ]);
    for (const c of r.criteria) expect(c.reason.length).toBeGreaterThan(40);
  });

  it("makes Northshire ready with one condition: a data lead with enough time", () => {
    const r = assessReadiness(demoIntake());
    expect(r.verdict).toBe("ready_with_conditions");
    expect(criterion(demoIntake(), "data").status).toBe("partly");
    expect(r.conditions).toEqual(["Give a data lead enough time to collect baseline data and report monthly."]);
  });

  it.each([
    ["seniorSponsor", "no", "leadership", /No senior sponsor/],
    ["projectLeads", "no", "project_lead", /20–40% of their time/],
    ["willingToShare", "no", "sharing", /share data and results/],
  ] as const)("is not ready when %s is %s, and says why", (field, answer, key, why) => {
    const intake = readyPartner();
    intake.capacity[field] = answer;
    const r = assessReadiness(intake);
    expect(r.verdict).toBe("not_ready");
    expect(criterion(intake, key).status).toBe("not_met");
    expect(r.blockers).toHaveLength(1);
    expect(r.blockers[0]).toMatch(why);
  });

  it.each([
    ["seniorSponsor", "partly", "leadership", /senior sponsor's commitment/],
    ["projectLeads", "partly", "project_lead", /project lead at every site/],
    ["dataLead", "no", "data", /Appoint a data lead/],
    ["willingToShare", "partly", "sharing", /other participants/],
  ] as const)("is ready with conditions when %s is %s", (field, answer, key, condition) => {
    const intake = readyPartner();
    intake.capacity[field] = answer;
    const r = assessReadiness(intake);
    expect(r.verdict).toBe("ready_with_conditions");
    expect(criterion(intake, key).status).not.toBe("met");
    expect(r.conditions).toHaveLength(1);
    expect(r.conditions[0]).toMatch(condition);
  });

  it("does not count an unanswered question as met", () => {
    const intake = readyPartner();
    delete intake.capacity.seniorSponsor;
    delete intake.capacity.projectLeads;
    const r = assessReadiness(intake);
    expect(r.verdict).toBe("ready_with_conditions");
    expect(criterion(intake, "leadership")).toMatchObject({ status: "unknown", reason: expect.stringMatching(/does not count as met/) });
    expect(r.conditions).toEqual([
      "Confirm a named, committed senior sponsor.",
      "Confirm that each site has a project lead able to give 20–40% of their time.",
    ]);
  });

  it("is not ready when too little is known", () => {
    const r = assessReadiness(emptyIntake());
    expect(r.verdict).toBe("not_ready");
    expect(r.criteria.every((c) => c.status === "unknown")).toBe(true);
    expect(r.blockers).toEqual([expect.stringMatching(/^Too little is known yet: 7 of 7 readiness criteria are unanswered/)]);
  });
});

describe("readiness reasons cite their domain basis", () => {
  it("cites IHI's expectation of a project lead at 20–40% of their time", () => {
    expect(criterion(readyPartner(), "project_lead").reason).toMatch(/IHI collaboratives expect a project lead giving 20–40% of their time/);
  });

  it("cites board engagement for leadership, and all teach, all learn for sharing", () => {
    expect(criterion(readyPartner(), "leadership").reason).toMatch(/senior leadership and the board/);
    expect(criterion(readyPartner(), "sharing").reason).toMatch(/all teach, all learn/);
  });

  it("counts a named data lead without any baseline data as partly met", () => {
    const intake = readyPartner();
    for (const p of intake.needs.priorities) delete p.baselineValue;
    expect(criterion(intake, "data")).toMatchObject({ status: "partly", reason: expect.stringMatching(/0 of 3 priorities/) });
  });

  it("treats no improvement experience as a condition to build skills, not a blocker", () => {
    const intake = readyPartner();
    intake.context.improvementExperience = "none";
    const r = assessReadiness(intake);
    expect(criterion(intake, "improvement_experience").status).toBe("not_met");
    expect(r.verdict).toBe("ready_with_conditions");
    expect(r.conditions[0]).toMatch(/Model for Improvement/);
  });

  it("counts some experience with no team or learning system to build on as partly met", () => {
    const intake = readyPartner();
    intake.context.hasImprovementTeam = false;
    expect(criterion(intake, "improvement_experience").status).toBe("partly");
  });
});

describe("maturity of the change package", () => {
  it("is not met when the top priority has a low degree of belief, with a condition to develop and test it first", () => {
    const intake = readyPartner();
    intake.evidence.priorityEvidence[0] = { priority: "vap", degreeOfBelief: "low", changePackage: "partly" };
    const r = assessReadiness(intake);
    const c = criterion(intake, "change_package");
    expect(c.status).toBe("not_met");
    expect(c.reason).toMatch(/low belief or no change package for VAP/);
    expect(c.reason).toMatch(/moderate to high/);
    expect(r.verdict).toBe("ready_with_conditions");
    expect(r.conditions).toEqual([expect.stringMatching(/^Develop and test the change package for VAP/)]);
  });

  it("is partly met when a lower priority is weaker, naming it", () => {
    const intake = readyPartner();
    intake.evidence.priorityEvidence[2] = { priority: "sepsis", degreeOfBelief: "moderate", changePackage: "partly" };
    const c = criterion(intake, "change_package");
    expect(c.status).toBe("partly");
    expect(assessReadiness(intake).conditions).toEqual([expect.stringMatching(/Complete and test the change package for sepsis/)]);
  });

  it("follows the priorities when they are re-ranked", () => {
    const intake = readyPartner();
    intake.evidence.priorityEvidence[2] = { priority: "sepsis", degreeOfBelief: "low" };
    expect(criterion(intake, "change_package").status).toBe("partly");
    intake.needs.priorities.reverse();
    expect(criterion(intake, "change_package").status).toBe("not_met");
  });

  it("says each priority's belief as the intake answered it, high or moderate, never a range", () => {
    const intake = readyPartner();
    intake.evidence.priorityEvidence[2] = { priority: "sepsis", degreeOfBelief: "moderate", changePackage: "yes", brightSpots: "yes" };
    const c = criterion(intake, "change_package");
    expect(c.status).toBe("met");
    expect(c.reason).toMatch(/^A proven change package for VAP \(high belief\), CLABSI \(high belief\) and sepsis \(moderate belief\)\. /);
  });

  it("is unknown while no priority has evidence answers", () => {
    const intake = readyPartner();
    intake.evidence.priorityEvidence = [];
    expect(criterion(intake, "change_package").status).toBe("unknown");
  });
});
