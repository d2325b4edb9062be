import { describe, expect, it } from "vitest";
import { demoIntake, emptyIntake, type DegreeOfBelief, type Intake, type PriorityTopicKey } from "~/domain/intake";
import { compositionOf, recommendMethod as recommend, type RecommendationCriterion, type RecommendOptions } from "~/domain/method-recommendation";
import { loadTemplates } from "~/services/templates.server";
import type { Method } from "~/domain/methods";

const weights = loadTemplates().methodWeights;
const recommendMethod = (i: Intake, options: RecommendOptions = {}) => recommend(i, weights, options);

type Answers = { [K in keyof Intake]?: Partial<Intake[K]> };

function intake(answers: Answers): Intake {
  const base = emptyIntake();
  return {
    context: { ...base.context, ...answers.context },
    needs: { ...base.needs, ...answers.needs },
    evidence: { ...base.evidence, ...answers.evidence },
    scale: { ...base.scale, ...answers.scale },
    capacity: { ...base.capacity, ...answers.capacity },
    budget: { ...base.budget, ...answers.budget },
  };
}

function priorities(belief: DegreeOfBelief, ...topics: PriorityTopicKey[]): Answers {
  return {
    needs: { priorities: topics.map((topic) => ({ topic })) },
    evidence: {
      priorityEvidence: topics.map((priority) => ({
        priority,
        degreeOfBelief: belief,
        changePackage: belief === "low" ? "no" : "yes",
        brightSpots: belief === "low" ? "unsure" : "yes",
      })),
    },
  };
}

function merge(...parts: Answers[]): Intake {
  const answers: Answers = {};
  for (const part of parts) for (const key of Object.keys(part) as (keyof Intake)[]) Object.assign((answers[key] ??= {}), part[key]);
  return intake(answers);
}

// The typical case of each method (docs/domain.md §2.1).
const healthSystem25 = merge(priorities("high", "vap"), {
  context: { partnerKind: "health_system", geographyScope: "system", sites: 25 },
  evidence: { aimStyle: "team", breadth: "focused" },
  scale: { expectedSites: 25, desiredStart: "2027-01", longestDurationMonths: 12 },
  capacity: { seniorSponsor: "yes", projectLeads: "yes", canReleaseTeams: "yes" },
});

const nationalAssociation400 = merge(priorities("high", "vap", "clabsi"), {
  context: { partnerKind: "association", geographyScope: "nation", sites: 420 },
  evidence: { aimStyle: "bold", breadth: "several", wantsPublicMobilisation: "yes", wantsCapabilityBuilding: "no" },
  scale: { expectedSites: 400, desiredStart: "2027-01", longestDurationMonths: 20, hardDeadline: "2028-08-31" },
  capacity: { seniorSponsor: "yes", projectLeads: "no", canReleaseTeams: "no" },
});

const ministryOfHealth = merge(
  {
    needs: { priorities: [{ topic: "sepsis" }, { topic: "falls" }, { topic: "vap" }] },
    evidence: {
      priorityEvidence: [
        { priority: "sepsis", degreeOfBelief: "low", changePackage: "partly" },
        { priority: "falls", degreeOfBelief: "moderate", changePackage: "partly" },
        { priority: "vap", degreeOfBelief: "high", changePackage: "yes", brightSpots: "yes" },
      ],
      aimStyle: "system",
      breadth: "several",
      wantsCapabilityBuilding: "yes",
    },
  },
  {
    context: { partnerKind: "nation", geographyScope: "nation", sites: 140, population: 9_000_000 },
    scale: { expectedSites: 140, desiredStart: "2027-04", longestDurationMonths: 60 },
    capacity: { seniorSponsor: "yes", projectLeads: "partly", canReleaseTeams: "partly" },
  }
);

const with8Teams = merge(healthSystem25, { scale: { expectedSites: 8 } });
const lowBelief = merge(healthSystem25, priorities("low", "vap"));
const moderateBelief = merge(healthSystem25, priorities("moderate", "vap"));

function scoreOf(i: Intake, method: Method, options: RecommendOptions = {}) {
  return recommendMethod(i, options).ranked.find((r) => r.method === method)!.score;
}

function contribution(i: Intake, method: Method, criterion: RecommendationCriterion, options: RecommendOptions = {}) {
  return recommendMethod(i, options)
    .ranked.find((r) => r.method === method)!
    .contributions.find((c) => c.criterion === criterion)!;
}

