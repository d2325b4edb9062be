import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { openDb, setDb, getDb, type DB } from "~/services/db.server";
import { resetEnvCache } from "~/services/env.server";

let templateFile: string;
let dir: string;
let counter = 0;
let file: string | undefined;

/**
 * Where the test files live: in memory (/dev/shm) where there is such a folder, else the temporary
 * folder. The database is opened exactly as the app opens it (WAL, synchronous = FULL); in memory its
 * every commit's fsync costs nothing, and a test commits several times (its fixtures, the session,
 * the change itself), which on a disk shared with other work costs tens of milliseconds a test.
 */
function scratchFolder(): string {
  const memory = "/dev/shm";
  try {
    fs.accessSync(memory, fs.constants.W_OK);
    return memory;
  } catch {
    return os.tmpdir();
  }
}

/**
 * Gives every test a fresh, migrated SQLite file holding the demo data, copied from the one seeded
 * once per run (tests/helpers/demo-database.ts), because hashing the demo passwords is slow on
 * purpose. `seed: "here"` seeds it in this file instead, through this file's mocks (a file that makes
 * password hashing cheap wants the demo users' hashes cheap too); `seed: false` leaves it empty.
 */
export function useTestDatabase(opts: { seed?: boolean | "here" } = {}) {
  const seed = opts.seed ?? true;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(scratchFolder(), "planner-test-"));
    const shared = seed === true ? inject("demoDatabase") : undefined;
    if (shared) {
      templateFile = shared;
      return;
    }
    templateFile = path.join(dir, "template.sqlite");
    const db = openDb(templateFile);
    if (seed) await seedDemo(db);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();
  });
  beforeEach(() => {
    resetEnvCache();
    file = path.join(dir, `test-${++counter}.sqlite`);
    fs.copyFileSync(templateFile, file);
    setDb(openDb(file));
  });
  afterEach(() => {
    getDb().$client.close();
    setDb(undefined);
    // Each test's copy goes as soon as the test is over, so a file of a thousand tests holds one at a time.
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

export function db(): DB {
  return getDb();
}

export function userIdByEmail(email: string): number {
  const row = getDb().select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!row) throw new Error(`No user ${email}`);
  return row.id;
}

/**
 * Every row of every table but the sessions (a flash message is session bookkeeping), hashed: equal
 * before and after an action, and the action changed nothing.
 */
export function everyRowHash(): string {
  const client = db().$client;
  const tables = (
    client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'sessions' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const hash = crypto.createHash("sha256");
  for (const t of tables) hash.update(t).update(JSON.stringify(client.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all()));
  return hash.digest("hex");
}
