import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../../db/schema";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A drizzle transaction handle; model functions accept either. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "db/migrations");

/** Opens (creating its folder if needed) and migrates a database file. */
export function openDb(file: string): DB {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  if (file !== ":memory:") sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema }) as DB;
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

declare global {
  var __plannerDb: DB | undefined;
}

export function getDb(): DB {
  if (!globalThis.__plannerDb) {
    globalThis.__plannerDb = openDb(process.env.DATABASE_PATH ?? "data/planner.sqlite");
  }
  return globalThis.__plannerDb;
}

/** The process-wide database if one is open, without opening one. */
export function openedDb(): DB | undefined {
  return globalThis.__plannerDb;
}

/** Swaps the process-wide database (tests open a fresh file per test). */
export function setDb(db: DB | undefined) {
  globalThis.__plannerDb = db;
}