describe("which method each intake gets", () => {
  it.each([
    { name: "a health system, 25 hospitals, high belief, 12 months", intake: healthSystem25, options: {}, method: "collaborative" },
    {
      name: "a national association, public mobilisation of 400 hospitals, mature package, 20 months",
      intake: nationalAssociation400,
      options: {},
      method: "campaign",
    },
    {
      name: "a ministry of health, whole nation, mixed evidence, 5 years, capability building",
      intake: ministryOfHealth,
      options: {},
      method: "tailored",
    },
    { name: "Northshire (the demo)", intake: demoIntake(), options: {}, method: "collaborative" },
    { name: "only 8 teams: a small request, recommended the tailored method's short engagement", intake: with8Teams, options: {}, method: "tailored" },
    { name: "moderate belief: still a collaborative", intake: moderateBelief, options: {}, method: "collaborative" },
    { name: "low degree of belief: develop and test the package first", intake: lowBelief, options: {}, method: "tailored" },
    {
      name: "the 400 hospitals with an untested change package",
      intake: merge(nationalAssociation400, priorities("low", "vap", "clabsi")),
      options: {},
      method: "tailored",
    },
  ])("$name → $method", ({ intake: i, options, method }) => {
    expect(recommendMethod(i, options).recommended).toBe(method);
  });
});

describe("fewer than 12 teams", () => {
  it("ranks a collaborative first on the points, but recommends no collaborative of its own", () => {
    // A small request (12 months): recommended its offer, beside the three as each would be planned in full.
    const r = recommendMethod(with8Teams);
    expect(r.ranked[0].method).toBe("collaborative");
    expect(r.recommended).toBe("tailored");
    expect(r.fewTeams).toMatchObject({ teams: 8, small: true });
    expect(r.composition.join(" ")).not.toMatch(/collaborative/);
  });

  it("given a programme's time, lists the tailored initiative it is recommended first, and says why a collaborative scoring more comes after it", () => {
    const r = recommendMethod(merge(with8Teams, { scale: { longestDurationMonths: 24 } }));
    const collaborative = r.ranked.find((m) => m.method === "collaborative")!;
    const tailored = r.ranked.find((m) => m.method === "tailored")!;
    expect(collaborative.score).toBeGreaterThan(tailored.score);
    expect(r.recommended).toBe("tailored");
    expect(r.fewTeams).toMatchObject({ teams: 8, small: false });
    // The list a manager reads, and the Fit page's "ranked 1 of 3", begin with what is recommended.
    expect(r.ranked.map((m) => m.method)).toEqual(["tailored", "collaborative", "campaign"]);
    expect(tailored.rankedByTime).toBeNull();
    expect(collaborative.rankedByTime).toBe(
      `Ranked after a tailored initiative (${tailored.score}/100), which scores lower, because 8 teams or sites are fewer than the 12 a collaborative of its own needs: given a programme's time, such a request is recommended a tailored initiative of its own, whatever the scores.`
    );
  });
});

