/**
 * A comment may be about any section the document has, Options and References included: the staff's
 * form lists the document's own sections, in its order, and a comment on Options or References, from
 * our staff or from the partner's "Comment on this section", is kept under that section.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { comments, engagements } from "../../db/schema";
import { createVersion } from "~/models/proposal.server";
import { shareVersion } from "~/models/sharing.server";
import * as partnerPage from "~/routes/partner.engagements.$id";
import * as reviewRoute from "~/routes/engagements.$id.review";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { callAction, callLoader } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const MANAGER = "manager@demo.test";
const manager = () => ({ id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null });
const eastmere = () => db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Eastmere safer transitions programme")).get()!.id;

describe("the sections a comment can be about", () => {
  it("are the document's own, Options and References included, on the staff's form and the partner's page, and a comment on either is kept", async () => {
    const id = eastmere();
    const version = createVersion(manager(), id, "2026-12-01", "2026-12");
    shareVersion(manager(), id, version.number);
    const titles = version.content.sections.map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(["Options", "References"]));

    const review = await callLoader(reviewRoute.loader, { path: `/engagements/${id}/review`, params: { id: String(id) }, as: MANAGER });
    expect(review.data.sections.map((s: { title: string }) => s.title)).toEqual(titles);

    const staff = await callAction(reviewRoute.action, {
      path: `/engagements/${id}/review`,
      params: { id: String(id) },
      as: MANAGER,
      form: { intent: "comment", number: String(version.number), sectionKey: "options", body: "Option B drops travel.", visibility: "partner", parentId: "" },
    });
    expect(staff.status).toBe(303);

    const partner = await callLoader(partnerPage.loader, { path: `/partner/engagements/${id}`, params: { id: String(id) }, as: "partner2@demo.test" });
    expect(partner.data.sections.map((s: { title: string }) => s.title)).toEqual(titles);
    const asked = await callAction(partnerPage.action, {
      path: `/partner/engagements/${id}`,
      params: { id: String(id) },
      as: "partner2@demo.test",
      form: { intent: "comment", number: String(version.number), sectionKey: "references", body: "Is there a more recent source?", parentId: "" },
    });
    expect(asked.status).toBe(303);

    const kept = db()
      .select({ section: comments.sectionKey, body: comments.body })
      .from(comments)
      .where(and(eq(comments.proposalVersionId, version.id)))
      .all();
    expect(kept).toEqual(
      expect.arrayContaining([
        { section: "options", body: "Option B drops travel." },
        { section: "references", body: "Is there a more recent source?" },
      ])
    );
  });

  it("are still refused when they are not a section of a proposal", async () => {
    const id = eastmere();
    const version = createVersion(manager(), id, "2026-12-01", "2026-12");
    const res = await callAction(reviewRoute.action, {
      path: `/engagements/${id}/review`,
      params: { id: String(id) },
      as: MANAGER,
      form: { intent: "comment", number: String(version.number), sectionKey: "appendix", body: "Anywhere.", visibility: "internal", parentId: "" },
    });
    expect(res.status).toBe(400);
  });
});
