/**
 * Leadership's conditions are written to our staff, and some are internal: the partner is never shown
 * them. While the version the partner is to accept carries conditions, the Review page tells its owners
 * so, before sharing and after, and where to tell the partner what they must know.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { engagements } from "../../db/schema";
import * as reviewRoute from "~/routes/engagements.$id.review";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase } from "../helpers/db";
import { callAction, callLoader } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();
pinToday("2026-12");

type Page = { conditionsUntold: string | null; conditions: { text: string }[] };
const review = async (id: number, as = "manager@demo.test") =>
  (await callLoader(reviewRoute.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as })).data as Page;

describe("leadership's conditions the partner is not shown", () => {
  it("are said to the owners beside the share button, then until the partner answers, and never to a leader reading", async () => {
    // Westvale's version 1, approved on condition that Learning Session 3's faculty is confirmed; not yet shared.
    const id = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Westvale pressure ulcer collaborative")).get()!.id;
    const before = await review(id);
    expect(before.conditions.map((c) => c.text)).toEqual(["Faculty for Learning Session 3 confirmed before the collaborative starts."]);
    expect(before.conditionsUntold).toBe(
      "Sharing version 1 does not show the partner leadership's condition on it, so they could accept it without knowing it. Once it is shared, tell them, in a comment they can see, whatever of it they must know before they accept; the rest stay internal."
    );
    expect((await review(id, "leader@demo.test")).conditionsUntold).toBeNull();

    const shared = await callAction(reviewRoute.action, {
      path: `/engagements/${id}/review`,
      params: { id: String(id) },
      as: "manager@demo.test",
      form: { intent: "share", number: "1" },
    });
    expect(shared.status).toBe(303);
    expect((await review(id)).conditionsUntold).toBe(
      "The partner can accept version 1 without knowing leadership's condition on it: they are not shown it. Tell them, in a comment they can see, whatever of it they must know before they accept; the rest stay internal."
    );
  });
});
