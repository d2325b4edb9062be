import { expect } from "vitest";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { db } from "./db";
import { callAction, callLoader } from "./requests";

/**
 * The demo's one-site request (Ashford Valley), switched by its manager from joining the open
 * collaborative to a short tailored engagement on the Method page, and its timeline generated again
 * (docs/domain.md §2.5), unless `regenerate` is false: its timeline is then still the joining one, up
 * for review. Returns the engagement's id.
 */
export async function ashfordTakenShort(as = "manager@demo.test", { regenerate = true } = {}): Promise<number> {
  const id = (db().$client.prepare("select id from engagements where title = ?").get("Ashford Valley sepsis on the wards") as { id: number }).id;
  const params = { id: String(id) };
  const method = await callLoader(methodRoute.loader, { path: `/engagements/${id}/method`, params, as });
  const { intakeVersion, decision } = method.data.view;
  const chosen = await callAction(methodRoute.action, {
    path: `/engagements/${id}/method`,
    params,
    as,
    form: { form: "small", intent: "small", choice: "short_tailored", intakeVersion: String(intakeVersion), decisionVersion: String(decision.version) },
  });
  expect(chosen.status, JSON.stringify(chosen.data)).toBe(303);
  if (!regenerate) return id;
  const before = await callLoader(timelineRoute.loader, { path: `/engagements/${id}/timeline`, params, as });
  const made = await callAction(timelineRoute.action, {
    path: `/engagements/${id}/timeline`,
    params,
    as,
    form: { intent: "regenerate", version: String(before.data.version) },
  });
  expect(made.status, JSON.stringify(made.data)).toBe(303);
  return id;
}
