/**
 * Whom each method's caveats address (docs/domain.md §2.3): our staff read what to do; the partner,
 * who reads the chosen method's caveats among the risks of its proposal, reads what we propose or ask
 * of it, never a note to ourselves, and never "if" it wants what the intake says it wants.
 */
import { describe, expect, it } from "vitest";
import { demoIntake, type Intake } from "~/domain/intake";
import { recommendMethod, type RecommendOptions } from "~/domain/method-recommendation";
import { METHODS, type Method } from "~/domain/methods";
import { loadTemplates } from "~/services/templates.server";

const weights = loadTemplates().methodWeights;
const PARTNER = "Ministry of Health, Republic of Kenya";
const inDocument: RecommendOptions = { today: "2026-12", document: { partnerName: PARTNER, date: "2026-12-03" } };

/** An intake with `sites` sites that gives every method as many caveats as it can have: little time, evidence not yet proven, no deadline, a sponsor not committed. */
function troubled(sites: number): Intake {
  const demo = demoIntake();
  return {
    ...demo,
    context: { ...demo.context, partnerKind: "nation", geographyScope: "nation", sites },
    evidence: {
      ...demo.evidence,
      priorityEvidence: [
        { priority: "vap", changePackage: "partly", degreeOfBelief: "moderate", brightSpots: "yes" },
        { priority: "clabsi", changePackage: "no", degreeOfBelief: "low", brightSpots: "no" },
        { priority: "sepsis", changePackage: "yes", degreeOfBelief: "high", brightSpots: "yes" },
      ],
      aimStyle: "system",
      wantsCapabilityBuilding: "yes",
      aimByWhen: undefined,
    },
    scale: { expectedSites: sites, desiredStart: "2027-04", longestDurationMonths: 4 },
    capacity: { seniorSponsor: "partly", projectLeads: "partly", canReleaseTeams: "partly" },
  };
}

/** Every caveat each method has for these intakes, as a partner's proposal or our staff's page says it. */
function caveats(options: RecommendOptions): Record<Method, string[]> {
  const out = Object.fromEntries(METHODS.map((m) => [m, [] as string[]])) as Record<Method, string[]>;
  for (const sites of [8, 50, 400, 2000])
    for (const shortTailored of [false, true])
      for (const r of recommendMethod(troubled(sites), weights, { ...options, shortTailored }).ranked) out[r.method].push(...r.caveats);
  return out;
}

/** A caveat that ends in an instruction, after its colon or semicolon ("…: plan virtual sessions"), or in a condition the intake has answered. */
const NOTE_TO_OURSELVES =
  /[:;,] (consider|plan|develop|complete|agree|run|test|open|keep|scope|secure|choose|add|announce|shorten|reach)\b|\bif [^.]* wants\b|\bour (faculty|staff)\b/;

describe("each method's caveats in a partner's proposal", () => {
  it("say what we propose or ask of the partner, for every method, where our staff's pages say what to do", () => {
    const staff = caveats({ today: "2026-12" });
    const partner = caveats(inDocument);
    for (const m of METHODS) {
      expect(partner[m].length, m).toBeGreaterThan(2);
      for (const c of partner[m]) expect(c, m).not.toMatch(NOTE_TO_OURSELVES);
      // Our staff's pages keep their instructions.
      expect(
        staff[m].some((c) => NOTE_TO_OURSELVES.test(c)),
        m
      ).toBe(true);
    }
    const all = Object.values(partner).flat();
    expect(all).toContain(
      "Not every site can release a team of about three for the three in-person learning sessions: we propose virtual sessions or regional hubs for the sites that cannot."
    );
    expect(all).toContain(
      "A campaign needs a bold aim with a fixed, public deadline; none is set yet: we propose agreeing one together and announcing it at the launch."
    );
    expect(all.some((c) => c.endsWith("we propose testing the changes at a few sites before the campaign asks every site to adopt them."))).toBe(true);
  });

  it("answer a partner that wants its own improvement advisors with what we propose, never 'if' it wants them", () => {
    const campaign = (options: RecommendOptions) =>
      recommendMethod(troubled(400), weights, options)
        .ranked.find((r) => r.method === "campaign")!
        .caveats.find((c) => c.includes("capability"));
    expect(campaign(inDocument)).toBe(
      `A campaign alone builds little improvement capability, and ${PARTNER} wants improvement advisors and coaches of its own: we propose training them in a capability-building stream alongside the campaign, as the section on capability building says.`
    );
    expect(campaign({ today: "2026-12" })).toBe(
      "A campaign builds little improvement capability, and the partner wants its own improvement advisors and coaches: add a capability-building stream alongside the campaign."
    );
  });
});
