import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staleStepLabels } from "~/models/engagement-steps.server";
import { openDb, setDb, getDb } from "~/services/db.server";
import { goldenDifferences } from "../reference/golden";

/*
 * The Fit searches, the live proposal, the levers and the portfolio are computed the fast way (dense
 * capacity arrays, demand kept per template or timeline, start and scale, verdicts without wording,
 * totals summed in SQL); the straightforward way is kept in tests/reference. On a seeded portfolio
 * (bench/seed.ts: every stage and method, bookings far beyond what the roster can carry) a manager sees
 * the same Fit page, method fits, live proposal, budget view, levers and portfolio either way, to the
 * last character of their JSON, and the same again when the page is asked for a second time. `npm run
 * bench` makes the same check on every size it seeds.
 */

const ENGAGEMENTS = 8;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-golden-"));
  const file = path.join(dir, "seeded.sqlite");
  execFileSync(path.resolve("node_modules/.bin/tsx"), ["--tsconfig", "tsconfig.json", "bench/seed.ts", file], {
    env: { ...process.env, BENCH_ENGAGEMENTS: String(ENGAGEMENTS), BENCH_NO_PICTURES: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  setDb(openDb(file));
});

afterAll(() => {
  getDb().$client.close();
  setDb(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the fast Fit and portfolio against the reference", () => {
  it("agree, as JSON, on every engagement's Fit view, method fits, live proposal, budget view and levers, and on the portfolio", () => {
    const manager = getDb().$client.prepare("select id, role, organisation_id as organisationId from users where email = 'bench@bench.test'").get() as {
      id: number;
      role: "manager";
      organisationId: number | null;
    };
    const result = goldenDifferences(manager, { today: "2027-01", now: "2027-01-20T09:00:00.000Z" });
    expect(result.engagements).toBe(ENGAGEMENTS);
    // Per engagement: the Fit view and the live proposal (each twice), the method fits, the budget view and the levers at three budgets × three settings.
    expect(result.compared).toBe(ENGAGEMENTS * 15 + 2);
    expect(result.differences).toEqual([]);
  });
});

describe("the seeded portfolio", () => {
  it("is seeded as the app makes it: each timeline for its partner's country, so none reads as needing review", () => {
    const ids = (getDb().$client.prepare("select id from engagements").all() as { id: number }[]).map((r) => r.id);
    const labels = staleStepLabels(getDb(), ids, "2027-01");
    expect(labels.size).toBe(ENGAGEMENTS);
    expect([...labels.values()].flat()).toEqual([]);
  });
});
