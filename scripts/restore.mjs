// npm run restore -- FILE
//
// Puts a backup in place of the live database (DATABASE_PATH, default data/planner.sqlite):
//  1. copies FILE to a temporary file beside the database and checks that copy: it must be a SQLite
//     database, pass `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, be a Partnership Planner
//     database, and not come from a newer version of the app (migrations this code does not know).
//     The checked copy is the one that goes in, so nothing can change between check and restore.
//  2. refuses while the database is in use (the server running). Every connection to a WAL database
//     keeps a SHARED lock on the database file for as long as it is open, so asking for an EXCLUSIVE
//     lock (`PRAGMA locking_mode = EXCLUSIVE` then `BEGIN EXCLUSIVE`) with a short busy timeout fails
//     exactly when some process has it open. A plain `BEGIN EXCLUSIVE` would not do: in WAL mode it only
//     takes the writer lock, which an idle server does not hold. There is no pid file, and one would go
//     stale after a crash; the lock disappears with the process that held it.
//     The copy's sessions are ended: a restored backup never brings back a session ended since.
//  3. holding that lock, checkpoints the WAL into the database file and keeps the file as
//     `<database>.before-restore-<timestamp>`; takes the database out of WAL mode, which removes its
//     -wal, and removes any -shm or -journal, so no stale log is ever replayed into the restored file;
//     then renames the checked copy into place (atomic) and releases the lock.
// The server applies any newer migrations when it next starts. See docs/decisions/0005-durability.md.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { formatSize, fsyncDir, fsyncPath, stamp, UsageError } from "./lib/files.mjs";

const USAGE = `Usage: npm run restore -- FILE

Replaces the database (DATABASE_PATH, default data/planner.sqlite) with the backup FILE. Stop the
server first. The database it replaces is kept as <database>.before-restore-<timestamp> (UTC).`;

const JOURNAL = fileURLToPath(new URL("../db/migrations/meta/_journal.json", import.meta.url));
const LOCK_WAIT_MS = 1000;

class Refusal extends Error {}
class NotReplaced extends Error {}

const sidecars = (file) => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

/** Timestamps (ms) of the migrations this code knows, from drizzle's journal. */
function knownMigrations() {
  try {
    return JSON.parse(fs.readFileSync(JOURNAL, "utf8")).entries.map((e) => Number(e.when));
  } catch {
    return undefined;
  }
}

/**
 * Checks the copy of the backup and makes it a self-contained file in rollback-journal mode.
 * Returns what it holds.
 */
function checkCopy(file, label) {
  let db;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma("busy_timeout = 1000");
    // The first read is where "file is not a database" shows.
    db.prepare("select count(*) from sqlite_master").pluck().get();
  } catch (error) {
    db?.close();
    if (error.code === "SQLITE_CORRUPT") throw new Refusal(`${label} is damaged (${error.message}).`);
    throw new Refusal(`${label} is not a readable SQLite database (${error.message}).`);
  }
  try {
    let integrity;
    try {
      integrity = db.pragma("integrity_check(20)").map((r) => r.integrity_check);
    } catch (error) {
      throw new Refusal(`${label} is damaged: integrity_check could not run (${error.message}).`);
    }
    if (!(integrity.length === 1 && integrity[0] === "ok")) {
      throw new Refusal(`${label} is damaged; integrity_check says:\n  ${integrity.join("\n  ")}`);
    }
    const fk = db.pragma("foreign_key_check");
    if (fk.length > 0) {
      const lines = fk.slice(0, 10).map((r) => `${r.table} row ${r.rowid} -> ${r.parent}`);
      throw new Refusal(`${label} has ${fk.length} broken reference(s) (foreign_key_check):\n  ${lines.join("\n  ")}`);
    }
    const tables = new Set(db.prepare("select name from sqlite_master where type = 'table'").pluck().all());
    if (!tables.has("__drizzle_migrations") || !tables.has("users") || !tables.has("engagements")) {
      throw new Refusal(`${label} is a SQLite database but not a Partnership Planner one.`);
    }
    const applied = db.prepare("select created_at from __drizzle_migrations").pluck().all().map(Number);
    const known = knownMigrations();
    let pending = 0;
    if (known) {
      const newestKnown = Math.max(...known);
      const newestApplied = applied.length ? Math.max(...applied) : 0;
      if (newestApplied > newestKnown) {
        throw new Refusal(
          `${label} was made by a newer version of Partnership Planner (it has migrations this version does not know). Restore it with that version.`
        );
      }
      pending = known.filter((w) => w > newestApplied).length;
    }
    // Sessions belong to the moment of the backup: one ended since (signed out, revoked, a user
    // disabled) must not work again. Everyone signs in afresh after a restore.
    if (tables.has("sessions")) db.prepare("delete from sessions").run();
    // Folds in a -wal that came with the backup, if any, and leaves one self-contained file.
    const mode = db.pragma("journal_mode = DELETE", { simple: true });
    if (mode !== "delete") throw new Error(`could not take the copy out of WAL mode (journal_mode is ${mode}).`);
    const counts = [...tables]
      .filter((t) => !t.startsWith("sqlite_") && !t.startsWith("__drizzle"))
      .sort()
      .map((t) => [
        t,
        db
          .prepare(`select count(*) from "${t.replace(/"/g, '""')}"`)
          .pluck()
          .get(),
      ]);
    return { counts, applied: applied.length, pending };
  } finally {
    db.close();
  }
}

