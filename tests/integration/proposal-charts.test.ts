import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, bookings, proposalPictures, proposalVersions } from "../../db/schema";
import type { ProposalContent } from "~/domain/proposal-content";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import { closeBrowser } from "~/services/browser.server";
import { readIntake } from "~/models/intake.server";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { chartFigures } from "../helpers/chart-titles";
import { BASE, callAction, sessionCookie } from "../helpers/requests";

useTestDatabase();
afterAll(() => closeBrowser());
// The demo seed freezes a version 1; these tests start from an engagement with none.
beforeEach(() => {
  db().delete(bookings).where(eq(bookings.engagementId, id())).run();
  db().delete(proposalVersions).where(eq(proposalVersions.engagementId, id())).run();
  db().delete(auditLog).where(eq(auditLog.action, "proposal.version.create")).run();
});

const id = () => demoEngagementId();

describe("the proposal's price charts", () => {
  it("are drawn with the version from the schedule's own figures, and the partner's Word document carries both as pictures", async () => {
    const created = await callAction(proposalRoute.action, {
      path: `/engagements/${id()}/proposal`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "create-version" },
    });
    expect(created.status).toBe(303);
    const version = db().select().from(proposalVersions).where(eq(proposalVersions.engagementId, id())).get()!;
    const content = JSON.parse(version.contentJson) as ProposalContent;

    // The schedule's table in the budget section and the chart's bars are the same amounts.
    const budget = content.sections.find((s) => s.key === "budget")!;
    const table = budget.blocks.find((b) => b.type === "table" && b.caption === "Payment schedule");
    expect(table?.type).toBe("table");
    const amounts = table!.type === "table" ? table!.rows.map((r) => Number(r[3]!.replace(/,/g, ""))) : [];
    const pictures = db().select().from(proposalPictures).where(eq(proposalPictures.proposalVersionId, version.id)).all();
    expect(pictures.map((p) => p.picture).sort()).toEqual(["driver-diagram", "fee-chart", "payment-chart", "timeline"]);
    const payments = chartFigures(pictures.find((p) => p.picture === "payment-chart")!.svg);
    expect([...payments.bars.values()]).toEqual(amounts);
    const fee = chartFigures(pictures.find((p) => p.picture === "fee-chart")!.svg);
    expect(fee.bars.get("fee|fee-1")).toBe(amounts.reduce((a, b) => a + b, 0));
    const { intake } = readIntake(db(), id());
    expect(intake.budget.currency).toBe(table!.type === "table" ? /\((\w{3})\)$/.exec(table!.columns[3]!)![1] : null);
    expect(fee.line.get("fee-1")).toBe(intake.budget.budgetMax);
    expect(budget.blocks.filter((b) => b.type === "picture").map((b) => b.type === "picture" && b.picture)).toEqual(["fee-chart", "payment-chart"]);

    // The partner's Word document: both charts as pictures, described for a screen reader, and no build-up in them.
    const request = new Request(`${BASE}/engagements/${id()}/versions/1/docx`, { headers: { Cookie: sessionCookie("leader@demo.test") } });
    const res = (await docxRoute.loader({ request, params: { id: String(id()), number: "1" }, context: {} })) as Response;
    expect(res.status).toBe(200);
    const files = unzipSync(Buffer.from(await res.arrayBuffer()));
    const xml = strFromU8(files["word/document.xml"]!);
    const described = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]!);
    expect(
      described.some(
        (d) => d.startsWith("The fee against Northshire Health System&apos;s budget") || d.startsWith("The fee against Northshire Health System's budget")
      )
    ).toBe(true);
    expect(described.some((d) => d.startsWith("The payment schedule over time"))).toBe(true);
    const pngs = Object.keys(files).filter((f) => f.startsWith("word/media/"));
    const chartPngs = pictures.filter((p) => p.picture.endsWith("-chart")).map((p) => Buffer.from(p.png));
    for (const png of chartPngs) expect(pngs.some((f) => Buffer.from(files[f]!).equals(png))).toBe(true);
    for (const p of pictures.filter((p) => p.picture.endsWith("-chart"))) expect(p.svg).not.toMatch(/build-up|day rate|margin/i);
    // Each chart's title is said once, as its caption in the document: the picture does not write it across its top as well,
    // though it stays the picture's accessible name.
    const captions = budget.blocks.flatMap((b) => (b.type === "picture" ? [b.caption] : []));
    expect(captions).toEqual(["The fee against Northshire Health System's budget", "The payment schedule over time"]);
    for (const p of pictures.filter((p) => p.picture.endsWith("-chart"))) {
      const { title } = chartFigures(p.svg);
      expect(captions).toContain(title);
      const written = [...p.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&#39;/g, "'"));
      expect(written).not.toContain(title);
    }
  }, 120_000);
});
