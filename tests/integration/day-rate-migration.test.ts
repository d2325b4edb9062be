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
 * A day rate left empty on the roster was stored as 0 and priced as 0; migration 0027 lets the column
 * be empty and reads the zeros as empty, so such a person is priced at their role's rate (docs/domain.md
 * §8.1). Checked on a database made by the migrations before it.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-day-rate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a day rate left empty", () => {
  it("becomes none, keeping every person and every rate typed", () => {
    const sqlite = new Database(path.join(dir, "old.sqlite"));
    sqlite.pragma("foreign_keys = ON");
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsBefore(dir, "0027_staff_day_rate_optional") });
    const add = sqlite.prepare("insert into staff (name, role, fte, available_from, day_rate) values (?, ?, ?, ?, ?)");
    add.run("Rate typed", "faculty", 0.5, "2027-01", 1850);
    add.run("Rate left empty", "faculty", 0.3, null, 0);
    const removed = Number(add.run("Removed later", "chair", 0.2, null, 2400).lastInsertRowid);
    sqlite.prepare("delete from staff where id = ?").run(removed);

    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    // A removed person's id is not given to someone new: the audit log names people by id.
    expect(Number(add.run("Added after", "chair", 0.2, null, 2400).lastInsertRowid)).toBeGreaterThan(removed);
    sqlite.prepare("delete from staff where name = 'Added after'").run();
    expect(sqlite.prepare("select name, role, fte, available_from as availableFrom, day_rate as dayRate from staff order by id").all()).toEqual([
      { name: "Rate typed", role: "faculty", fte: 0.5, availableFrom: "2027-01", dayRate: 1850 },
      { name: "Rate left empty", role: "faculty", fte: 0.3, availableFrom: null, dayRate: null },
    ]);
    sqlite.close();
  });
});
