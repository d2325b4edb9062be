import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { seedDemo } from "../../db/seed";
import { openDb } from "~/services/db.server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated database holding the demo data, made once per run; tests copy it (tests/helpers/db.ts). */
    demoDatabase: string;
  }
}

/**
 * Vitest global setup: seeds the demo database once per run, because hashing the demo passwords
 * and building the demo engagements takes seconds, and every integration file starts from it.
 */
export default async function setup(project: TestProject) {
  const file = path.join(os.tmpdir(), `planner-demo-${process.pid}.sqlite`);
  if (!fs.existsSync(file)) {
    const partial = `${file}.${project.name}.partial`;
    const db = openDb(partial);
    await seedDemo(db);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();
    fs.renameSync(partial, file);
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(partial + suffix, { force: true });
  }
  project.provide("demoDatabase", file);
  return () => fs.rmSync(file, { force: true });
}