/**
 * Takes and keeps an exclusive lock on the live database, or refuses if anything has it open.
 * Returns undefined when the file is not a readable database (it cannot be in use by the app then).
 */
function lockLive(file) {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.prepare("select count(*) from sqlite_master").pluck().get();
    db.exec("COMMIT");
    return db; // locking_mode EXCLUSIVE: the lock is held until the connection closes
  } catch (error) {
    db.close();
    if (String(error.code).startsWith("SQLITE_BUSY") || error.code === "SQLITE_LOCKED") {
      throw new Refusal(`${file} is in use: another process has it open (is the server running?). Stop the server and try again.`);
    }
    if (error.code === "SQLITE_NOTADB" || error.code === "SQLITE_CORRUPT") return undefined;
    throw error;
  }
}

function main() {
  const positional = [];
  for (const a of process.argv.slice(2)) {
    if (a === "--help" || a === "-h") {
      console.log(USAGE);
      return;
    }
    if (a.startsWith("-")) throw new UsageError(`Unknown option "${a}".`);
    positional.push(a);
  }
  if (positional.length !== 1) throw new UsageError(positional.length ? "Give exactly one backup file." : "Which backup? Give its file name.");

  const backup = path.resolve(positional[0]);
  const target = path.resolve(process.env.DATABASE_PATH || "data/planner.sqlite");
  const rel = (p) => {
    const r = path.relative(process.cwd(), p);
    return r && !r.startsWith("..") && !path.isAbsolute(r) ? r : p;
  };
  if (!fs.existsSync(backup) || !fs.statSync(backup).isFile()) throw new Refusal(`There is no file ${backup}.`);
  if (backup === target || sidecars(target).includes(backup)) throw new Refusal("That is the live database itself.");

  const when = stamp();
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.restore-partial-${process.pid}`);
  const tempFiles = [temp, ...sidecars(temp)];
  const cleanUp = () => {
    for (const f of tempFiles) fs.rmSync(f, { force: true });
  };
  const onSignal = (signal) => {
    cleanUp();
    console.error(`restore: interrupted by ${signal}; the database was not replaced.`);
    process.exit(1);
  };
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s, onSignal);

  let live;
  let kept;
  let swapped = false;
  const notes = [];
  try {
    // 1. Copy and check the backup. Nothing of the live database is touched until it passes.
    cleanUp();
    fs.copyFileSync(backup, temp, fs.constants.COPYFILE_EXCL);
    const backupWal = `${backup}-wal`;
    if (fs.existsSync(backupWal) && fs.statSync(backupWal).size > 0) {
      fs.copyFileSync(backupWal, `${temp}-wal`, fs.constants.COPYFILE_EXCL);
      notes.push(`the backup had a ${path.basename(backupWal)} beside it; its committed changes were included`);
    }
    const summary = checkCopy(temp, rel(backup));
    fsyncPath(temp);

    if (fs.existsSync(target)) {
      // 2. Refuse if in use; otherwise hold the lock from here to the swap.
      live = lockLive(target);
      let aside = `${target}.before-restore-${when}`;
      for (let n = 2; fs.existsSync(aside); n++) aside = `${target}.before-restore-${when}-${n}`;
      if (live) {
        // 3. Everything committed, including what is still in the WAL, into the main file.
        const [cp] = live.pragma("wal_checkpoint(TRUNCATE)");
        if (cp && cp.busy) throw new Error("could not checkpoint the current database's WAL.");
        // Out of WAL mode: SQLite removes the -wal now, and closing this connection later deletes
        // nothing by name (a WAL connection would, and that name may by then be the new file's).
        const mode = live.pragma("journal_mode = DELETE", { simple: true });
        if (mode !== "delete") throw new Error(`could not take the current database out of WAL mode (journal_mode is ${mode}).`);
        // The file is now the whole current database. This process must not open and close it
        // itself (closing any descriptor of a file drops the process's POSIX locks on it, the lock
        // held above included), so it is kept by a hard link rather than a copy.
      } else {
        // Not a readable database: nothing can be using it. Keep any log beside it as found.
        const wal = `${target}-wal`;
        if (fs.existsSync(wal)) fs.copyFileSync(wal, `${aside}-wal`, fs.constants.COPYFILE_EXCL);
        notes.push("the current database could not be read as SQLite; it was kept aside as found");
      }
      // A stale -wal, -shm or -journal beside the restored file would be replayed into it.
      for (const f of sidecars(target)) fs.rmSync(f, { force: true });
      let linked = false;
      try {
        fs.linkSync(target, aside);
        linked = true;
      } catch {
        /* no hard links on this file system */
      }
      if (linked) {
        try {
          fs.renameSync(temp, target); // atomic: the path always names a whole database
        } catch (error) {
          fs.rmSync(aside, { force: true });
          throw error;
        }
      } else {
        // Two renames, with a moment in which no file has the database's name.
        fs.renameSync(target, aside);
        try {
          fs.renameSync(temp, target);
        } catch (error) {
          fs.renameSync(aside, target);
          throw error;
        }
      }
      kept = aside;
    } else {
      for (const f of sidecars(target)) fs.rmSync(f, { force: true });
      fs.renameSync(temp, target);
    }
    swapped = true;
    fsyncDir(path.dirname(target));
    live?.close();
    live = undefined;
    for (const f of sidecars(temp)) fs.rmSync(f, { force: true });

    const width = Math.max(...summary.counts.map(([t]) => t.length));
    console.log(`Restored ${rel(backup)}`);
    console.log(`  into ${rel(target)} (${formatSize(fs.statSync(target).size)})`);
    console.log(`  checked first: integrity_check ok, foreign_key_check found nothing; ${summary.applied} migration(s) applied in the backup`);
    if (kept) console.log(`  the database it replaced is kept as ${rel(kept)} (${formatSize(fs.statSync(kept).size)})`);
    else console.log("  there was no database there before");
    for (const n of notes) console.log(`  note: ${n}`);
    console.log("  rows:");
    for (const [table, n] of summary.counts) console.log(`    ${table.padEnd(width)} ${String(n).padStart(8)}`);
    console.log(
      summary.pending > 0
        ? `Now start the server (npm start); it applies the ${summary.pending} newer migration(s) as it starts.`
        : "Now start the server (npm start)."
    );
  } catch (error) {
    live?.close();
    if (swapped) {
      error.message += `\n(The backup was restored into ${rel(target)}${kept ? `; the database it replaced is ${rel(kept)}` : ""}.)`;
      throw error;
    }
    cleanUp();
    throw error instanceof Refusal ? error : new NotReplaced(error.message);
  }
}

try {
  main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) console.error(`restore: ${message}\n\n${USAGE}`);
  else if (error instanceof Refusal) console.error(`restore refused: ${message}\nNothing was changed.`);
  else if (error instanceof NotReplaced) console.error(`restore failed: ${message}\nThe database was not replaced.`);
  else console.error(`restore failed: ${message}`);
  process.exit(1);
}
