import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, intakes, proposalSectionEdits, proposalVersions } from "../../db/schema";
import type { Block, ProposalContent, ProposalSection } from "~/domain/proposal-content";
import { partnerEdition } from "~/domain/proposal-audience";
import { richText } from "~/domain/section-edits";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();
beforeEach(() => db().delete(proposalSectionEdits).run());

const id = () => demoEngagementId();
const path = () => `/engagements/${id()}/proposal`;

/** The partner's count of its sites, as its intake gives it: what the Context section says. */
function setSites(n: number) {
  const row = db().select({ dataJson: intakes.dataJson }).from(intakes).where(eq(intakes.engagementId, id())).get()!;
  const intake = JSON.parse(row.dataJson);
  intake.context = { ...intake.context, sites: n };
  db()
    .update(intakes)
    .set({ dataJson: JSON.stringify(intake) })
    .where(eq(intakes.engagementId, id()))
    .run();
}

async function page() {
  const res = await callLoader(proposalRoute.loader, { path: path(), params: { id: String(id()) }, as: "manager@demo.test" });
  expect(res.status).toBe(200);
  return res.data as { content: ProposalContent; editing: { markdown: Record<string, string>; versions: Record<string, number> } };
}

const send = (form: Record<string, string>, as = "manager@demo.test") =>
  callAction(proposalRoute.action, { path: path(), params: { id: String(id()) }, as, form });
const context = (content: ProposalContent) => content.sections.find((s) => s.key === "context")!;
const words = (section: ProposalSection) =>
  section.blocks.map((b: Block) => (b.type === "rich" ? richText(b.parts) : b.type === "paragraph" ? b.text : "")).join("\n");

