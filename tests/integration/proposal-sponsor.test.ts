/**
 * The intake captures the partner's executive sponsor (name, title, e-mail); the proposal is addressed
 * to them and the partner's signature block names them (docs/domain.md §9.5).
 */
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { intakes } from "../../db/schema";
import { ProposalDocument } from "~/components/proposal-document";
import type { Intake } from "~/domain/intake";
import { liveProposal } from "~/models/proposal.server";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import { renderProposalDocx } from "~/services/docx.server";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, formAnswer } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const id = () => demoEngagementId();
const stored = () => db().select().from(intakes).where(eq(intakes.engagementId, id())).get()!;
const post = (form: Record<string, string>) =>
  callAction(intakeRoute.action, {
    path: `/engagements/${id()}/intake?section=capacity`,
    params: { id: String(id()) },
    as: "manager@demo.test",
    form: intakeForm("capacity", form),
  });

const capacity = (sponsor: { name: string; title: string; email: string }) => ({
  version: String(stored().version),
  seniorSponsor: "yes",
  sponsorName: sponsor.name,
  sponsorTitle: sponsor.title,
  sponsorEmail: sponsor.email,
  projectLeads: "yes",
  dataLead: "partly",
  canReleaseTeams: "yes",
  willingToShare: "yes",
  enrolmentChannel: "",
  nodePartners: "",
  dataPlatform: "",
  mentorSites: "",
  governance: "",
  capabilityPlan: "",
});

describe("the partner's executive sponsor", () => {
  it("is refused next to the field with a malformed e-mail, keeping what was typed", async () => {
    const before = stored();
    const res = await post(capacity({ name: "Dr Ines Calder", title: "Chief Executive", email: "ines at calder" }));
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.sponsorEmail).toBe("Executive sponsor's email must be an email address, like name@example.org.");
    expect(formAnswer(res).values).toMatchObject({ sponsorName: "Dr Ines Calder", sponsorEmail: "ines at calder" });
    expect(stored()).toEqual(before);
  });

  it("saved in the intake, is named on the cover, in governance and in the partner's signature block", async () => {
    const res = await post(capacity({ name: "Dr Ines Calder", title: "Chief Executive, Northshire Health System", email: "ines.calder@northshire.example" }));
    expect(res.status).toBe(303);
    const saved = JSON.parse(stored().dataJson) as Intake;
    expect(saved.capacity).toMatchObject({ sponsorName: "Dr Ines Calder", sponsorEmail: "ines.calder@northshire.example" });

    const manager = { id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null };
    const { content } = liveProposal(manager, id(), "2026-11-30", "2026-11");
    const named = "Dr Ines Calder, Chief Executive, Northshire Health System";
    const html = renderToStaticMarkup(createElement(ProposalDocument, { content, pictures: {}, approval: { status: "draft" }, mode: "print" }));
    const text = html
      .replace(/<[^>]+>/g, " ")
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, " ");
    expect(text).toContain(`Addressed to ${named}`);
    expect(text).toContain(`For Northshire Health System ${named}`);
    // Her title names the partner already: the sentence does not name it again.
    expect(text).toContain("Dr Ines Calder, Chief Executive, Northshire Health System, is the senior sponsor of the work.");
    expect(text).not.toContain("Senior sponsor: Yes");
    // One person, one term: the governance that the steering group is chaired by the senior sponsor, and this sentence naming them, agree.
    expect(text).toContain("chaired by Northshire Health System's senior sponsor");
    expect(text).not.toMatch(/executive sponsor/i);

    const docx = unzipSync(await renderProposalDocx({ ...content, edition: "partner" }, {}, { status: "draft" }));
    const body = strFromU8(docx["word/document.xml"]!)
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ");
    expect(body).toContain(`Addressed to ${named}`);
    expect(body).toMatch(/For Northshire Health System\s+Dr Ines Calder, Chief Executive, Northshire Health System/);
  });
});
