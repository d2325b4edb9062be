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
 * Migration 0033 keeps beside each version the exchange rate it froze for a budget in the partner's own
 * currency (docs/domain.md §8.7, §8.13), as each is written: the portfolio compares its fee through it
 * without reading the snapshot. Versions written before it froze none and keep none; what 0032 kept is
 * kept as before. Checked on a database made by the migrations before it.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-version-exchange-rate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const snapshot = (exchangeRate: object | null) =>
  JSON.stringify({
    schema: 1,
    fit: null,
    price: { fee: 1_590_000, currency: "USD" },
    intake: { budget: { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR" } },
    timeCheck: { holds: true, summary: "The plan keeps the partner's time." },
    ...(exchangeRate ? { exchangeRate } : {}),
  });

describe("the exchange rate a version froze, kept for the portfolio", () => {
  it("is kept as each version is written after the migration; versions written before keep none", () => {
    const sqlite = new Database(path.join(dir, "old.sqlite"));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsBefore(dir, "0033_budget_exchange_rate") });
    sqlite.pragma("foreign_keys = OFF");
    const add = sqlite.prepare(
      "insert into proposal_versions (engagement_id, number, snapshot_json, content_hash, created_by_id, created_at) values (?, 1, ?, 'h', 1, '2027-01-01')"
    );
    add.run(1, snapshot(null));

    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    add.run(2, snapshot({ from: "USD", to: "EUR", rate: 0.92, on: "2026-12-01", source: "European Central Bank reference rate" }));
    add.run(3, snapshot(null));
    const kept = sqlite
      .prepare(
        `select v.engagement_id as e, f.exchange_rate as rate, f.exchange_rate_from as "from", f.exchange_rate_to as "to", f.exchange_rate_on as "on",
                f.budget_max as max, f.budget_currency as currency, f.lowest_fee as fee, f.time_holds as holds
         from proposal_version_fit f join proposal_versions v on v.id = f.proposal_version_id order by v.engagement_id`
      )
      .all();
    const before = { max: 1_300_000, currency: "EUR", fee: 1_590_000, holds: 1 };
    expect(kept).toEqual([
      { e: 1, rate: null, from: null, to: null, on: null, ...before },
      { e: 2, rate: 0.92, from: "USD", to: "EUR", on: "2026-12-01", ...before },
      { e: 3, rate: null, from: null, to: null, on: null, ...before },
    ]);
    // The engagement's own rate starts unrecorded.
    expect(sqlite.prepare("select count(*) as n from pragma_table_info('engagements') where name like 'exchange_rate%'").get()).toEqual({ n: 5 });
    sqlite.close();
  });
});
