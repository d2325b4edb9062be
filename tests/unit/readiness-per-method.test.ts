import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoIntake, emptyIntake, type Intake } from "~/domain/intake";
import { FIELD_LABELS } from "~/domain/intake-labels";
import { parseIntakeSection } from "~/domain/intake-schema";
import { METHODS, type Method } from "~/domain/methods";
import { assessReadiness, READINESS_READERS, ReadinessTemplateSchema } from "~/domain/readiness";
import { loadTemplates, parseTemplate, TemplateError } from "~/services/templates.server";

/*
 * Readiness depends on the method considered: its criteria and their wording are data, one file per
 * method in docs-templates/readiness/ (docs/domain.md §7).
 */

const templates = loadTemplates().readiness;
const short = loadTemplates().readinessVariants.short_tailored!;
const readiness = (intake: Intake, method: Method) => assessReadiness(intake, templates[method]);
const caseIntake = (name: string) => JSON.parse(fs.readFileSync(path.join(process.cwd(), "tests", "cases", `${name}.json`), "utf8")).bundle.intake as Intake;

/** A national association ready for a campaign: every campaign answer given. */
function campaignReady(): Intake {
  const intake = caseIntake("100000-lives-campaign");
  Object.assign(intake.capacity, {
    seniorSponsor: "yes",
    willingToShare: "yes",
    enrolmentChannel: "yes",
    nodePartners: "yes",
    dataPlatform: "yes",
    mentorSites: "yes",
  });
  return intake;
}

