import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "~/services/db.server";
import { migrationsBefore } from "../helpers/migrations";

/*
 * Migration 0028 keeps, beside each version's fit shortfalls, what the portfolio judges of its offer and
 * its plan (docs/domain.md §8.13): the lowest fee it offers against the budget it froze, and its time
 * check. Versions written before it are filled in from their snapshots; versions written after, as they
 * are written. Checked on a database made by the migrations before it.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-version-offer-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const snapshot = (s: object) => JSON.stringify({ schema: 1, fit: { shortfalls: ["Faculty short by 0.2 FTE in May 2027"] }, ...s });
const budget = (budgetMax: number | null, currency: string | null) => ({ intake: { budget: { budgetMin: null, budgetMax, currency } } });
const late = { holds: false, summary: "The plan cannot keep the partner's time: it runs 3 months over the partner's longest duration of 24 months." };

describe("a version's offer and time, kept for the portfolio", () => {
  it("are read from the snapshots of versions already written, and kept as each new one is written", () => {
    const sqlite = new Database(path.join(dir, "old.sqlite"));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsBefore(dir, "0028_version_offer_and_time_kept") });
    // Only the versions matter here: the rows they point at are left out.
    sqlite.pragma("foreign_keys = OFF");
    const add = sqlite.prepare(
      "insert into proposal_versions (engagement_id, number, snapshot_json, content_hash, created_by_id, created_at) values (?, 1, ?, 'h', 1, '2027-01-01')"
    );
    // One fee above the budget, with a plan past the partner's time.
    add.run(1, snapshot({ price: { fee: 1_250_000, currency: "USD" }, ...budget(900_000, "USD"), timeCheck: late }));
    // Options: the lowest of their fees is the one kept.
    add.run(
      2,
      snapshot({ price: { fee: 2_000_000, currency: "USD" }, options: [{ price: { fee: 2_000_000 } }, { price: { fee: 800_000 } }], ...budget(900_000, "USD") })
    );
    // Made before fees and time checks were frozen.
    add.run(3, snapshot(budget(null, null)));

    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    add.run(
      4,
      snapshot({
        price: { fee: 500_000, currency: "GBP" },
        ...budget(400_000, "EUR"),
        timeCheck: { holds: true, summary: "The plan keeps the partner's time." },
      })
    );
    const kept = sqlite
      .prepare(
        `select v.engagement_id as e, f.shortfall_count as shortfalls, f.lowest_fee as fee, f.fee_currency as currency, f.option_count as options,
                f.budget_max as max, f.budget_currency as budgetCurrency, f.time_holds as holds, f.time_summary as summary
         from proposal_version_fit f join proposal_versions v on v.id = f.proposal_version_id order by v.engagement_id`
      )
      .all();
    expect(kept).toEqual([
      { e: 1, shortfalls: 1, fee: 1_250_000, currency: "USD", options: null, max: 900_000, budgetCurrency: "USD", holds: 0, summary: late.summary },
      { e: 2, shortfalls: 1, fee: 800_000, currency: "USD", options: 2, max: 900_000, budgetCurrency: "USD", holds: null, summary: null },
      { e: 3, shortfalls: 1, fee: null, currency: null, options: null, max: null, budgetCurrency: null, holds: null, summary: null },
      {
        e: 4,
        shortfalls: 1,
        fee: 500_000,
        currency: "GBP",
        options: null,
        max: 400_000,
        budgetCurrency: "EUR",
        holds: 1,
        summary: "The plan keeps the partner's time.",
      },
    ]);
    sqlite.close();
  });
});
