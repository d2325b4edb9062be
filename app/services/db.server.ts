import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { LRUCache } from "lru-cache";
import { getTableName, sql, type AnyColumn, type SQL } from "drizzle-orm";
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
  keepStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as DB;
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

/**
 * Runs a write that only records what someone read (a download) without waiting for the disk
 * (decision 21): for its duration the connection commits as `synchronous = NORMAL`, so the write
 * reaches the WAL and the operating system but is not fsync'd; the next ordinary commit's fsync, or a
 * checkpoint, makes it durable with everything before it. A crash of the server loses nothing; a power
 * cut may lose the records made since the last change was saved. Inside a transaction it is an
 * ordinary write of that transaction.
 */
export function recordWithoutWaitingForDisk<T>(db: DB, write: () => T): T {
  const sqlite = db.$client;
  if (sqlite.inTransaction) return write();
  let pragmas = synchronousPragmas.get(sqlite);
  if (!pragmas)
    synchronousPragmas.set(sqlite, (pragmas = { normal: sqlite.prepare("pragma synchronous = NORMAL"), full: sqlite.prepare("pragma synchronous = FULL") }));
  pragmas.normal.run();
  try {
    return write();
  } finally {
    pragmas.full.run();
  }
}
const synchronousPragmas = new WeakMap<Database.Database, { normal: Database.Statement; full: Database.Statement }>();

/** How many compiled statements a connection keeps: every query the app writes, with room for lists of many lengths. */
const KEPT_STATEMENTS = 1000;

/**
 * Compiles each distinct SQL text once per connection. The query builder asks the connection to
 * compile its SQL on every call; SQLite's compilation was a tenth of a light page's work. A kept
 * statement is handed out as a new one would be (rows as objects), and one still being read is never
 * handed out twice. SQLite recompiles a statement itself when the schema changes under it.
 */
function keepStatements(sqlite: Database.Database) {
  const kept = new LRUCache<string, Database.Statement>({ max: KEPT_STATEMENTS });
  const compile = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = kept.get(source);
    if (statement && !statement.busy) {
      if (statement.reader) statement.pluck(false).expand(false).raw(false);
      return statement;
    }
    const fresh = compile(source);
    if (!statement) kept.set(source, fresh);
    return fresh;
  }) as typeof sqlite.prepare;
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

const builtQueries = new WeakMap<DB | Tx, Map<string, unknown>>();

/**
 * A query built once per database, with placeholders for what varies (`sql.placeholder`): for the
 * queries every page runs (the session, the notices), whose building cost more than running them.
 */
export function builtQuery<Q, D extends DB | Tx = DB>(name: string, build: (db: D) => Q, db: D = getDb() as D): Q {
  let queries = builtQueries.get(db);
  if (!queries) builtQueries.set(db, (queries = new Map()));
  let query = queries.get(name) as Q | undefined;
  if (query === undefined) queries.set(name, (query = build(db)));
  return query;
}

/** Each connection this process opened, numbered: a stamp from one database never matches another's. */
const connectionNumbers = new WeakMap<Database.Database, number>();
let connectionsOpened = 0;

function stampQuery(sqlite: Database.Database) {
  return sqlite.prepare<[], { changes: number; version: number }>(
    "select total_changes() as changes, (select data_version from pragma_data_version) as version"
  );
}
const stampQueries = new WeakMap<Database.Database, Database.Statement<[], { changes: number; version: number }>>();

/** Rows each connection wrote for session bookkeeping (bookkeepingWrite), which the stamp leaves out. */
const bookkeepingRows = new WeakMap<Database.Database, number>();

/**
 * A stamp that changes whenever anything a page reads may have: every row written through this
 * connection (SQLite's total_changes(), which a rollback never winds back) but those of session
 * bookkeeping, and every commit by another connection (data_version). Equal stamps, same content.
 */
export function databaseStamp(db: DB = getDb()): string {
  const sqlite = db.$client;
  let number = connectionNumbers.get(sqlite);
  if (number === undefined) connectionNumbers.set(sqlite, (number = ++connectionsOpened));
  let query = stampQueries.get(sqlite);
  if (!query) stampQueries.set(sqlite, (query = stampQuery(sqlite)));
  const { changes, version } = query.get()!;
  return `${number}:${changes - (bookkeepingRows.get(sqlite) ?? 0)}.${version}`;
}

/**
 * A write of session bookkeeping — a sign-in, the "last seen" each session records once a minute, a
 * one-time message, a sign-out — which no page's view reads: the database's stamp stays as it was, so
 * the views kept under it are not worked out again each time a signed-in user is seen
 * (docs/decisions/0025). Only the server's own connection writes these.
 */
export function bookkeepingWrite(write: () => { changes: number }, db: DB = getDb()): void {
  const { changes } = write();
  const sqlite = db.$client;
  bookkeepingRows.set(sqlite, (bookkeepingRows.get(sqlite) ?? 0) + changes);
}

/** The process-wide database if one is open, without opening one. */
export function openedDb(): DB | undefined {
  return globalThis.__plannerDb;
}

/** Swaps the process-wide database (tests open a fresh file per test). */
export function setDb(db: DB | undefined) {
  globalThis.__plannerDb = db;
}

/**
 * `column in (ids)` with the ids bound as one JSON array: the same statement text whatever their
 * number, where drizzle's inArray writes a placeholder per id (thousands of them for the portfolio),
 * which SQLite parses and plans afresh on every request.
 */
export function inIds(column: AnyColumn, ids: readonly number[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * A column named with its table, wherever it is written. In the select list of a query of one table,
 * drizzle names each column alone ("id"), and a subquery there reads an unqualified name as its own
 * table's column first: `(select … from engagement_co_owners where engagement_id = "id")` compares a
 * co-owner row with itself, not with the engagement. A subquery in a select list names the outer row's
 * columns, and its own, through this.
 */
export function qualified(column: AnyColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