describe("readiness reads differently for each method", () => {
  it("judges a campaign on its enrolment channel, node partners, data platform and mentor sites; a collaborative on a project lead and a team released per site; a tailored initiative on its sponsor, governance and capability plan", () => {
    const keys = (m: Method) => readiness(demoIntake(), m).criteria.map((c) => c.key);
    expect(keys("campaign")).toEqual(expect.arrayContaining(["enrolment_channel", "node_partners", "data_platform", "mentor_sites"]));
    expect(keys("campaign")).not.toEqual(expect.arrayContaining(["project_lead"]));
    expect(keys("collaborative")).toEqual(expect.arrayContaining(["project_lead", "team_release"]));
    expect(keys("collaborative")).not.toContain("enrolment_channel");
    expect(keys("tailored")).toEqual(expect.arrayContaining(["sponsor", "governance", "capability_plan"]));
    for (const m of METHODS) expect(readiness(demoIntake(), m).method).toBe(m);
  });

  it("never asks a campaign for what a collaborative needs (project leads at 20–40%, coaching between learning sessions)", () => {
    for (const intake of [caseIntake("100000-lives-campaign"), caseIntake("5-million-lives-campaign"), emptyIntake(), demoIntake()]) {
      const r = readiness(intake, "campaign");
      const words = [...r.conditions, ...r.blockers, ...r.criteria.map((c) => c.reason)].join(" ");
      expect(words).not.toMatch(/20–40%|learning session|project lead/i);
    }
    // The collaborative does ask for them.
    const collaborative = readiness(caseIntake("100000-lives-campaign"), "collaborative");
    expect(collaborative.conditions.join(" ")).toMatch(/project lead at every site, able to give 20–40%.*learning sessions/);
  });

  it("gives the same partner different verdicts for a campaign and a collaborative", () => {
    const intake = campaignReady();
    expect(readiness(intake, "campaign")).toMatchObject({ verdict: "ready", conditions: [], blockers: [] });
    // The 100,000 Lives hospitals could not all give project leads time or release teams.
    expect(readiness(intake, "collaborative")).toMatchObject({
      verdict: "ready_with_conditions",
      conditions: expect.arrayContaining([expect.stringMatching(/^Name a project lead at every site/), expect.stringMatching(/^Plan the learning sessions/)]),
    });
  });

  it("makes a campaign without an enrolment channel not ready, and one that reaches only some institutions ready with a condition", () => {
    const none = campaignReady();
    none.capacity.enrolmentChannel = "no";
    expect(readiness(none, "campaign")).toMatchObject({ verdict: "not_ready", blockers: [expect.stringMatching(/^No channel to enrol institutions/)] });
    const some = campaignReady();
    some.capacity.enrolmentChannel = "partly";
    some.capacity.mentorSites = "no";
    const r = readiness(some, "campaign");
    expect(r.verdict).toBe("ready_with_conditions");
    expect(r.conditions).toEqual([
      expect.stringMatching(/^Find allies \(associations, networks, the ministry\)/),
      expect.stringMatching(/^Find sites with results to act as mentors/),
    ]);
  });

  it("makes a tailored initiative without governance not ready, and treats an untested change package as the plan, not a failure", () => {
    const intake = caseIntake("scottish-patient-safety-programme");
    intake.capacity.governance = "no";
    expect(readiness(intake, "tailored").blockers).toEqual(expect.arrayContaining([expect.stringMatching(/^No governance to steer the initiative/)]));
    const immature = demoIntake();
    immature.evidence.priorityEvidence[0] = { priority: "vap", degreeOfBelief: "low", changePackage: "no" };
    const tailored = readiness(immature, "tailored").criteria.find((c) => c.key === "change_package")!;
    const collaborative = readiness(immature, "collaborative").criteria.find((c) => c.key === "change_package")!;
    expect(tailored.status).toBe("partly");
    expect(collaborative.status).toBe("not_met");
    expect(readiness(immature, "tailored").conditions).toContain(
      "Plan a scalable-unit phase: develop and test the change package for VAP in a few pilot sites before scale-up."
    );
  });

  it("never tells a tailored initiative that ready priorities can spread in waves when none is ready", () => {
    const intake = demoIntake();
    // Every priority answered with a partial change package: none ready, none without one.
    intake.evidence.priorityEvidence = intake.needs.priorities.map((p) => ({
      priority: p.topic,
      degreeOfBelief: "moderate" as const,
      changePackage: "partly" as const,
    }));
    const tailored = readiness(intake, "tailored");
    const criterion = tailored.criteria.find((c) => c.key === "change_package")!;
    expect(criterion.reason).not.toMatch(/ready priorities/);
    expect(criterion.reason).toMatch(/None of them is ready to spread in waves yet\./);
    expect(criterion.status).toBe("partly");
    expect(tailored.conditions).toContain(
      "Plan a scalable-unit phase: complete and test the change package for VAP, CLABSI and sepsis in a few pilot sites before scale-up."
    );
  });

  it("asks a campaign for a very high degree of belief where a collaborative is content with a moderate one", () => {
    const intake = demoIntake();
    intake.evidence.priorityEvidence[2] = { priority: "sepsis", degreeOfBelief: "moderate", changePackage: "yes", brightSpots: "yes" };
    expect(readiness(intake, "collaborative").criteria.find((c) => c.key === "change_package")!.status).toBe("met");
    const campaign = readiness(intake, "campaign");
    expect(campaign.criteria.find((c) => c.key === "change_package")!.status).toBe("partly");
    expect(campaign.conditions).toContain(
      "Confirm a very high degree of belief, with sites already doing much better, for sepsis before it becomes a campaign intervention."
    );
  });

  it("cites for every criterion the sources of docs/domain.md §12 it rests on, or marks it an assumption", () => {
    for (const m of METHODS)
      for (const c of readiness(demoIntake(), m).criteria) {
        expect(c.assumption || c.sources.length > 0, `${m}: ${c.key}`).toBe(true);
        expect(c.reason.length, `${m}: ${c.key}`).toBeGreaterThan(40);
      }
  });
});

