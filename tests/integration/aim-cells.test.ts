/**
 * The aim's facts in the partner's proposal each stand alone in a cell, so each starts with a capital,
 * whatever the driver diagram's words: Eastmere's "For whom" was typed "adults discharged from …".
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagements } from "../../db/schema";
import type { Block } from "~/domain/proposal-content";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import { db, useTestDatabase } from "../helpers/db";
import { callLoader } from "../helpers/requests";

useTestDatabase();

describe("the aim's facts in the proposal", () => {
  it("each start with a capital, as a cell of their own", async () => {
    const id = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Eastmere safer transitions programme")).get()!.id;
    const { content } = (await callLoader(proposalRoute.loader, { path: `/engagements/${id}/proposal`, params: { id: String(id) }, as: "manager@demo.test" }))
      .data;
    const facts = (content.sections.find((s: { key: string }) => s.key === "aims").blocks as Block[]).find(
      (b): b is Extract<Block, { type: "facts" }> => b.type === "facts"
    )!;
    const forWhom = facts.rows.find(([label]) => label === "For whom")![1];
    expect(forWhom).toMatch(/^Adults discharged from/);
    for (const [, value] of facts.rows) expect(value).toMatch(/^[^\p{Ll}]/u);
  });
});
