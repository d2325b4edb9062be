/**
 * The outbox folder (docs/domain.md §9.11) when no mail server is set: each message is one .eml file,
 * and a file already in the folder (another database's outbox beside this one) is never written over.
 */
import fs from "node:fs";
import path from "node:path";
import { isNull } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { outbox } from "../../db/schema";
import { deliverDue, outboxFolder } from "~/services/mailer.server";
import { resetEnvCache } from "~/services/env.server";
import { db, useTestDatabase } from "../helpers/db";

useTestDatabase();

describe("the outbox folder", () => {
  it("keeps a message already written under a message's number, and writes this one beside it", async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    const waiting = db().select().from(outbox).where(isNull(outbox.sentAt)).all();
    expect(waiting.length).toBeGreaterThan(0);
    const folder = outboxFolder();
    fs.mkdirSync(folder, { recursive: true });
    const theirs = (id: number) => path.join(folder, `${String(id).padStart(6, "0")}.eml`);
    for (const row of waiting) fs.writeFileSync(theirs(row.id), `Subject: another database's message ${row.id}\n\nNot ours.\n`);

    await deliverDue();

    for (const row of waiting) {
      expect(fs.readFileSync(theirs(row.id), "utf8")).toBe(`Subject: another database's message ${row.id}\n\nNot ours.\n`);
      const sent = db()
        .select()
        .from(outbox)
        .all()
        .find((r) => r.id === row.id)!;
      expect(sent.file).toBe(`${String(row.id).padStart(6, "0")}-2.eml`);
      const mail = await simpleParser(fs.readFileSync(path.join(folder, sent.file!)));
      expect(mail.subject).toBe(row.subject);
    }
    expect(fs.readdirSync(folder).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