describe("a short tailored engagement's readiness (docs/domain.md §2.5, §7)", () => {
  /** Ashford Valley, as the demo has it: one hospital, a committed sponsor, a project lead, a part-time data lead. */
  const oneSite = () => {
    const intake = demoIntake();
    Object.assign(intake.capacity, { seniorSponsor: "yes", projectLeads: "yes", dataLead: "partly", canReleaseTeams: "yes", willingToShare: "partly" });
    Object.assign(intake.context, { improvementExperience: "some", hasImprovementTeam: false, hasLearningSystem: false });
    return intake;
  };

  it("judges what a short engagement asks of its own sites, not what a programme across a system needs", () => {
    const r = assessReadiness(oneSite(), short);
    expect(r).toMatchObject({ method: "tailored", variant: "short_tailored" });
    expect(r.criteria.map((c) => [c.label, c.status])).toEqual([
      ["A senior sponsor", "met"],
      ["A project lead for the work", "met"],
      ["Data to follow the aim", "partly"],
      ["Improvement experience to build on", "met"],
      ["Sharing the measures with us", "met"],
      ["Changes to test", "met"],
    ]);
    expect(r.conditions).toEqual(["Give a data lead the time to report the aim's measures each month."]);
    // The full initiative's readiness, for the same partner, asks for what only a system-wide programme needs.
    const full = assessReadiness(oneSite(), templates.tailored);
    expect(full.criteria.map((c) => c.key)).toEqual(expect.arrayContaining(["governance", "capability_plan"]));
    expect(full.variant).toBeUndefined();
  });

  it("never speaks of a system, pilot sites, scale-up or years, in any answer's words", () => {
    const words = short.criteria.flatMap((c) => [c.label, c.basis, ...Object.values(c.answers).flatMap((a) => [a.reason, a.condition ?? "", a.blocker ?? ""])]);
    expect(words.join("\n")).not.toMatch(/system|pilot|scale-up|spread|waves?\b|several years|capability stream|learning session/i);
  });

  it("reads only questions the intake asks, and the sponsor alone stops the work when missing", () => {
    const none = oneSite();
    Object.assign(none.capacity, { seniorSponsor: "no", projectLeads: "no", dataLead: "no", willingToShare: "no" });
    const r = assessReadiness(none, short);
    expect(r.verdict).toBe("not_ready");
    expect(r.blockers).toEqual(["No senior sponsor: the engagement is steered each month by a senior leader of the organisation's own, who agrees its aim."]);
    expect(r.conditions).toEqual([
      "Name a project lead with the time to lead the work day to day before the testing starts.",
      "Name a data lead to report the aim's measures each month.",
      "Agree which measures and results are shared with us: the coaching and the review rest on them.",
    ]);
    for (const c of short.criteria) expect(Object.keys(READINESS_READERS)).toContain(c.reads);
    expect(short.criteria.map((c) => c.reads)).not.toEqual(expect.arrayContaining(["governance"]));
  });
});

describe("the intake asks what each method's readiness needs", () => {
  it("has labelled questions for a campaign's and a tailored initiative's criteria, in the capacity section", () => {
    const fields = ["enrolmentChannel", "nodePartners", "dataPlatform", "mentorSites", "governance", "capabilityPlan"] as const;
    const parsed = parseIntakeSection(
      "capacity",
      fields.map((f) => [f, "partly"] as const)
    );
    expect(parsed).toEqual({ ok: true, data: Object.fromEntries(fields.map((f) => [f, "partly"])) });
    for (const f of fields) expect(FIELD_LABELS[f].length).toBeGreaterThan(10);
    // Every reader of the templates reads an answer the intake can hold.
    expect(Object.keys(READINESS_READERS)).toEqual(expect.arrayContaining([...fields]));
  });

  it("refuses an answer that is not one of the choices, next to the field, keeping what was typed", () => {
    const parsed = parseIntakeSection("capacity", [
      ["governance", "sort of"],
      ["enrolmentChannel", "yes"],
    ]);
    expect(parsed).toEqual({
      ok: false,
      errors: { governance: "Governance: choose yes, partly or no." },
      values: { governance: "sort of", enrolmentChannel: "yes" },
    });
  });
});

