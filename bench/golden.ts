/*
 * The golden check on a seeded database: every engagement's Fit view, method fits, live proposal,
 * budget view and levers' effects, and the portfolio, computed by the app and by the reference
 * implementation in tests/reference, compared as JSON (docs/decisions/0013-fast-and-proven-the-same.md). Run by `npm run bench` on each size it seeds.
 *
 *   npx tsx --tsconfig tsconfig.json bench/golden.ts <database> <today YYYY-MM>
 * Prints one line of JSON: { engagements, compared, differences, seconds }.
 */
import { performance } from "node:perf_hooks";
import { getDb, openDb, setDb } from "~/services/db.server";
import { goldenDifferences } from "../tests/reference/golden";

const [file, today] = process.argv.slice(2);
if (!file || !today) throw new Error("usage: golden.ts <database> <today>");
setDb(openDb(file));
const manager = getDb().$client.prepare("select id, role, organisation_id as organisationId from users where email = 'bench@bench.test'").get() as {
  id: number;
  role: "manager";
  organisationId: number | null;
};
const started = performance.now();
const result = goldenDifferences(manager, { today, now: `${today}-20T09:00:00.000Z` });
console.log(JSON.stringify({ ...result, seconds: Math.round((performance.now() - started) / 100) / 10 }));
