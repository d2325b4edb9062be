import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { openDb, setDb, getDb, type DB } from "~/services/db.server";
import { resetEnvCache } from "~/services/env.server";

let templateFile: string;
let dir: string;
let counter = 0;

/**
 * Gives every test a fresh, migrated SQLite file holding the demo data. The demo data is seeded
 * once per test file into a template and copied, because hashing the demo passwords is slow on
 * purpose.
 */
export function useTestDatabase(opts: { seed?: boolean } = {}) {
  const seed = opts.seed ?? true;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-test-"));
    templateFile = path.join(dir, "template.sqlite");
    const db = openDb(templateFile);
    if (seed) await seedDemo(db);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();
  });
  beforeEach(() => {
    resetEnvCache();
    const file = path.join(dir, `test-${++counter}.sqlite`);
    fs.copyFileSync(templateFile, file);
    setDb(openDb(file));
  });
  afterEach(() => {
    getDb().$client.close();
    setDb(undefined);
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
