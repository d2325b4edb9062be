/**
 * A restored backup never brings back a session that ended after it was made: a cookie revoked
 * since the backup stays revoked once the backup is restored (everyone signs in again).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getSession, logout } from "~/services/session.server";
import { openDb, setDb } from "~/services/db.server";
import { db, useTestDatabase } from "../helpers/db";
import { BASE, sessionCookie } from "../helpers/requests";

useTestDatabase();

const withCookie = (cookie: string) => new Request(`${BASE}/`, { headers: { Cookie: cookie } });

describe("npm run restore", () => {
  it("empties the restored copy's sessions, so a cookie ended since the backup does not work again", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-restore-"));
    try {
      const live = path.join(dir, "planner.sqlite");
      const backup = path.join(dir, "backup.sqlite");
      // The live database, with a signed-in manager; a backup is taken while the session is open.
      db().$client.exec(`VACUUM INTO '${live}'`);
      db().$client.close();
      setDb(openDb(live));
      const cookie = sessionCookie("manager@demo.test");
      expect(getSession(withCookie(cookie))?.user.email).toBe("manager@demo.test");
      db().$client.exec(`VACUUM INTO '${backup}'`);
      // Then the session is ended (signed out, or revoked by disabling the user).
      logout(withCookie(cookie));
      expect(getSession(withCookie(cookie))).toBeNull();
      db().$client.close();

      const r = spawnSync(process.execPath, ["scripts/restore.mjs", backup], { env: { ...process.env, DATABASE_PATH: live }, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/sessions\s+0\b/);

      setDb(openDb(live));
      expect(getSession(withCookie(cookie))).toBeNull();
      expect(db().$client.prepare("select count(*) from sessions").pluck().get()).toBe(0);
      // What the backup held otherwise came back.
      expect(db().$client.prepare("select count(*) from engagements").pluck().get()).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
