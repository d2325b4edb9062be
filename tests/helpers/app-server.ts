import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * The built app (`node server.js`) as the browser tests drive it: on its own port and its own copy
 * of the demo database, so what one spec file changes no other file sees.
 */

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "../..");
export const E2E_DIR = path.join(ROOT, ".cache/e2e");

/** A port nobody is listening on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export class AppServer {
  url = "";
  private child: ChildProcess | undefined;
  private log = "";

  /** Starts the app on `database`; resolves once it answers /login. */
  async start(database: string, extraEnv: Record<string, string> = {}): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    this.log = "";
    const child = spawn(process.execPath, [path.join(ROOT, "server.js")], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_PATH: database,
        SEED_DEMO: "1",
        PLANNER_TODAY: "2026-11",
        // Documents are made on first download: each spec's server does not make every demo version's at start-up.
        DOCUMENTS_AHEAD: "0",
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    child.stdout!.on("data", (d: Buffer) => (this.log += d.toString()));
    child.stderr!.on("data", (d: Buffer) => {
      this.log += d.toString();
      process.stderr.write(d);
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The app stopped while starting (exit ${child.exitCode}):\n${this.log}`);
      try {
        const res = await fetch(`${this.url}/login`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.stop();
    throw new Error(`The app did not answer /login within 60 s:\n${this.log}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

export function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

/** Folds the write-ahead log into the file, so that copying the one file copies everything. */
export function checkpoint(file: string) {
  const db = new Database(file);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

/** Versions whose pictures (driver diagram, timeline, price charts) are not drawn yet. */
export function versionsWaitingForPictures(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("select id, content_json as content from proposal_versions").all() as { id: number; content: string }[];
    const drawn = new Set((db.prepare("select distinct proposal_version_id as id from proposal_pictures").all() as { id: number }[]).map((r) => r.id));
    const drawable = (c: { pictureSources?: object; chartSources?: object }) =>
      Object.keys(c.pictureSources ?? {}).length + Object.keys(c.chartSources ?? {}).length > 0;
    return rows.filter((r) => !drawn.has(r.id) && drawable(JSON.parse(r.content))).length;
  } finally {
    db.close();
  }
}