describe("scores and their reasons", () => {
  it("scores every method 0–100 in whole numbers, best first", () => {
    for (const i of [healthSystem25, nationalAssociation400, ministryOfHealth, lowBelief, emptyIntake()]) {
      const { ranked, recommended } = recommendMethod(i);
      expect(ranked.map((r) => r.method).sort()).toEqual(["campaign", "collaborative", "tailored"]);
      expect(ranked[0].method).toBe(recommended);
      for (const r of ranked) expect(Number.isInteger(r.score) && r.score >= 0 && r.score <= 100).toBe(true);
      expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
    }
  });

  it("is deterministic and breaks ties in the order collaborative, campaign, tailored", () => {
    expect(recommendMethod(healthSystem25)).toEqual(recommendMethod(healthSystem25));
    const blank = recommendMethod(emptyIntake());
    expect(blank.ranked.map((r) => [r.method, r.score])).toEqual([
      ["collaborative", 50],
      ["campaign", 50],
      ["tailored", 50],
    ]);
    expect(blank.whatWouldChange[0]).toMatch(/score the same/);
    expect(blank.unanswered).toHaveLength(10);
  });

  it("names the deciding criteria for a collaborative: evidence and number of sites, in the partner's terms", () => {
    const collaborative = recommendMethod(healthSystem25).ranked[0];
    const top = [...collaborative.contributions].sort((a, b) => b.points - a.points).slice(0, 2);
    expect(top.map((c) => c.criterion)).toEqual(["evidence", "sites"]);
    expect(top[0]).toMatchObject({ direction: "for", label: "Evidence and degree of belief" });
    expect(top[0].reason).toMatch(/VAP: high degree of belief, a proven change package/);
    expect(top[1].reason).toMatch(/^25 sites or teams are expected to take part\. A collaborative brings together 12 to 160 teams\./);
  });

  it("says of ten teams, counted for a collaborative, that it runs below the dozen it usually brings together, never that it brings 12 to 160", () => {
    const ten = merge(healthSystem25, { context: { sites: 10 }, scale: { expectedSites: 10 } });
    const sites = contribution(ten, "collaborative", "sites");
    expect(sites.direction).toBe("for");
    expect(sites.reason).toBe(
      "10 sites or teams are expected to take part. A collaborative can run with fewer than the dozen teams it usually brings together, though its teams then have fewer others to learn from."
    );
  });

  it("says beside the hard deadline an aim due before it, which is the date the plan is judged by", () => {
    const early = merge(
      healthSystem25,
      { scale: { desiredStart: "2027-03", hardDeadline: "2028-09-30", longestDurationMonths: 18 } },
      { evidence: { aimByWhen: "2028-06" } }
    );
    const duration = contribution(early, "collaborative", "duration");
    expect(duration.reason).toContain("aim is to be met by June 2028, 16 months after the desired start, before the hard deadline.");
    // An aim due after the hard deadline adds nothing: the deadline comes first.
    const late = merge(
      healthSystem25,
      { scale: { desiredStart: "2027-03", hardDeadline: "2028-09-30", longestDurationMonths: 18 } },
      { evidence: { aimByWhen: "2028-12" } }
    );
    expect(contribution(late, "collaborative", "duration").reason).not.toContain("aim is to be met");
  });

  it("gives reasons against as well as for", () => {
    const sites = contribution(healthSystem25, "campaign", "sites");
    expect(sites).toMatchObject({ direction: "against", label: "Number of sites" });
    expect(sites.points).toBeLessThan(0);
    expect(sites.reason).toMatch(/25 sites .* hundreds to thousands of hospitals/);
    expect(contribution(healthSystem25, "tailored", "duration")).toMatchObject({
      direction: "against",
      reason: expect.stringMatching(/at most 12 months\. A tailored initiative runs several years/),
    });
  });

  it("gives each reason for a method in words that argue for it: a campaign's several workstreams are its platform's interventions, not a small platform", () => {
    const several = contribution(nationalAssociation400, "campaign", "breadth");
    expect(several).toMatchObject({ direction: "for", label: "Breadth" });
    expect(several.reason).toBe(
      "The work spans several workstreams. A campaign's platform holds several interventions side by side, each simple: six in the 100,000 Lives Campaign, twelve in the 5 Million Lives Campaign."
    );
    // One focused topic is a small platform's, and the criterion's own rule says so.
    const focused = contribution(merge(priorities("high", "vap"), { evidence: { breadth: "focused" } }), "campaign", "breadth");
    expect(focused).toMatchObject({ direction: "for", reason: "The work is on one focused topic. A campaign offers a small platform of a few interventions." });
    // A few sites are where a tailored initiative starts, not a whole system or country.
    const fewSites = contribution(merge({ context: { sites: 6 }, scale: { expectedSites: 6 } }), "tailored", "sites");
    expect(fewSites).toMatchObject({ direction: "for" });
    expect(fewSites.reason).toBe(
      "6 sites or teams are expected to take part. A tailored initiative can start on a few sites: a diagnostic and a scalable unit come before any spread."
    );
    const noPublic = contribution(merge({ evidence: { wantsPublicMobilisation: "no" } }), "tailored", "mobilisation");
    expect(noPublic).toMatchObject({ direction: "for" });
    expect(noPublic.reason).toMatch(/A tailored initiative needs no public mobilisation: it adds campaign elements only when they are wanted\.$/);
  });

  it("gives a method's duration as its timeline counts it, the months between the same two points, so that the time advice's figures agree with it", () => {
    // The time advice says "a collaborative needs at least 11 months in all, of which at least 6 run from “Prework…” to “Summative congress”".
    const collaborative = contribution(healthSystem25, "collaborative", "duration").reason;
    expect(collaborative).toMatch(/A collaborative runs 6 to 15 months from prework to the summative congress, after months of planning\.$/);
    const campaign = contribution(nationalAssociation400, "campaign", "duration").reason;
    expect(campaign).toMatch(/A campaign runs 18 to 24 months from its launch to a fixed deadline, after months of design\.$/);
    const timelines = loadTemplates().timelines;
    for (const [method, text] of [
      ["collaborative", collaborative],
      ["campaign", campaign],
    ] as const) {
      const range = timelines[method].durationRange;
      expect(text, method).toContain(`${range.minMonths} to ${range.maxMonths} months`);
    }
  });

  it("never counts the same time both ways: a five-year horizon for a tailored initiative is not undone by a start that is soon", () => {
    // A national programme of five years, starting in three months, without a deadline nearer than its aim.
    const soon = merge(ministryOfHealth, { scale: { desiredStart: "2026-09", longestDurationMonths: 60 }, evidence: { aimByWhen: "2031-08" } });
    const options = { today: "2026-06" };
    expect(contribution(soon, "tailored", "duration", options)).toMatchObject({ direction: "for" });
    const urgency = contribution(soon, "tailored", "urgency", options);
    expect(urgency.direction).not.toBe("against");
    expect(urgency.reason).not.toMatch(/builds up slowly/);
    // Across starts, deadlines and horizons: a method the duration counts for is never counted against on urgency.
    for (const desiredStart of ["2026-07", "2027-06", undefined])
      for (const hardDeadline of [undefined, "2027-12-31", "2031-06-30"])
        for (const longestDurationMonths of [12, 20, 60]) {
          const i = merge(ministryOfHealth, { scale: { desiredStart, hardDeadline, longestDurationMonths } });
          for (const method of ["collaborative", "campaign", "tailored"] as const) {
            const duration = contribution(i, method, "duration", options);
            if (duration.direction === "for")
              expect(contribution(i, method, "urgency", options).direction, `${method}, ${desiredStart}, ${hardDeadline}, ${longestDurationMonths}`).not.toBe(
                "against"
              );
          }
        }
  });

  it("counts a hard deadline from now while no start is given, in the horizon as in the urgency", () => {
    const noStart = merge(ministryOfHealth, { scale: { desiredStart: undefined, hardDeadline: "2027-12-31", longestDurationMonths: 60 } });
    const duration = contribution(noStart, "tailored", "duration", { today: "2026-06" });
    expect(duration.reason).toMatch(/The hard deadline, 31 December 2027, is 19 months from now\./);
    expect(duration.direction).toBe("against");
  });

  it("names mobilisation, sites and the deadline for a campaign", () => {
    const campaign = recommendMethod(nationalAssociation400).ranked[0];
    const forCampaign = campaign.contributions.filter((c) => c.direction === "for").map((c) => c.criterion);
    expect(forCampaign).toEqual(expect.arrayContaining(["evidence", "sites", "duration", "mobilisation", "aim_style", "partner_type"]));
    expect(contribution(nationalAssociation400, "campaign", "sites").reason).toMatch(/^400 sites/);
    expect(contribution(nationalAssociation400, "campaign", "duration").reason).toMatch(
      /hard deadline, 31 August 2028, comes 20 months after the desired start\./
    );
  });

  it("names evidence, duration and capability building for a tailored initiative", () => {
    const tailored = recommendMethod(ministryOfHealth).ranked[0];
    const top = [...tailored.contributions].sort((a, b) => b.points - a.points).slice(0, 3);
    expect(top.map((c) => c.criterion)).toEqual(["evidence", "duration", "capability"]);
    expect(top[0].reason).toMatch(/^Sepsis: low degree of belief, a change package still being developed; falls: moderate/);
    expect(top[1].reason).toMatch(/at most 60 months\. A tailored initiative runs several years/);
    expect(top[2].reason).toMatch(/build its own improvement capability/);
    expect(tailored.contributions.filter((c) => c.direction === "against")).toEqual([]);
  });

  it("says when a criterion is not answered yet and gives it no points", () => {
    const c = contribution(healthSystem25, "tailored", "capability");
    expect(c).toMatchObject({ points: 0, direction: "neutral" });
    expect(c.reason).toMatch(/^Not answered yet/);
    expect(recommendMethod(healthSystem25).unanswered).toEqual(["Urgency and deadline", "Building improvement capability", "Public mobilisation"]);
  });
});

