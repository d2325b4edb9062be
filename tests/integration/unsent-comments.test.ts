/**
 * A partner's answer sent while a comment or reply they typed on the page is not sent: refused, each
 * box named by the section it is on, nothing recorded, and what they typed given back; sent once the
 * boxes are empty. The boxes a partner's page does not have are passed over.
 */
import { count, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { partnerResponses, users } from "../../db/schema";
import { addComment } from "~/models/comments.server";
import * as partnerRoute from "~/routes/partner.engagements.$id";
import type { Actor } from "~/domain/roles";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, formAnswer } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const id = () => demoEngagementId();
const actor = (email: string): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, email)).get()!;
const answers = () => db().select({ n: count() }).from(partnerResponses).get()!.n;
const REASON = "Please move Learning Session 2 out of the winter peak.";
const answer = (response: "accepted" | "changes_requested", unsent: string) =>
  callAction(partnerRoute.action, {
    path: `/partner/engagements/${id()}`,
    params: { id: String(id()) },
    as: "partner@demo.test",
    form: {
      intent: "respond",
      number: "1",
      response,
      reason: response === "changes_requested" ? REASON : "",
      signerName: "Helen Marsh",
      signerTitle: "Chief Executive",
      confirm: "on",
      unsent,
    },
  });

describe("an answer while a comment typed on the page is not sent", () => {
  it("is refused, each box told by its section to be sent or cleared first, and goes through once none is left", async () => {
    const thread = addComment(actor("manager@demo.test"), id(), {
      number: 1,
      sectionKey: "aims",
      body: "Is August 2028 realistic for you?",
      parentId: null,
      visibility: "partner",
    });
    const before = answers();

    const refused = await answer("changes_requested", `comment:workplan reply:${thread}`);
    expect(refused.status).toBe(400);
    const { errors, values } = formAnswer(refused);
    expect(errors).toEqual({
      "comment:workplan": "Your comment on “Workplan and timeline” is not sent yet: send it, or clear it, before you ask for changes.",
      [`reply:${thread}`]: "Your reply in the thread on “Aims” is not sent yet: send it, or clear it, before you ask for changes.",
    });
    // What the partner typed comes back with the refusal.
    expect(values.reason).toBe(REASON);
    expect(answers()).toBe(before);

    const accepting = await answer("accepted", "comment:budget");
    expect(accepting.status).toBe(400);
    expect(formAnswer(accepting).errors).toEqual({
      "comment:budget": "Your comment on “Budget” is not sent yet: send it, or clear it, before you accept the proposal.",
    });
    expect(answers()).toBe(before);

    // Names of boxes the page does not have (another organisation's thread, no such section) stop nothing.
    expect((await answer("changes_requested", "comment:nowhere reply:99999 <script>")).status).toBe(303);
    expect(answers()).toBe(before + 1);
  });
});
