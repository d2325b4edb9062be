import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { countryFromText, countrySpellings } from "~/domain/countries";
import { MIGRATIONS_DIR } from "~/services/db.server";
import { migrationsBefore } from "../helpers/migrations";

/*
 * An organisation's country was free text; migration 0006 makes it (and the population) nullable and
 * 0007 turns the text into an ISO 3166 code, leaving what matches no country as NULL for the manager
 * to choose. Checked on a database made by the migrations before them, holding free text.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-country-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BACKFILL = fs.readFileSync(path.join(MIGRATIONS_DIR, "0009_country_codes.sql"), "utf8");

const FREE_TEXT = [
  "United Kingdom",
  "UK",
  "England",
  "USA",
  "United States",
  "Australia",
  "New Zealand",
  "Ireland",
  "Canada",
  "  scotland ",
  "gb",
  "Ghana",
  "Atlantis",
  "Northshire",
  "",
];

describe("countries become ISO 3166 codes", () => {
  it("maps the free text people wrote to codes, leaves the unknown as null, and keeps every organisation and what refers to it", () => {
    const file = path.join(dir, "old.sqlite");
    const sqlite = new Database(file);
    sqlite.pragma("foreign_keys = ON");
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsBefore(dir, "0008_organisation_country_and_population") });
    const org = sqlite.prepare("insert into organisations (name, kind, country, sites, population) values (?, 'hospital', ?, 3, 1000)");
    FREE_TEXT.forEach((country, i) => org.run(`Organisation ${i}`, country));
    const owner = sqlite.prepare("insert into users (email, name, role, password_hash) values ('m@example.test', 'M', 'manager', 'x') returning id").get() as {
      id: number;
    };
    sqlite.prepare("insert into engagements (title, organisation_id, owner_id) values ('An engagement', 1, ?)").run(owner.id);
    sqlite.prepare("insert into users (email, name, role, organisation_id, password_hash) values ('p@example.test', 'P', 'partner', 13, 'x')").run();

    migrate(db, { migrationsFolder: MIGRATIONS_DIR });

    const rows = sqlite.prepare("select name, country from organisations order by id").all() as { name: string; country: string | null }[];
    expect(rows.map((r) => r.country)).toEqual(["GB", "GB", "GB", "US", "US", "AU", "NZ", "IE", "CA", "GB", "GB", "GH", null, null, null]);
    expect(sqlite.prepare("select organisation_id as id from engagements").get()).toEqual({ id: 1 });
    expect(sqlite.prepare("select organisation_id as id from users where role = 'partner'").get()).toEqual({ id: 13 });
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    // A population no longer has to be known.
    sqlite.prepare("insert into organisations (name, kind, country, sites, population) values ('No population', 'association', null, 1, null)").run();
    sqlite.close();
  });

  it("maps in SQL exactly what the app reads as a country", () => {
    const inSql = new Map([...BACKFILL.matchAll(/WHEN '((?:[^']|'')*)' THEN '([A-Z]{2})'/g)].map((m) => [m[1]!.replace(/''/g, "'"), m[2]]));
    for (const [spelling, code] of countrySpellings()) expect(inSql.get(spelling), spelling).toBe(code);
    for (const [spelling, code] of inSql) expect(countryFromText(spelling), spelling).toBe(code);
    expect(BACKFILL).toMatch(/ELSE NULL\s+END;/);
  });
});
