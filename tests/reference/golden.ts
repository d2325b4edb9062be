/*
 * The golden comparison: the app's Fit view, method fits and portfolio view against the reference
 * loaders (this folder), as JSON, on whatever database is open. Used by the golden test on a small
 * seeded database and by `npm run bench` on every seeded size (docs/decisions/0013-fast-and-proven-the-same.md).
 */
import { getFitView, readMethodFits } from "~/models/fit.server";
import { getPortfolio } from "~/models/portfolio.server";
import type { Actor } from "~/domain/roles";
import { getDb } from "~/services/db.server";
import * as reference from "./fit.server";
import { getPortfolio as referencePortfolio } from "./portfolio.server";

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
  for (const id of ids) {
    same(`Fit view of engagement ${id}`, getFitView(actor, id, opts.today), reference.getFitView(actor, id, opts.today));
    same(`method fits of engagement ${id}`, readMethodFits(db, id, opts.today), reference.readMethodFits(db, id, opts.today));
  }
  for (const allRisks of [false, true]) {
    const options = { today: opts.today, now: opts.now, allRisks, allListed: allRisks };
    same(`portfolio (all listed: ${allRisks})`, getPortfolio(actor, options), referencePortfolio(actor, options));
  }
  return { engagements: ids.length, compared, differences };
}
