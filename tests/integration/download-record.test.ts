/**
 * Recording a download waits for no disk (decision 21): the record is kept like any other, and the
 * connection goes back to syncing every commit, also when the record could not be written.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { writeAudit } from "~/services/audit.server";
import { recordWithoutWaitingForDisk } from "~/services/db.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";

useTestDatabase();

const synchronous = () => db().$client.pragma("synchronous", { simple: true });
const FULL = 2;
const records = (action: string) => db().select().from(auditLog).where(eq(auditLog.action, action)).all().length;

describe("a record of a read", () => {
  it("is kept, and every later commit is synced again", () => {
    expect(synchronous()).toBe(FULL);
    const before = records("proposal.download");
    recordWithoutWaitingForDisk(db(), () => writeAudit(db(), { userId: userIdByEmail("manager@demo.test"), action: "proposal.download", detail: {} }));
    expect(records("proposal.download")).toBe(before + 1);
    expect(synchronous()).toBe(FULL);
  });

  it("that fails leaves the connection syncing every commit", () => {
    expect(() =>
      recordWithoutWaitingForDisk(db(), () => {
        throw new Error("no such version");
      })
    ).toThrow("no such version");
    expect(synchronous()).toBe(FULL);
  });

  it("inside a change is part of it: undone with it", () => {
    const before = records("test.read");
    expect(() =>
      db().transaction((tx) => {
        recordWithoutWaitingForDisk(db(), () => writeAudit(tx, { userId: userIdByEmail("manager@demo.test"), action: "test.read", detail: {} }));
        throw new Error("the change failed");
      })
    ).toThrow("the change failed");
    expect(records("test.read")).toBe(before);
    expect(synchronous()).toBe(FULL);
  });
});
