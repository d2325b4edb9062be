import { describe, expect, it } from "vitest";
import * as list from "~/routes/api.engagements";
import * as one from "~/routes/api.engagements.$id";
import { useTestDatabase } from "../helpers/db";
import { createOtherManagerEngagement } from "../helpers/fixtures";
import { callAction, callLoader, type Outcome } from "../helpers/requests";

useTestDatabase();

/** Every error of the JSON API: a sentence under `error`, messages by path under `fields` when there are any. */
function expectApiError(res: Outcome, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/json/);
  expect(typeof res.data.error).toBe("string");
  expect(res.data.error.length).toBeGreaterThan(3);
  expect(Object.keys(res.data).filter((k) => k !== "error" && k !== "fields")).toEqual([]);
  if ("fields" in res.data) for (const m of Object.values(res.data.fields)) expect(typeof m).toBe("string");
}

describe("the JSON API's errors", () => {
  it("have one shape, whatever went wrong", async () => {
    const { engagementId: other } = createOtherManagerEngagement();
    const cases: [Promise<Outcome>, number][] = [
      [callLoader(list.loader, { path: "/api/engagements" }), 401],
      [callLoader(list.loader, { path: "/api/engagements", as: "admin@demo.test" }), 403],
      [callLoader(one.loader, { path: "/api/engagements/999999", params: { id: "999999" }, as: "leader@demo.test" }), 404],
      [callLoader(one.loader, { path: "/api/engagements/abc", params: { id: "abc" }, as: "leader@demo.test" }), 404],
      [callLoader(one.loader, { path: `/api/engagements/${other}`, params: { id: String(other) }, as: "partner@demo.test" }), 404],
      [callLoader(one.loader, { path: "/api/engagements/1", params: { id: "1" }, as: "admin@demo.test" }), 404],
      [callAction(list.action, { path: "/api/engagements", as: "leader@demo.test", json: {} }), 403],
      [callAction(list.action, { path: "/api/engagements", as: "manager@demo.test", json: "not a bundle" }), 400],
      [
        callAction(list.action, { path: "/api/engagements", as: "manager@demo.test", json: { format: "partnership-planner/engagement", formatVersion: 1 } }),
        400,
      ],
      [callAction(list.action, { path: "/api/engagements", as: "manager@demo.test", json: "x".repeat(5 * 1024 * 1024 + 10) }), 413],
    ];
    for (const [res, status] of cases) expectApiError(await res, status);
  });

  it("name the paths of a refused bundle under fields, and say what happened under error", async () => {
    const res = await callAction(list.action, {
      path: "/api/engagements",
      as: "manager@demo.test",
      json: { format: "partnership-planner/engagement", formatVersion: 1 },
    });
    expectApiError(res, 400);
    expect(Object.keys(res.data.fields).length).toBeGreaterThan(0);
  });
});