describe("caveats", () => {
  it("warns that 8 teams is far fewer than a dozen", () => {
    const collaborative = recommendMethod(with8Teams).ranked.find((r) => r.method === "collaborative")!;
    expect(collaborative.caveats).toEqual([expect.stringMatching(/^8 teams is far fewer than the dozen a collaborative usually needs/)]);
  });

  it("does not tell a site joining an open collaborative to find more teams: the collaborative it joins has them", () => {
    const joining = recommendMethod(with8Teams, { joining: { title: "Sepsis Early Recognition Collaborative" } }).ranked.find(
      (r) => r.method === "collaborative"
    )!;
    expect(joining.caveats).toEqual([]);
    // Its other caveats still stand: a site that cannot release a team is told so either way.
    const cannotRelease = merge(with8Teams, { capacity: { canReleaseTeams: "partly" } });
    expect(
      recommendMethod(cannotRelease, { joining: { title: "Sepsis Early Recognition Collaborative" } }).ranked.find((r) => r.method === "collaborative")!.caveats
    ).toEqual([expect.stringMatching(/^Not every site can release a team/)]);
  });

  it("with a low degree of belief, the collaborative loses and its caveat says to develop and test the package first", () => {
    const collaborative = recommendMethod(lowBelief).ranked.find((r) => r.method === "collaborative")!;
    expect(collaborative.score).toBeLessThan(scoreOf(healthSystem25, "collaborative") - 30);
    expect(contribution(lowBelief, "collaborative", "evidence")).toMatchObject({ direction: "against", points: -25 });
    expect(collaborative.caveats).toEqual([expect.stringMatching(/VAP: develop and test the change package first/)]);
  });

  it("warns a campaign that its interventions are not proven and it has no deadline", () => {
    const campaign = recommendMethod(ministryOfHealth).ranked.find((r) => r.method === "campaign")!;
    expect(campaign.caveats).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/very high degree of belief; sepsis and falls are not there yet/),
        expect.stringMatching(/fixed, public deadline; none is set yet/),
      ])
    );
  });

  it("says what to do about each caveat of a campaign too small and too short, rather than only grade the partner", () => {
    const small = merge(healthSystem25, { scale: { longestDurationMonths: 12 } });
    const campaign = recommendMethod(small).ranked.find((r) => r.method === "campaign")!;
    expect(campaign.caveats).toEqual(
      expect.arrayContaining([
        "A campaign draws its force from hundreds of institutions joining in public; with 25 sites, open it to other organisations and name mentor sites so that it reaches that scale.",
        "IHI campaigns ran 18 to 24 months to a fixed deadline; in 12 months, keep to fewer interventions and a deadline the sites can meet.",
      ])
    );
    // Too few sites for a campaign to open up: another method is named instead.
    const six = recommendMethod(merge(small, { scale: { expectedSites: 6 } })).ranked.find((r) => r.method === "campaign")!;
    expect(six.caveats).toContain(
      "A campaign draws its force from hundreds of institutions joining in public; 6 sites cannot give it that: a collaborative or a tailored initiative fits better, unless many other organisations join."
    );
    // A deadline and a sponsor: what to secure, and how far the aim already goes.
    const aimed = merge(small, { evidence: { aimByWhen: "2029-01" }, capacity: { seniorSponsor: "partly" } });
    const ranked = recommendMethod(aimed).ranked;
    expect(ranked.find((r) => r.method === "campaign")!.caveats).toContain(
      "A campaign needs a bold aim with a fixed, public deadline; the aim is set for January 2029: agree that date as the campaign's deadline and announce it at the launch."
    );
    expect(ranked.find((r) => r.method === "tailored")!.caveats).toContain(
      "A tailored initiative rests on committed leadership at all levels; the senior sponsor is not yet committed: secure a committed sponsor before the work starts."
    );
    // Every caveat of every method names a way forward after its colon or semicolon.
    for (const r of recommendMethod(merge(small, { scale: { longestDurationMonths: 4 } })).ranked)
      for (const caveat of r.caveats) expect(caveat, `${r.method}: ${caveat}`).not.toMatch(/ is (too )?(short|few for a \w+)\.$/);
  });

  it("warns a collaborative whose sites cannot release teams for learning sessions", () => {
    const collaborative = recommendMethod(nationalAssociation400).ranked.find((r) => r.method === "collaborative")!;
    expect(collaborative.caveats).toEqual(
      expect.arrayContaining([expect.stringMatching(/more than the 160/), expect.stringMatching(/release a team of about three/)])
    );
  });

  it("warns a tailored initiative squeezed into a short horizon", () => {
    const tailored = recommendMethod(lowBelief).ranked[0];
    expect(tailored.method).toBe("tailored");
    expect(tailored.caveats).toEqual([expect.stringMatching(/in 12 months, scope a first phase/)]);
  });
});

