/**
 * A partner's name in the possessive, as its executives read it (docs/domain.md §9.1): "Northshire
 * Health System's senior sponsor"; "Improvement Partners' senior sponsor", the apostrophe alone after a
 * plural's s; and, for a name that ends in a quotation mark or a bracket, "the senior sponsor of …",
 * never "…"'s". Every sentence of every method, wherever the proposal says what is the partner's.
 */
import { describe, expect, it } from "vitest";
import { demoIntake } from "~/domain/intake";
import { recommendMethod } from "~/domain/method-recommendation";
import { METHODS, type Method } from "~/domain/methods";
import { buildProposal } from "~/domain/proposal";
import { partnerEdition } from "~/domain/proposal-audience";
import type { Block, ProposalContent } from "~/domain/proposal-content";
import { methodSummary, type EngagementSnapshot } from "~/domain/proposal-snapshot";
import { assessReadiness } from "~/domain/readiness";
import { generateTimeline } from "~/domain/timeline-generate";
import { overrunRisk } from "~/domain/timeline-constraints";
import { feeAboveBudgetForPartner } from "~/domain/pricing";
import { feeChart } from "~/domain/proposal-charts";
import { getMethodWeights, getProposalWording, getReadinessTemplate, getTimelineTemplate, getTimelineVariantTemplates } from "~/services/templates.server";

const QUOTED = 'Coastal Partners\' "Network"';

function snapshot(name: string, method: Method, variant?: "join_open_collaborative" | "short_tailored"): EngagementSnapshot {
  const i = demoIntake();
  i.evidence.wantsCapabilityBuilding = "yes";
  i.capacity.seniorSponsor = "partly";
  i.budget = { budgetMin: 100_000, budgetMax: 200_000, currency: "USD", budgetSecured: "yes" } as typeof i.budget;
  const template = variant ? getTimelineVariantTemplates()[variant] : getTimelineTemplate(method);
  return {
    schema: 1,
    date: "2026-11-20",
    engagement: { title: "Coastal patient safety partnership" },
    partner: { name, kind: "association", country: "GB", sites: 14, population: 2_100_000 },
    intake: i,
    readiness: assessReadiness(i, getReadinessTemplate(method)),
    method: {
      ...methodSummary(
        recommendMethod(i, getMethodWeights(), {
          today: "2026-11",
          document: { partnerName: name, date: "2026-11-20" },
          shortTailored: variant === "short_tailored",
          joining: variant === "join_open_collaborative" ? { title: "Sepsis Early Recognition Collaborative" } : null,
        }),
        method,
        null
      ),
      ...(variant ? { variant } : {}),
      ...(variant === "join_open_collaborative" ? { joining: { title: "Sepsis Early Recognition Collaborative", host: "Northbridge Institute" } } : {}),
    },
    driverDiagram: null,
    timeline: generateTimeline(template, { start: "2027-03-01", horizonMonths: 60, hardDeadline: null, aimBy: null, teams: 14, country: "GB" }),
    staffing: [],
    demand: [],
    fit: null,
    cost: null,
    assumptions: [],
  };
}

const of = (b: Block): string[] =>
  b.type === "paragraph"
    ? [b.text, ...Object.values(b.byState ?? {})]
    : b.type === "todo" || b.type === "quote"
    ? [b.text]
    : b.type === "numbered"
    ? [...b.items, ...Object.values(b.byState ?? {}).flat()]
    : b.type === "bullets"
    ? b.items
    : b.type === "facts" || b.type === "table"
    ? b.rows.flat()
    : [];

/** Every sentence the partner reads, in every state the version may be in. */
function read(s: EngagementSnapshot): string {
  const content: ProposalContent = partnerEdition(buildProposal(s, getProposalWording(), { versionLabel: "Version 1" }));
  return content.sections.flatMap((x) => x.blocks.flatMap(of)).join("\n");
}

const FORMS: [Method, ("join_open_collaborative" | "short_tailored")?][] = [
  ...METHODS.map((m): [Method] => [m]),
  ["collaborative", "join_open_collaborative"],
  ["tailored", "short_tailored"],
];

describe("a partner's name in the possessive", () => {
  it("never takes 's after a closing quotation mark: what is the partner's is said of its name", () => {
    for (const [method, variant] of FORMS) {
      const text = read(snapshot(QUOTED, method, variant));
      expect(
        text.split("\n").filter((l) => /["”'’]'s\b/.test(l)),
        `${method} ${variant ?? ""}`
      ).toEqual([]);
      expect(text, `${method} ${variant ?? ""}`).toContain(`the senior sponsor of ${QUOTED}`);
    }
    const collaborative = read(snapshot(QUOTED, "collaborative"));
    expect(collaborative).toContain(`A steering group chaired by the senior sponsor of ${QUOTED}, with our programme director`);
    expect(collaborative).toContain(`The project leads and data leads of ${QUOTED} are coached to run the next wave themselves.`);
    expect(collaborative).toContain(`The Institute will contact the senior sponsor of ${QUOTED} to discuss what happens next.`);
    expect(read(snapshot(QUOTED, "tailored"))).toContain(`Building the improvement capability of ${QUOTED} itself runs alongside from the first year`);
    expect(read(snapshot(QUOTED, "tailored", "short_tailored"))).toContain(
      `A short tailored engagement is steered each month by the senior sponsor of ${QUOTED}, who agrees the aim and reviews the results`
    );
  });

  it("takes the apostrophe alone after a name ending in a plural's s, never 's's", () => {
    for (const [method, variant] of FORMS) {
      const text = read(snapshot("Coastal Hospital Partners", method, variant));
      expect(
        text.split("\n").filter((l) => /Partners's/.test(l)),
        `${method} ${variant ?? ""}`
      ).toEqual([]);
      expect(text, `${method} ${variant ?? ""}`).toContain("Coastal Hospital Partners' senior sponsor");
    }
  });
});

describe("a partner's budget and time, named", () => {
  it("are said of a name that takes no possessive, in the budget's sentence, the fee's chart and the plan's overrun", () => {
    expect(
      feeAboveBudgetForPartner([{ title: null, fee: 250_000, currency: "USD" }], { budgetMin: 100_000, budgetMax: 200_000, currency: "USD" }, QUOTED)
    ).toBe(`The fee of USD\u00a0250,000 is USD\u00a050,000 above the top of the budget of ${QUOTED} (USD\u00a0200,000).`);
    expect(feeChart([{ label: "Proposed fee", amount: 250_000 }], "USD", { min: 100_000, max: 200_000, currency: "USD" }, QUOTED)?.title).toBe(
      `The fee against the budget of ${QUOTED}`
    );
    const check = {
      holds: false,
      overruns: [{ text: "it runs 8 months over the partner's longest duration of 20 months" }],
    } as unknown as Parameters<typeof overrunRisk>[0];
    expect(overrunRisk(check, QUOTED)).toBe(
      `The plan runs past the time of ${QUOTED}: it runs 8 months over their longest duration of 20 months. Both parties agree to this, or the plan changes, before the proposal is agreed.`
    );
    // Named in full at the start of the sentence, the partner is not named in full again in it: by its short name, or "their".
    expect(overrunRisk(check, "Coastal Hospital Partners")).toMatch(
      /^The plan runs past Coastal Hospital Partners' time: it runs 8 months over their longest duration/
    );
    expect(overrunRisk(check, "Kestrel Hospital Association")).toMatch(
      /^The plan runs past Kestrel Hospital Association's time: it runs 8 months over Kestrel's longest duration of 20 months\. /
    );
  });
});
