/*
 * The golden comparison: the app's Fit view, method fits, live proposal (its snapshot and content),
 * budget view and levers' effects, and portfolio view against the reference loaders (this folder), as
 * JSON, on whatever database is open. Used by the golden test on a small
 * seeded database and by `npm run bench` on every seeded size (docs/decisions/0013-fast-and-proven-the-same.md).
 */
import { getFitView, readMethodFits } from "~/models/fit.server";
import { getPortfolio } from "~/models/portfolio.server";
import type { Actor } from "~/domain/roles";
import { getDb } from "~/services/db.server";
import * as reference from "./fit.server";
import { getPortfolio as referencePortfolio } from "./portfolio.server";
import { liveProposal } from "~/models/proposal.server";
import { getBudgetView, pricingContext, readPricing } from "~/models/pricing.server";
import { readTimelineView } from "~/models/timeline.server";
import { shapeToBudget, type BudgetShaping, type LeverSettings } from "~/domain/levers";
import * as referenceProposal from "./snapshot.server";
import * as referencePricing from "./pricing.server";
import * as referenceLevers from "./levers";

/** Every lever applied and none: the levers' effects are worked out on top of what is applied. */
const APPLIED: LeverSettings[] = [
  { firstWaveSites: null, virtualSessions: false, longerPhasing: false, fewerFacultyDays: false },
  { firstWaveSites: 2, virtualSessions: true, longerPhasing: false, fewerFacultyDays: false },
  { firstWaveSites: null, virtualSessions: false, longerPhasing: true, fewerFacultyDays: true },
];

/** A plan's figures as compared: the demand's reasons are never shown with them, and the fast figures leave them out. */
function shaping(s: BudgetShaping) {
  return { ...s, current: { ...s.current, demand: s.current.demand.map(({ reasons: _reasons, ...d }) => d) } };
}

export type GoldenResult = { engagements: number; compared: number; differences: string[] };

/** Where the two first differ, for a readable failure. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `…${a.slice(Math.max(0, i - 80), i + 80)}… against the reference …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

export function goldenDifferences(actor: Actor, opts: { today: string; now: string; engagementIds?: number[] }): GoldenResult {
  const db = getDb();
  const ids = opts.engagementIds ?? (db.$client.prepare("select id from engagements order by id").all() as { id: number }[]).map((r) => r.id);
  const differences: string[] = [];
  let compared = 0;
  const same = (what: string, fast: unknown, slow: unknown) => {
    compared++;
    const a = JSON.stringify(fast);
    const b = JSON.stringify(slow);
    if (a !== b) differences.push(`${what}: ${firstDifference(a, b)}`);
  };
  const date = `${opts.today}-20`;
  for (const id of ids) {
    const fitView = reference.getFitView(actor, id, opts.today);
    same(`Fit view of engagement ${id}`, getFitView(actor, id, opts.today), fitView);
    // Again, from the demands kept between requests.
    same(`Fit view of engagement ${id}, asked again`, getFitView(actor, id, opts.today), fitView);
    same(`method fits of engagement ${id}`, readMethodFits(db, id, opts.today), reference.readMethodFits(db, id, opts.today));
    const proposal = referenceProposal.liveProposal(actor, id, date, opts.today);
    same(`live proposal of engagement ${id}`, liveProposal(actor, id, date, opts.today), proposal);
    same(`live proposal of engagement ${id}, asked again`, liveProposal(actor, id, date, opts.today), proposal);
    same(`budget view of engagement ${id}`, getBudgetView(actor, id, opts.today, true), referencePricing.getBudgetView(actor, id, opts.today, true));
    // The levers' effects whatever the budget: with the partner's, and with one the plan's fee is above.
    const timeline = readTimelineView(db, id, opts.today).stored?.timeline;
    if (!timeline) continue;
    const ctx = pricingContext(db, id, timeline);
    const fee = referenceLevers.planFigures(timeline, readPricing(db, id).settings, ctx).fee;
    for (const budget of [ctx.budget, { min: null, max: Math.round(fee * 0.6), currency: null }, { min: null, max: 1, currency: null }])
      for (const applied of APPLIED)
        same(
          `levers of engagement ${id} at ${JSON.stringify(budget)} with ${JSON.stringify(applied)}`,
          shaping(shapeToBudget(timeline, applied, { ...ctx, budget })),
          shaping(referenceLevers.shapeToBudget(timeline, applied, { ...ctx, budget }))
        );
  }
  for (const allRisks of [false, true]) {
    const options = { today: opts.today, now: opts.now, allRisks, allListed: allRisks, allApprovals: allRisks };
    same(`portfolio (all listed: ${allRisks})`, getPortfolio(actor, options), referencePortfolio(actor, options));
  }
  return { engagements: ids.length, compared, differences };
}