describe("a manager edits a section's words", () => {
  it("starts from the generated text, saves the edit in the draft and shows who made it", async () => {
    const before = await page();
    expect(before.editing.markdown.context).toMatch(/Northshire/);
    const res = await send({
      form: "section-context",
      intent: "edit-section",
      section: "context",
      version: "0",
      markdown: "Northshire asked us for **help** with falls.\n\n- Six hospitals\n- One board",
    });
    expect(res.status).toBe(303);
    const after = await page();
    const section = context(after.content);
    expect(words(section)).toContain("Northshire asked us for help with falls.");
    expect(section.blocks.some((b) => b.type === "facts")).toBe(true);
    expect(section.edit).toMatchObject({ by: "Maya Okafor" });
    expect(after.editing.versions.context).toBe(1);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "proposal.section.edit")).all()).toHaveLength(1);
    // The partner reads the words, never who wrote them.
    const partner = context(partnerEdition(after.content));
    expect(words(partner)).toContain("Northshire asked us for help with falls.");
    expect(partner.edit).toBeUndefined();
  });

  it("keeps the edit when the data under it changes, offers the new generated text beside it, and lets the manager choose", async () => {
    await send({ form: "section-context", intent: "edit-section", section: "context", version: "0", markdown: "Our own account of Northshire." });
    setSites(17);

    const changed = context((await page()).content);
    expect(words(changed)).toContain("Our own account of Northshire.");
    expect(words(changed)).not.toContain("17 sites");
    expect(richText(changed.edit!.newer!)).toContain("17 sites");

    expect((await send({ form: "section-context", intent: "keep-edit", section: "context", version: "1" })).status).toBe(303);
    const kept = context((await page()).content);
    expect(words(kept)).toContain("Our own account of Northshire.");
    expect(kept.edit?.newer).toBeUndefined();

    expect((await send({ form: "section-context", intent: "take-generated", section: "context", version: "2" })).status).toBe(303);
    const generated = context((await page()).content);
    expect(generated.edit).toBeUndefined();
    expect(words(generated)).toContain("17 sites");
  });

  it("creates no version while an edited section still says what the engagement no longer does, and says so before it is asked", async () => {
    await send({ form: "section-context", intent: "edit-section", section: "context", version: "0", markdown: "Northshire runs 14 sites." });
    setSites(17);
    const versions = () => db().select().from(proposalVersions).where(eq(proposalVersions.engagementId, id())).all().length;
    const before = versions();
    const sentence =
      "The engagement has changed since Context and needs was edited: on that section, take the new text or keep your edit before creating a version, so that it does not say two different things.";
    const before2 = (await page()) as unknown as { staleEdits: string | null; staleSections: { key: string; title: string }[] };
    expect(before2.staleEdits).toBe(sentence);
    // Each section to settle is linked from the notice.
    expect(before2.staleSections).toEqual([{ key: "context", title: "Context and needs" }]);
    const refused = await send({ intent: "create-version" });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors[""]).toBe(sentence);
    expect(versions()).toBe(before);
    // Once the manager has brought the edit's figure up to date and kept it, the version is created.
    await send({ form: "section-context", intent: "edit-section", section: "context", version: "1", markdown: "Northshire runs 17 sites." });
    await send({ form: "section-context", intent: "keep-edit", section: "context", version: "2" });
    expect(((await page()) as unknown as { staleEdits: string | null }).staleEdits).toBeNull();
    expect((await send({ intent: "create-version" })).status).toBe(303);
    expect(versions()).toBe(before + 1);
  });

  it("keeps no edit that still gives a figure the engagement no longer gives, and names it beside the new text and the words", async () => {
    await send({ form: "section-context", intent: "edit-section", section: "context", version: "0", markdown: "Northshire runs **14 sites**, in 2 regions." });
    setSites(17);
    // The section names the old figure its words still give, and the new one, before the manager chooses.
    expect(context((await page()).content).edit?.stillGives).toEqual({ stale: ["14 sites"], now: ["17 sites"] });

    const refused = await send({ form: "section-context", intent: "keep-edit", section: "context", version: "1" });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors[""]).toBe(
      "Your words still give “14 sites”, which the engagement no longer gives: the generated text now gives “17 sites”. Change it in the text below and save, then keep your edit, or take the new text."
    );
    const still = context((await page()).content);
    expect(words(still)).toContain("Northshire runs 14 sites");
    expect(still.edit?.newer).toBeDefined();

    // Its words changed, the edit is kept: a number that is no figure ("2 regions") never holds it back.
    await send({ form: "section-context", intent: "edit-section", section: "context", version: "1", markdown: "Northshire runs **17 sites**, in 2 regions." });
    expect(context((await page()).content).edit?.stillGives).toBeUndefined();
    expect((await send({ form: "section-context", intent: "keep-edit", section: "context", version: "2" })).status).toBe(303);
    const kept = context((await page()).content);
    expect(words(kept)).toContain("Northshire runs 17 sites, in 2 regions.");
    expect(kept.edit?.newer).toBeUndefined();
  });

  it("refuses an empty text and a stale form next to the field, keeping what was typed", async () => {
    const empty = await send({ form: "section-context", intent: "edit-section", section: "context", version: "0", markdown: "   " });
    expect(empty.status).toBe(400);
    expect(formAnswer(empty).errors.markdown).toMatch(/required/);

    await send({ form: "section-context", intent: "edit-section", section: "context", version: "0", markdown: "First words." });
    const stale = await send({ form: "section-context", intent: "edit-section", section: "context", version: "0", markdown: "Second words, typed meanwhile." });
    expect(stale.status).toBe(409);
    expect(formAnswer(stale).errors[""]).toMatch(/changed this section/);
    expect(formAnswer(stale).values.markdown).toBe("Second words, typed meanwhile.");
  });

  it("lets only the engagement's own manager edit", async () => {
    const leader = await send(
      { form: "section-context", intent: "edit-section", section: "context", version: "0", markdown: "A leader's words." },
      "leader@demo.test"
    );
    expect(leader.status).toBe(403);
    expect(db().select().from(proposalSectionEdits).all()).toHaveLength(0);
  });
});
