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
 * Migration 0031 keeps, beside whether a version's plan keeps the partner's time, whether the partner had
 * agreed to it running past their time when the version was frozen (docs/decisions/0031): the portfolio
 * no longer lists an agreed overrun as a risk. Versions written before it are filled in from their
 * snapshots; versions written after, as they are written. Checked on a database made by the migrations
 * before it.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-version-time-agreed-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const late = { holds: false, summary: "The plan runs 1 month past the date the aim names." };
const snapshot = (timeCheck: object | null) => JSON.stringify({ schema: 1, fit: null, ...(timeCheck ? { timeCheck } : {}) });

describe("whether the partner agreed to a version's overrun, kept for the portfolio", () => {
  it("is read from the snapshots of versions already written, and kept as each new one is written", () => {
    const sqlite = new Database(path.join(dir, "old.sqlite"));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsBefore(dir, "0031_version_time_agreed_kept") });
    sqlite.pragma("foreign_keys = OFF");
    const add = sqlite.prepare(
      "insert into proposal_versions (engagement_id, number, snapshot_json, content_hash, created_by_id, created_at) values (?, 1, ?, 'h', 1, '2027-01-01')"
    );
    // Written before the migration: an overrun the partner agreed to, one they did not, and no time check at all.
    add.run(1, snapshot({ ...late, agreed: { on: "2026-12-01" } }));
    add.run(2, snapshot(late));
    add.run(3, snapshot(null));

    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    // Written after it.
    add.run(4, snapshot({ ...late, agreed: { on: "2026-12-03" } }));
    add.run(5, snapshot({ ...late, agreed: null }));
    const kept = sqlite
      .prepare(
        `select v.engagement_id as e, f.time_holds as holds, f.time_agreed as agreed
         from proposal_version_fit f join proposal_versions v on v.id = f.proposal_version_id order by v.engagement_id`
      )
      .all();
    expect(kept).toEqual([
      { e: 1, holds: 0, agreed: 1 },
      { e: 2, holds: 0, agreed: 0 },
      { e: 3, holds: null, agreed: 0 },
      { e: 4, holds: 0, agreed: 1 },
      { e: 5, holds: 0, agreed: 0 },
    ]);
    sqlite.close();
  });
});
