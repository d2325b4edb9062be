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
      "Sharing version 1 shows the partner that it was approved with a condition, not what it is, so they could accept it without knowing it. Once it is shared, tell them, in a comment they can see, whatever they must know of it before they accept; the rest of it stays internal."
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
      "The partner reads that version 1 was approved with a condition, not what it is. Tell them, in a comment they can see, whatever they must know of it before they accept; the rest of it stays internal."
    );

    // An internal comment tells the partner nothing: the warning stands.
    const comment = (visibility: string, body: string) =>
      callAction(reviewRoute.action, {
        path: `/engagements/${id}/review`,
        params: { id: String(id) },
        as: "manager@demo.test",
        form: { intent: "comment", number: "1", sectionKey: "aims", body, visibility, parentId: "" },
      });
    expect((await comment("internal", "Check the faculty dates with Tomás.")).status).toBe(303);
    expect((await review(id)).conditionsUntold).toMatch(/^The partner reads that version 1 was approved with a condition/);
    // Once she writes to the partner where they can read it, the page says so in place of the warning.
    expect((await comment("partner", "Before you accept: our faculty for Learning Session 3 is to be confirmed first.")).status).toBe(303);
    expect((await review(id)).conditionsUntold).toMatch(
      /^Maya Okafor wrote to the partner on \d{1,2} [A-Z][a-z]+ \d{4}, in a comment they can see, after leadership's condition on version 1\.$/
    );
  });
});
