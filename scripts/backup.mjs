// npm run backup [-- --out FILE]
//
// An online backup of the live database (DATABASE_PATH, default data/planner.sqlite); the server may
// keep running and writing. `VACUUM INTO` copies one consistent snapshot (a single read transaction,
// which in WAL mode never blocks the server's writes) into a temporary file beside the destination.
// The copy is then checked (`PRAGMA integrity_check` must say "ok", `PRAGMA foreign_key_check` must
// find nothing), flushed to disk, and only then renamed to its final name, so a backup under the final
// name is always whole and checked. On any failure the temporary file is removed and the exit code is 1.
// Proposal versions' stored documents live in the database (proposal_documents), so every backup and
// restore carries them with the versions they belong to.
// See docs/decisions/0005-durability.md and docs/decisions/0015-documents-stored-as-made.md.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { formatSize, fsyncDir, fsyncPath, stamp, UsageError } from "./lib/files.mjs";

const USAGE = `Usage: npm run backup [-- --out FILE]

Writes a checked copy of the database (DATABASE_PATH, default data/planner.sqlite) to
BACKUP_DIR/planner-YYYYMMDD-HHMMSS.sqlite (BACKUP_DIR defaults to "backups"; the time is UTC),
or to FILE with --out. The server may keep running.`;

function parseArgs(argv) {
  const args = { out: undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") args.help = true;
    else if (a === "--out") {
      if (!argv[i + 1]) throw new UsageError("--out needs a file name.");
      args.out = argv[++i];
    } else if (a.startsWith("--out=")) args.out = a.slice("--out=".length);
    else throw new UsageError(`Unknown argument "${a}".`);
  }
  return args;
}

/** Row counts of every application table, and how many migrations the file has. */
function describe(db) {
  const tables = db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
    .pluck()
    .all();
  const counts = tables.map((t) => [
    t,
    db
      .prepare(`select count(*) from "${t.replace(/"/g, '""')}"`)
      .pluck()
      .get(),
  ]);
  const hasMigrations = db.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").pluck().get();
  const migrations = hasMigrations ? db.prepare("select count(*) from __drizzle_migrations").pluck().get() : 0;
  return { counts, migrations };
}

/** Throws with the problems found unless the file is a sound database. */
function check(db) {
  const integrity = db.pragma("integrity_check(20)").map((r) => r.integrity_check);
  if (!(integrity.length === 1 && integrity[0] === "ok")) {
    throw new Error(`integrity_check of the copy failed:\n  ${integrity.join("\n  ")}`);
  }
  const fk = db.pragma("foreign_key_check");
  if (fk.length > 0) {
    const lines = fk.slice(0, 10).map((r) => `${r.table} row ${r.rowid} -> ${r.parent}`);
    throw new Error(`foreign_key_check of the copy found ${fk.length} broken reference(s):\n  ${lines.join("\n  ")}`);
  }
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const source = path.resolve(process.env.DATABASE_PATH || "data/planner.sqlite");
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source} (set DATABASE_PATH to the live database).`);

  let dest;
  if (args.out) {
    dest = path.resolve(args.out);
    if (fs.existsSync(dest)) throw new Error(`${dest} already exists; choose another file name.`);
  } else {
    const dir = path.resolve(process.env.BACKUP_DIR || "backups");
    const base = `planner-${stamp()}`;
    dest = path.join(dir, `${base}.sqlite`);
    for (let n = 2; fs.existsSync(dest); n++) dest = path.join(dir, `${base}-${n}.sqlite`);
  }
  if ([source, `${source}-wal`, `${source}-shm`, `${source}-journal`].includes(dest)) {
    throw new Error("The backup cannot be written over the live database.");
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });

  // Beside the destination, so the final rename is atomic; a dot-file, so a crash of this script
  // (even kill -9) never leaves anything that looks like a backup.
  const temp = path.join(path.dirname(dest), `.${path.basename(dest)}.partial-${process.pid}`);
  const tempFiles = [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`];
  const cleanUp = () => {
    for (const f of tempFiles) fs.rmSync(f, { force: true });
  };
  const onSignal = (signal) => {
    cleanUp();
    console.error(`backup: interrupted by ${signal}; no backup was written.`);
    process.exit(1);
  };
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s, onSignal);

  try {
    cleanUp();
    const started = Date.now();
    const live = new Database(source, { fileMustExist: true });
    try {
      live.pragma("busy_timeout = 10000");
      // One read transaction: a consistent snapshot of everything committed when it began,
      // including what is still in the WAL. Writers carry on meanwhile.
      live.prepare("VACUUM INTO ?").run(temp);
    } finally {
      live.close();
    }
    const tookMs = Date.now() - started;

    const copy = new Database(temp, { fileMustExist: true });
    let summary;
    try {
      check(copy);
      summary = describe(copy);
    } finally {
      copy.close();
    }
    fsyncPath(temp);
    if (fs.existsSync(dest)) throw new Error(`${dest} appeared while the backup was being taken; not overwritten.`);
    fs.renameSync(temp, dest);
    fsyncDir(path.dirname(dest));

    const rel = (p) => {
      const r = path.relative(process.cwd(), p);
      return r && !r.startsWith("..") && !path.isAbsolute(r) ? r : p;
    };
    const width = Math.max(...summary.counts.map(([t]) => t.length));
    console.log(`Backed up ${rel(source)} (online, one consistent snapshot, ${tookMs} ms)`);
    console.log(`  to ${rel(dest)}`);
    console.log(`  size ${formatSize(fs.statSync(dest).size)}`);
    console.log(`  checked: integrity_check ok, foreign_key_check found nothing; ${summary.migrations} migration(s) applied`);
    console.log("  rows:");
    for (const [table, n] of summary.counts) console.log(`    ${table.padEnd(width)} ${String(n).padStart(8)}`);
    console.log(`Restore it with: npm run restore -- ${rel(dest)}`);
  } catch (error) {
    cleanUp();
    throw error;
  }
}

try {
  main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`backup failed: ${message}`);
  if (error instanceof UsageError) console.error(`\n${USAGE}`);
  else console.error("No backup was written.");
  process.exit(1);
}