describe("the readiness templates are checked when they load", () => {
  const file = "docs-templates/readiness/campaign.json";
  const text = fs.readFileSync(path.join(process.cwd(), file), "utf8");
  const refusal = (edit: (t: { criteria: Record<string, unknown>[] }) => void) => {
    const t = JSON.parse(text);
    edit(t);
    try {
      parseTemplate(file, JSON.stringify(t), ReadinessTemplateSchema);
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      return (e as TemplateError).problems;
    }
    throw new Error("the template was accepted");
  };

  it("ships one valid file per method", () => {
    for (const m of METHODS) expect(templates[m].method).toBe(m);
  });

  it("refuses wording missing for an answer, naming the path", () => {
    expect(refusal((t) => delete (t.criteria[1]!.answers as Record<string, unknown>).partly)).toEqual([
      'criteria[1].answers.partly: Wording is needed for the answer "partly".',
    ]);
  });

  it("refuses a placeholder the criterion cannot fill, a blocker on a criterion that is not essential, and an unsourced criterion not marked an assumption", () => {
    expect(
      refusal((t) => {
        (t.criteria[2]!.answers as Record<string, { reason: string }>).yes.reason = "Nodes in {region}.";
        (t.criteria[3]!.answers as Record<string, Record<string, string>>).no.blocker = "No platform.";
        t.criteria[4]!.sources = [];
      })
    ).toEqual([
      'criteria[2].answers.yes.reason: {region} is not something "nodePartners" can say (it has none).',
      "criteria[3].answers.no.blocker: Only an essential criterion that is not met has a blocker.",
      "criteria[4].sources: A criterion that is not an assumption names its sources.",
    ]);
  });
});

describe("the conditions and blockers, which the partner's document lists in its risks section", () => {
  it("are things to do or settle together, worded for the partner as for us: none speaks of “the partner” or is a question for our staff to ask", () => {
    const texts = [...METHODS.map((m) => templates[m]), short].flatMap((t) =>
      t.criteria.flatMap((c) => Object.values(c.answers).flatMap((a) => [a.condition, a.blocker].filter((t): t is string => Boolean(t))))
    );
    expect(texts.length).toBeGreaterThan(40);
    for (const text of texts) {
      expect(text).not.toMatch(/\bthe partner\b/i);
      expect(text).not.toMatch(/^Ask\b/);
    }
  });
});

describe("a tailored initiative's readiness for a partner of one site", () => {
  it("is worded for the organisation's wards and units where the partner is one site, and for its sites where it has several", () => {
    const sharing = (sites: number | undefined, partnerSites?: number) => {
      const intake = demoIntake();
      intake.context.sites = sites;
      intake.capacity.willingToShare = "partly";
      return assessReadiness(intake, templates.tailored, partnerSites).criteria.find((c) => c.key === "sharing")!;
    };
    expect(sharing(1).label).toBe("Sharing results across the organisation");
    expect(sharing(1).needs).toBe("Agree that results are shared across all the wards and units taking part, so that they learn from each other.");
    // The record's sites count where the intake does not say.
    expect(sharing(undefined, 1).label).toBe("Sharing results across the organisation");
    expect(sharing(14).label).toBe("Sharing results across the system");
    expect(sharing(14).needs).toBe("Agree that results are shared across all the sites taking part, so that they learn from each other.");
  });

  it("refuses a one-site wording for a sentence no criterion says, which would never be said", () => {
    const file = { ...templates.tailored, oneSite: { "Sharing results across the systems": "Sharing results across the organisation" } };
    const parsed = ReadinessTemplateSchema.safeParse(file);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["oneSite", "Sharing results across the systems"],
      message: "No criterion says this, word for word.",
    });
  });
});
