/**
 * Where sign-in sends people afterwards: any same-site path, written as a URL writes it, so that a
 * path with characters beyond Latin-1 ("/∕∕evil.com", with division slashes) is a path on this site
 * and never a 500 that leaves a session written and no cookie sent.
 */
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions } from "../../db/schema";
import * as login from "~/routes/login";
import { db, useTestDatabase } from "../helpers/db";
import { callAction } from "../helpers/requests";

useTestDatabase();

const signIn = (redirectTo: string) =>
  callAction(login.action, { path: "/login", form: { email: "manager@demo.test", password: "planner-demo-2026", redirectTo } });

describe("after signing in", () => {
  it("follows a path with characters beyond Latin-1 as a path on this site, with the cookie and one session", async () => {
    const before = db().select({ n: count() }).from(sessions).get()!.n;
    const res = await signIn("/∕∕evil.com");
    expect(res.status).toBe(303);
    expect(res.location).toBe("/%E2%88%95%E2%88%95evil.com");
    expect(new URL(res.location!, "http://planner.example").host).toBe("planner.example");
    expect(res.headers.get("Set-Cookie")).toMatch(/^pp_session=/);
    expect(db().select({ n: count() }).from(sessions).get()!.n).toBe(before + 1);
  });

  it("keeps a query with non-Latin-1 text, encoded, and still refuses other hosts", async () => {
    expect((await signIn("/engagements?q=Sørensen")).location).toBe("/engagements?q=S%C3%B8rensen");
    expect((await signIn("//evil.example/")).location).toBe("/engagements");
    expect((await signIn("/\u0000/evil")).location).toBe("/engagements");
  });
});