describe("the recommendation moves the expected way", () => {
  it("more sites favour a campaign over a collaborative", () => {
    const scores = [25, 100, 250, 500].map((n) => {
      const i = merge(healthSystem25, { scale: { expectedSites: n } });
      return { collaborative: scoreOf(i, "collaborative"), campaign: scoreOf(i, "campaign") };
    });
    for (let k = 1; k < scores.length; k++) {
      expect(scores[k].campaign).toBeGreaterThan(scores[k - 1].campaign);
      expect(scores[k].collaborative).toBeLessThanOrEqual(scores[k - 1].collaborative);
    }
  });

  it("recommends a campaign, not a collaborative, for thousands of hospitals, however much each could give a collaborative", () => {
    // A health service asking 3,000 hospitals to adopt changes believed in moderately, each hospital able to name a lead and
    // release a team, team aims, one topic, 18 months to a deadline, open enrolment.
    const thousands = merge(priorities("moderate", "sepsis"), {
      context: { partnerKind: "health_system", geographyScope: "nation", sites: 3000 },
      evidence: { aimStyle: "team", breadth: "focused", wantsPublicMobilisation: "yes", wantsCapabilityBuilding: "no" },
      scale: { expectedSites: 3000, desiredStart: "2026-09", longestDurationMonths: 18, hardDeadline: "2028-02-29" },
      capacity: { seniorSponsor: "yes", projectLeads: "yes", canReleaseTeams: "yes", nodePartners: "yes", enrolmentChannel: "yes" },
    });
    const r = recommendMethod(thousands, { today: "2026-06" });
    expect(r.recommended).toBe("campaign");
    const sites = contribution(thousands, "collaborative", "sites", { today: "2026-06" });
    expect(sites.reason).toBe(
      "3,000 sites or teams are expected to take part. A collaborative brings together at most 160 teams, each coached and meeting at learning sessions: these sites would take 19 waves of up to 160 teams each, side by side, each wave with its own learning sessions and faculty."
    );
    expect(contribution(thousands, "campaign", "sites", { today: "2026-06" }).reason).toMatch(/open enrolment and regional nodes: over 3,000 joined/);
    expect(r.ranked.find((m) => m.method === "collaborative")!.caveats).toContain(
      "3,000 teams is more than the 160 an IHI collaborative has held: run it in 19 waves of up to 160 teams each, side by side, each wave with its own learning sessions and calls, as the plan does: it takes one collaborative's time, and our faculty and project manager for 19 sets of sessions, our chair leading the first wave's and one of each other wave's faculty its own; or reach the sites through a campaign's regional nodes."
    );
    // Hundreds still count as before: a few hundred hospitals can be a collaborative in waves or a campaign.
    expect(scoreOf(merge(thousands, { scale: { expectedSites: 500 } }), "collaborative")).toBeGreaterThan(scoreOf(thousands, "collaborative"));
  });

  it("weaker evidence lowers the collaborative and the campaign, and raises the tailored initiative", () => {
    const beliefs = [healthSystem25, moderateBelief, lowBelief];
    const collaborative = beliefs.map((i) => scoreOf(i, "collaborative"));
    const campaign = beliefs.map((i) => scoreOf(i, "campaign"));
    const tailored = beliefs.map((i) => scoreOf(i, "tailored"));
    expect(collaborative).toEqual([...collaborative].sort((a, b) => b - a));
    expect(campaign[2]).toBeLessThan(campaign[0]);
    expect(tailored[2]).toBeGreaterThan(tailored[0]);
  });

  it("a longer horizon and capability building favour a tailored initiative", () => {
    const longer = merge(healthSystem25, { scale: { longestDurationMonths: 48 } });
    expect(scoreOf(longer, "tailored")).toBeGreaterThan(scoreOf(healthSystem25, "tailored"));
    const capability = merge(longer, { evidence: { wantsCapabilityBuilding: "yes", breadth: "several", aimStyle: "system" } });
    expect(scoreOf(capability, "tailored")).toBeGreaterThan(scoreOf(longer, "tailored"));
    expect(recommendMethod(capability).recommended).toBe("tailored");
  });

  it("public mobilisation and a bold aim favour a campaign", () => {
    const bold = merge(healthSystem25, { evidence: { wantsPublicMobilisation: "yes", aimStyle: "bold" } });
    expect(scoreOf(bold, "campaign")).toBeGreaterThan(scoreOf(healthSystem25, "campaign"));
    expect(scoreOf(bold, "collaborative")).toBeLessThan(scoreOf(healthSystem25, "collaborative"));
  });

  it("a hard deadline shortens the horizon", () => {
    const deadline = merge(ministryOfHealth, { scale: { hardDeadline: "2028-03-31" } });
    expect(contribution(deadline, "tailored", "duration").reason).toMatch(/The hard deadline, 31 March 2028, comes 12 months after the desired start\./);
    expect(scoreOf(deadline, "tailored")).toBeLessThan(scoreOf(ministryOfHealth, "tailored"));
  });
});

