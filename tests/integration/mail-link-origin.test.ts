/**
 * Where a link in mail points when no PUBLIC_URL is set: where the app was opened, if it is one of the
 * origins the app answers on, so that its reader lands where they are signed in; never a Host header
 * of anyone's choosing.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "../../db/schema";
import * as usersIndex from "~/routes/admin.users._index";
import { resetEnvCache } from "~/services/env.server";
import { inRequestScope } from "~/services/request-scope.server";
import { db, useTestDatabase } from "../helpers/db";
import { callAction } from "../helpers/requests";

useTestDatabase();

const kept = { PUBLIC_URL: process.env.PUBLIC_URL, APP_ORIGIN: process.env.APP_ORIGIN, PORT: process.env.PORT };
beforeEach(() => {
  delete process.env.PUBLIC_URL;
  delete process.env.APP_ORIGIN;
  process.env.PORT = "3423";
  resetEnvCache();
});
afterEach(() => {
  for (const [k, v] of Object.entries(kept))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  resetEnvCache();
});

/** An invitation sent from the app as opened at `origin`: the address its link points at. */
async function invitedFrom(origin: string, email: string): Promise<string> {
  const sent = await inRequestScope(
    () =>
      callAction(usersIndex.action, { path: "/admin/users", as: "admin@demo.test", form: { name: "Aoife Byrne", email, role: "leader", organisationId: "" } }),
    origin
  );
  expect(sent.status).toBe(303);
  const body = db().select().from(outbox).where(eq(outbox.toAddress, email)).get()!.body;
  return body.match(/(https?:\/\/[^\s/]+)\/password\//)![1]!;
}

describe("a link in mail, with no PUBLIC_URL set", () => {
  it("points where the app was opened, 127.0.0.1 or localhost, as the outbox shows it", async () => {
    expect(await invitedFrom("http://127.0.0.1:3423", "aoife@eastmere.example")).toBe("http://127.0.0.1:3423");
    expect(await invitedFrom("http://localhost:3423", "ben@eastmere.example")).toBe("http://localhost:3423");
  });

  it("points at the first origin the app answers on when it was reached by another name, and at PUBLIC_URL whenever that is set", async () => {
    expect(await invitedFrom("http://planner.attacker.example", "cara@eastmere.example")).toBe("http://localhost:3423");
    process.env.PUBLIC_URL = "https://planner.example.org";
    resetEnvCache();
    expect(await invitedFrom("http://127.0.0.1:3423", "dev@eastmere.example")).toBe("https://planner.example.org");
  });
});
