/**
 * A partner replies only into threads they can read: a partner-visible comment on a version shared
 * with their organisation. An internal comment, a comment on a version not shared, another
 * organisation's, or an id that does not exist all get the same 404, so ids cannot be probed.
 */
import { count, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { comments, users } from "../../db/schema";
import { createVersion } from "~/models/proposal.server";
import { addComment } from "~/models/comments.server";
import * as partnerRoute from "~/routes/partner.engagements.$id";
import type { Actor } from "~/domain/roles";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const id = () => demoEngagementId();
const actor = (email: string): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, email)).get()!;
const comment = (number: number, visibility: "partner" | "internal", body: string) =>
  addComment(actor("manager@demo.test"), id(), { number, sectionKey: "aims", body, parentId: null, visibility });
const reply = (as: string, parentId: number, number = 1) =>
  callAction(partnerRoute.action, {
    path: `/partner/engagements/${id()}`,
    params: { id: String(id()) },
    as,
    form: { intent: "comment", number: String(number), sectionKey: "aims", body: "Replying here.", parentId: String(parentId) },
  });
const commentCount = () => db().select({ n: count() }).from(comments).get()!.n;

describe("a partner's reply", () => {
  it("goes into a partner-visible thread on a version shared with them", async () => {
    const thread = comment(1, "partner", "Is August 2028 realistic for you?");
    const res = await reply("partner@demo.test", thread);
    expect(res.status).toBe(303);
    expect(db().select().from(comments).where(eq(comments.parentId, thread)).all()).toHaveLength(1);
  });

  it("is the same 404 for an internal thread, a thread on an unshared version, another organisation's, and an unknown id", async () => {
    const internal = comment(1, "internal", "INTERNAL: can we lower the fee?");
    createVersion(actor("manager@demo.test"), id(), "2026-11-26", "2026-11");
    const onUnshared = comment(2, "partner", "Draft question for version 2");
    const shared = comment(1, "partner", "A question on the shared version");
    const before = commentCount();
    const answers = [
      await reply("partner@demo.test", internal),
      await reply("partner@demo.test", onUnshared),
      await reply("partner@demo.test", onUnshared, 2),
      await reply("partner@demo.test", 99_999),
      await reply("partner2@demo.test", shared),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
    expect(new Set(answers.slice(0, 4).map((a) => a.data)).size).toBe(1);
    expect(commentCount()).toBe(before);
  });
});
