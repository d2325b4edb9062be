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
 * Migration 0032 keeps the minimum of the partner's budget beside its maximum, as each version froze it:
 * a budget given only as a minimum, in another currency than the fee, is one the portfolio names as not
 * checked (docs/domain.md §8.13). Versions written before it are filled in from their snapshots;
 * versions written after, as they are written; what 0031 kept is kept as before. Checked on a database
 * made by the migrations before it.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-version-budget-min-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const snapshot = (budget: object | null) =>
  JSON.stringify({
    schema: 1,
    fit: null,
    price: { fee: 500_000, currency: "USD" },
    intake: { budget },
    timeCheck: { holds: false, summary: "The plan runs 1 month past the deadline.", agreed: { on: "2026-12-01" } },
  });

describe("the minimum of the partner's budget, kept for the portfolio", () => {
  it("is read from the snapshots of versions already written, and kept as each new one is written", () => {
    const sqlite = new Database(path.join(dir, "old.sqlite"));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsBefore(dir, "0032_version_budget_min_kept") });
    sqlite.pragma("foreign_keys = OFF");
    const add = sqlite.prepare(
      "insert into proposal_versions (engagement_id, number, snapshot_json, content_hash, created_by_id, created_at) values (?, 1, ?, 'h', 1, '2027-01-01')"
    );
    // Written before the migration: a minimum alone, both ends, and no budget at all.
    add.run(1, snapshot({ budgetMin: 900_000, currency: "GBP" }));
    add.run(2, snapshot({ budgetMin: 200_000, budgetMax: 600_000, currency: "USD" }));
    add.run(3, snapshot(null));

    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    // Written after it.
    add.run(4, snapshot({ budgetMin: 750_000, currency: "EUR" }));
    const kept = sqlite
      .prepare(
        `select v.engagement_id as e, f.budget_min as min, f.budget_max as max, f.budget_currency as currency, f.lowest_fee as fee, f.time_agreed as agreed
         from proposal_version_fit f join proposal_versions v on v.id = f.proposal_version_id order by v.engagement_id`
      )
      .all();
    expect(kept).toEqual([
      { e: 1, min: 900_000, max: null, currency: "GBP", fee: 500_000, agreed: 1 },
      { e: 2, min: 200_000, max: 600_000, currency: "USD", fee: 500_000, agreed: 1 },
      { e: 3, min: null, max: null, currency: null, fee: 500_000, agreed: 1 },
      { e: 4, min: 750_000, max: null, currency: "EUR", fee: 500_000, agreed: 1 },
    ]);
    sqlite.close();
  });
});