describe("composition and what would change", () => {
  it("puts collaborative waves and a scalable unit inside a tailored initiative", () => {
    const { composition } = recommendMethod(ministryOfHealth);
    expect(composition).toEqual([
      "Begin with a scalable unit: develop and test the change package for sepsis in a few pilot sites before spreading it.",
      "Run falls and VAP as collaborative waves of 12 to 160 teams inside the initiative.",
      "Run a capability-building stream from the first year: improvement advisors, coaches and fellows.",
    ]);
  });

  it("adds campaign elements to a tailored initiative that wants public mobilisation", () => {
    const mobilise = merge(ministryOfHealth, { evidence: { wantsPublicMobilisation: "yes" } });
    expect(recommendMethod(mobilise).composition).toContain(
      "Add campaign elements for falls and VAP: a public aim with a deadline, open enrolment and mentor sites."
    );
  });

  it("runs a collaborative of more than 160 teams in waves", () => {
    const big = merge(healthSystem25, { scale: { expectedSites: 180 } }, { evidence: { wantsPublicMobilisation: "no" } });
    const r = recommendMethod(big);
    expect(r.recommended).toBe("collaborative");
    expect(r.composition).toContain("Run the collaborative in 2 waves of up to 160 teams each, side by side.");
    expect(r.ranked.find((m) => m.method === "collaborative")!.caveats).toContain(
      "180 teams is more than the 160 an IHI collaborative has held: run it in 2 waves of up to 160 teams each, side by side, each wave with its own learning sessions and calls, as the plan does: it takes one collaborative's time, and our faculty and project manager for 2 sets of sessions, our chair leading the first wave's and one of each other wave's faculty its own."
    );
  });

  it("never advises leaving every priority out of a collaborative's first wave: the change package is tested first", () => {
    // Believed in, but without a change package yet: every priority is still to be tested.
    const evidence = (falls: "yes" | "no", vap: "yes" | "no") =>
      merge(healthSystem25, priorities("high", "falls", "vap"), {
        evidence: {
          priorityEvidence: [
            { priority: "falls", degreeOfBelief: "high", changePackage: falls, brightSpots: "yes" },
            { priority: "vap", degreeOfBelief: "high", changePackage: vap, brightSpots: "yes" },
          ],
        },
      });
    expect(compositionOf("collaborative", evidence("no", "no"), weights)).toEqual([
      "No priority has a tested change package yet: test one for falls and VAP at a few pilot sites before the collaborative's first wave.",
    ]);
    // One of two ready: the other waits for a later wave.
    expect(recommendMethod(evidence("no", "yes")).recommended).toBe("collaborative");
    expect(recommendMethod(evidence("no", "yes")).composition).toEqual(["Leave falls out of the first wave until its change package is tested."]);
  });

  it("says which answers would put another method first", () => {
    expect(recommendMethod(healthSystem25).whatWouldChange).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^With .*thousands of sites.*, a campaign would lead\.$/),
        "With a low degree of belief (no tested change package yet), a tailored initiative would lead.",
      ])
    );
    expect(recommendMethod(ministryOfHealth).whatWouldChange).toEqual(
      expect.arrayContaining([expect.stringMatching(/^With a high degree of belief in a proven change package.*, a collaborative would lead\.$/)])
    );
  });

  it("only says what would change when it really would", () => {
    for (const i of [healthSystem25, nationalAssociation400, ministryOfHealth]) {
      const r = recommendMethod(i);
      for (const sentence of r.whatWouldChange.filter((s) => s.startsWith("With "))) {
        const method = (["collaborative", "campaign", "tailored"] as const).find((m) =>
          sentence.endsWith(`${m === "tailored" ? "tailored initiative" : m} would lead.`)
        );
        expect(method).toBeDefined();
        expect(method).not.toBe(r.recommended);
      }
    }
  });
});

