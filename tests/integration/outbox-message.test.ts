/**
 * A message in the outbox, as an administrator reads it: when it was written and sent, written as
 * every page writes a moment ("7 December 2026, 05:18 UTC"), never as the stored timestamp.
 */
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../../db/schema";
import * as messagePage from "~/routes/admin.outbox.$id";
import { db, useTestDatabase } from "../helpers/db";
import { callLoader } from "../helpers/requests";

useTestDatabase();

const firstMessage = () => db().select().from(outbox).orderBy(asc(outbox.id)).get()!;
const read = async (id: number) =>
  (await callLoader(messagePage.loader, { path: `/admin/outbox/${id}`, params: { id: String(id) }, as: "admin@demo.test" })).data.message as {
    written: string;
    status: string;
  };

describe("a message in the outbox", () => {
  it("says when it was written and sent as the rest of the app writes a date and a time", async () => {
    const { id } = firstMessage();
    db().update(outbox).set({ createdAt: "2026-12-07T05:18:42.604Z", sentAt: "2026-12-07T05:19:03.120Z", file: "000001.eml" }).where(eq(outbox.id, id)).run();
    const message = await read(id);
    expect(message.written).toBe("7 December 2026, 05:18 UTC");
    expect(message.status).toBe("Sent 7 December 2026, 05:19 UTC as 000001.eml");
    expect(JSON.stringify(message)).not.toContain("2026-12-07T");
  });

  it("says how many tries failed before it was sent, one as one", async () => {
    const { id } = firstMessage();
    db().update(outbox).set({ sentAt: null, attempts: 1, lastError: "Connection refused" }).where(eq(outbox.id, id)).run();
    expect((await read(id)).status).toBe("Not sent yet: 1 attempt failed, last with “Connection refused”");
    db().update(outbox).set({ attempts: 3 }).where(eq(outbox.id, id)).run();
    expect((await read(id)).status).toBe("Not sent yet: 3 attempts failed, last with “Connection refused”");
  });
});
