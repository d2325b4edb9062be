import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { outbox } from "../../db/schema";
import { retryDelayMs, type Letter, type MailKind } from "~/domain/mail";
import { getDb, openedDb, type DB, type Tx } from "./db.server";
import { getEnv } from "./env.server";

/**
 * The outbox (docs/domain.md §9.11, decision 0012): mail is written in the transaction of the event it
 * tells of, and sent once that transaction has committed — to SMTP_URL when set, else as an .eml file
 * in the outbox folder beside the database. A message that fails is tried again later, for as long as
 * it takes; one sent but not yet marked sent when the process dies is sent again with the same
 * Message-ID, which mail clients recognise as the same message.
 */

export type Recipient = { email: string; name: string };

/** The outbox folder beside a database file. */
export function outboxFolder(db: DB = getDb()): string {
  return path.join(path.dirname(path.resolve(db.$client.name)), "outbox");
}

/** Writes a message in the caller's transaction. It is sent after that transaction commits, and never if it rolls back. */
export function enqueueMail(tx: DB | Tx, kind: MailKind, to: Recipient, letter: Letter) {
  const env = getEnv();
  const now = new Date().toISOString();
  tx.insert(outbox)
    .values({
      kind,
      messageId: `<${crypto.randomUUID()}@${new URL(env.publicUrl).hostname || "localhost"}>`,
      toAddress: to.email,
      toName: to.name,
      subject: letter.subject,
      body: letter.body,
      createdAt: now,
      nextAttemptAt: now,
    })
    .run();
  // better-sqlite3 transactions are synchronous: this runs once the caller's transaction is over. A
  // database being seeded before the server opens it has its mail sent when the server starts.
  setImmediate(() => {
    const db = openedDb();
    if (db) void deliverDue(db);
  });
}

type Transport = ReturnType<typeof nodemailer.createTransport>;
const transports = new Map<string, Transport>();

function smtpTransport(url: string): Transport {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

type Row = typeof outbox.$inferSelect;

function messageOf(row: Row, from: string) {
  return {
    from,
    to: { name: row.toName, address: row.toAddress },
    subject: row.subject,
    text: row.body,
    messageId: row.messageId,
    date: new Date(row.createdAt),
    headers: { "Auto-Submitted": "auto-generated", "X-Planner-Notice": row.kind },
  };
}

/** Sends one message; answers the outbox file's name when it was written to the folder. */
async function send(db: DB, row: Row): Promise<string | null> {
  const env = getEnv();
  if (env.SMTP_URL) {
    await smtpTransport(env.SMTP_URL).sendMail(messageOf(row, env.MAIL_FROM));
    return null;
  }
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(messageOf(row, env.MAIL_FROM));
  const folder = outboxFolder(db);
  fs.mkdirSync(folder, { recursive: true });
  const name = String(row.id).padStart(6, "0");
  const temp = path.join(folder, `.${name}.${process.pid}.tmp`);
  fs.writeFileSync(temp, info.message as Buffer);
  try {
    // Another database's outbox may share the folder (two databases side by side): a file already there
    // is someone's message and is never written over; this one takes the next free name.
    for (let n = 1; ; n++) {
      const file = n === 1 ? `${name}.eml` : `${name}-${n}.eml`;
      try {
        fs.linkSync(temp, path.join(folder, file));
        return file;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

const running = new WeakMap<DB, { promise: Promise<number>; again: boolean }>();

async function deliverBatch(db: DB): Promise<{ sent: number; more: boolean }> {
  if (!db.$client.open) return { sent: 0, more: false };
  const now = new Date().toISOString();
  const due = db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.id))
    .limit(25)
    .all();
  let sent = 0;
  for (const row of due) {
    let file: string | null = null;
    let error: string | null = null;
    try {
      file = await send(db, row);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    // A database closed meanwhile (the process is stopping) keeps the message for the next start.
    if (!db.$client.open) return { sent, more: false };
    if (error === null) {
      db.update(outbox)
        .set({ sentAt: new Date().toISOString(), attempts: row.attempts + 1, lastError: null, file })
        .where(eq(outbox.id, row.id))
        .run();
      sent++;
    } else {
      const attempts = row.attempts + 1;
      db.update(outbox)
        .set({ attempts, lastError: error.slice(0, 500), nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)).toISOString() })
        .where(eq(outbox.id, row.id))
        .run();
    }
  }
  return { sent, more: due.length === 25 && sent > 0 };
}

/** Sends every message that is due; one run at a time per database. Answers how many went. */
export function deliverDue(db: DB = getDb()): Promise<number> {
  const current = running.get(db);
  if (current) {
    current.again = true;
    return current.promise;
  }
  const state = { promise: Promise.resolve(0), again: false };
  state.promise = (async () => {
    let total = 0;
    try {
      for (;;) {
        state.again = false;
        const { sent, more } = await deliverBatch(db);
        total += sent;
        if (!more && !state.again) return total;
      }
    } finally {
      running.delete(db);
    }
  })();
  running.set(db, state);
  return state.promise;
}

let timer: NodeJS.Timeout | undefined;

/** At start-up: sends what a previous run left unsent, then looks for due retries every 15 seconds. */
export function startOutbox(db: DB = getDb()) {
  void deliverDue(db);
  clearInterval(timer);
  timer = setInterval(() => void deliverDue(db), 15_000);
  timer.unref();
}

export type OutboxEntry = Pick<Row, "id" | "kind" | "toAddress" | "toName" | "subject" | "createdAt" | "sentAt" | "attempts" | "lastError" | "file">;

/** The newest messages first, for administrators. */
export function listOutbox(limit = 200): OutboxEntry[] {
  return getDb()
    .select({
      id: outbox.id,
      kind: outbox.kind,
      toAddress: outbox.toAddress,
      toName: outbox.toName,
      subject: outbox.subject,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      file: outbox.file,
    })
    .from(outbox)
    .orderBy(sql`${outbox.id} desc`)
    .limit(limit)
    .all();
}

/** One message as it was sent: the .eml file's headers and text when written to the folder, else the stored text. */
export function readOutboxMessage(id: number) {
  const db = getDb();
  const row = db.select().from(outbox).where(eq(outbox.id, id)).get();
  if (!row) return null;
  let raw: string | null = null;
  if (row.file && /^\d+\.eml$/.test(row.file)) {
    try {
      raw = fs.readFileSync(path.join(outboxFolder(db), row.file), "utf8");
    } catch {
      raw = null;
    }
  }
  return { ...row, raw };
}