describe("the kind of partner", () => {
  it("does not count a single hospital in favour of a tailored large-scale initiative, which suits a ministry, region or large system", () => {
    const hospital = merge(healthSystem25, { context: { partnerKind: "hospital" } });
    const tailored = contribution(hospital, "tailored", "partner_type");
    expect(tailored.points).toBeLessThanOrEqual(0);
    expect(tailored.reason).toMatch(/The partner is a hospital\./);
    expect(contribution(hospital, "campaign", "partner_type").points).toBeLessThan(0);
    // Collaboratives suit a system or network with several units: one hospital is not counted for it either.
    expect(contribution(hospital, "collaborative", "partner_type").points).toBeLessThanOrEqual(0);
  });
});

describe("a short tailored engagement (docs/domain.md §2.5)", () => {
  // One hospital asking for help now on one topic (as the demo's Ashford Valley does).
  const oneSite = merge(priorities("high", "sepsis"), {
    context: { partnerKind: "hospital", geographyScope: "organisation", sites: 1 },
    evidence: { aimStyle: "team", breadth: "focused", wantsCapabilityBuilding: "no", wantsPublicMobilisation: "no" },
    scale: { expectedSites: 1, desiredStart: "2027-01", longestDurationMonths: 12 },
    capacity: { seniorSponsor: "yes", projectLeads: "yes", canReleaseTeams: "yes" },
  });
  const tailored = (i: Intake, options: RecommendOptions = {}) => recommendMethod(i, options).ranked.find((r) => r.method === "tailored")!;

  it("is told what a short engagement needs, never that the work runs for years", () => {
    // The full initiative is told to scope a first phase of a multi-year programme; the short engagement has nothing to scope.
    expect(tailored(oneSite).caveats).toEqual([expect.stringMatching(/^Tailored initiatives run several years .*scope a first phase/)]);
    expect(tailored(oneSite, { shortTailored: true }).caveats).toEqual([]);
    // What it does need: a committed sponsor steering monthly, an aim for its own sites, and advisors trained after it.
    const unsure = merge(oneSite, {
      capacity: { seniorSponsor: "partly" },
      evidence: { aimStyle: "system", wantsCapabilityBuilding: "yes" },
      scale: { expectedSites: 14 },
    });
    const caveats = tailored(unsure, { shortTailored: true, document: { partnerName: "Ashford Valley Hospital", date: "2026-12-03" } }).caveats;
    expect(caveats).toEqual([
      "A short tailored engagement is for one site or a few and does not spread the work further; with 14 sites, we propose choosing the few it works with, or a tailored initiative that spreads the work to the others.",
      "A short tailored engagement is steered each month by Ashford Valley Hospital's senior sponsor, who agrees the aim and reviews the results; the senior sponsor is not yet committed: we ask Ashford Valley Hospital to secure a committed sponsor before the diagnostic.",
      "Ashford Valley Hospital's aims are system-level; a short tailored engagement works to an aim for the sites taking part: we propose agreeing it with their leaders after the diagnostic.",
      "Ashford Valley Hospital wants improvement advisors of its own; they take about a year to develop, longer than a short tailored engagement: we propose agreeing a programme to train them after the hand-over.",
    ]);
    for (const caveat of caveats) expect(caveat).not.toMatch(/several years|Scottish|first phase|all levels/);
    // The other methods' caveats are their own either way.
    for (const method of ["collaborative", "campaign"] as const)
      expect(recommendMethod(unsure, { shortTailored: true }).ranked.find((r) => r.method === method)!.caveats).toEqual(
        recommendMethod(unsure).ranked.find((r) => r.method === method)!.caveats
      );
  });

  it("has reasons of its own, for one site or a few within a year, beside the tailored initiative's scored reasons", () => {
    expect(tailored(oneSite).formReasons).toBeUndefined();
    expect(tailored(oneSite, { joining: { title: "Sepsis Early Recognition Collaborative" } }).formReasons).toBeUndefined();
    const short = tailored(oneSite, { shortTailored: true });
    expect(short.formReasons).toEqual([
      "1 site or team is expected to take part. A short tailored engagement is for one site or a few: it does the diagnostic and the testing there, without the stages that spread the work further.",
      "The partner can commit to at most 12 months. A short tailored engagement is planned to finish within a year, from the diagnostic to the hand-over.",
      "Each team is to set its own aims under a shared aim. A short tailored engagement works to an aim agreed after the diagnostic with the leaders of the sites taking part.",
      "Sepsis: high degree of belief, a proven change package, some sites already much better. A short tailored engagement tests changes on the sites taking part until they work, and puts in place those that do.",
      "The work is on one focused topic. A short tailored engagement tests changes for months, not years: one focused topic suits it.",
      "Every site can give a project lead 20–40% of their time and release a team. A short tailored engagement needs a project lead to lead the work day to day, and a team with time released to test changes and for coaching.",
      "The partner does not plan to train improvement advisors and coaches of its own. A short tailored engagement trains no improvement advisors: its team learns the method by doing it, coached each month.",
    ]);
    // The ranking is of the three methods: the short engagement changes no score, reason or order.
    expect(short.contributions).toEqual(tailored(oneSite).contributions);
    expect(recommendMethod(oneSite, { shortTailored: true }).ranked.map((r) => [r.method, r.score])).toEqual(
      recommendMethod(oneSite).ranked.map((r) => [r.method, r.score])
    );
    // An answer that is no reason for a short engagement gives none: several workstreams, system-level aims, years ahead.
    const broad = merge(oneSite, { evidence: { aimStyle: "system", breadth: "several" }, scale: { longestDurationMonths: 48 } });
    expect(tailored(broad, { shortTailored: true }).formReasons!.map((r) => r.split(". ")[0])).toEqual([
      "1 site or team is expected to take part",
      "Sepsis: high degree of belief, a proven change package, some sites already much better",
      "Every site can give a project lead 20–40% of their time and release a team",
      "The partner does not plan to train improvement advisors and coaches of its own",
    ]);
  });
});
