import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { auditLog, engagements, partnerResponses, proposalPricing, proposalVersionFit, proposalVersions } from "../../db/schema";
import { aboutFigure } from "~/domain/exchange-rate";
import { ProposalDocument } from "~/components/proposal-document";
import { formatMonth } from "~/domain/calendar";
import { money } from "~/domain/money";
import { partnerEdition } from "~/domain/proposal-audience";
import type { Block, ProposalContent } from "~/domain/proposal-content";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { createVersion } from "~/models/proposal.server";
import { submitForApproval } from "~/models/approvals.server";
import { respondToVersion, shareVersion } from "~/models/sharing.server";
import * as partnerPage from "~/routes/partner.engagements.$id";
import { proposalHtml } from "~/services/pdf.server";
import * as approvalPage from "~/routes/approvals.$requestId";
import { action as fitAction, loader as fitLoader } from "~/routes/engagements.$id.fit";
import { action as proposalAction, loader as proposalLoader } from "~/routes/engagements.$id.proposal";
import { pinToday } from "../helpers/clock";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { liveDocxText } from "../helpers/docx-text";
import { createOtherManagerEngagement, demoEngagementId, setBudget } from "../helpers/fixtures";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

/*
 * The exchange rate a manager records on the Proposal (or Fit) page for a budget in the partner's own
 * currency (docs/domain.md §8.7, decision 33): refused beside its field when it cannot be read, audited,
 * the manager's alone to record, the fee then compared, shaped and stated through it, and frozen with
 * each version.
 */

useTestDatabase();
pinToday("2026-12");

const MANAGER = "manager@demo.test";
const manager = () => ({ id: userIdByEmail(MANAGER), role: "manager" as const, organisationId: null });
const NBSP = "\u00a0";

const proposalPage = async (id: number) =>
  (await callLoader(proposalLoader as never, { as: MANAGER, path: `/engagements/${id}/proposal`, params: { id: String(id) } })).data;
const post = (id: number, form: Record<string, string>, as = MANAGER, page: "proposal" | "fit" = "proposal") =>
  callAction((page === "fit" ? fitAction : proposalAction) as never, {
    as,
    path: `/engagements/${id}/${page}`,
    params: { id: String(id) },
    form: { form: "budget", version: String(pricingVersion(id)), ...form },
  });
/** The version of the engagement's pricing, as the page the form was on showed it. */
const pricingVersion = (id: number) =>
  db().select({ version: proposalPricing.version }).from(proposalPricing).where(eq(proposalPricing.engagementId, id)).get()?.version ?? 0;
const rateForm = (rate: string, more: Record<string, string> = {}) => ({
  intent: "set-rate",
  currency: "EUR",
  rate,
  rateOn: "2026-11-30",
  rateSource: "European Central Bank reference rate",
  ...more,
});
const audited = (id: number, action: string) =>
  db()
    .select({ detailJson: auditLog.detailJson })
    .from(auditLog)
    .where(and(eq(auditLog.engagementId, id), eq(auditLog.action, action)))
    .all()
    .map((a) => JSON.parse(a.detailJson));
const stored = (id: number) =>
  db()
    .select({ rate: engagements.exchangeRate, from: engagements.exchangeRateFrom, to: engagements.exchangeRateTo, on: engagements.exchangeRateOn })
    .from(engagements)
    .where(eq(engagements.id, id))
    .get();

describe("recording the exchange rate", () => {
  it("is refused beside its field, what was typed kept, when the rate or its date cannot be taken", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR" });
    const cases: [Record<string, string>, string, string][] = [
      [rateForm("0,92"), "rate", "The exchange rate: write 0,92 with a dot for the decimal point, as 0.92."],
      [rateForm("1.085"), "rate", "The exchange rate: 1.085 could be 1.085 or 1,085. Write 1.0850 for the first, or 1085 for the second."],
      [rateForm("0"), "rate", "The exchange rate must be more than 0."],
      [rateForm(""), "rate", "The exchange rate is required."],
      [rateForm("0.92", { rateOn: "" }), "rateOn", "Enter the rate's date."],
      [rateForm("0.92", { rateOn: "2026-12-02" }), "rateOn", "The rate's date cannot be after today, 1 December 2026: record the rate of a day that has come."],
      [rateForm("0.92", { currency: "USD" }), "currency", "The fee is in USD already: a budget in USD needs no exchange rate."],
    ];
    for (const [form, field, message] of cases) {
      const res = await post(id, form);
      expect(res.status, message).toBe(400);
      const answer = formAnswer(res);
      expect(answer.errors[field]).toBe(message);
      // Nothing typed is lost.
      expect(answer.values.rate).toBe(form.rate);
      expect(answer.values.rateSource).toBe("European Central Bank reference rate");
    }
    expect(stored(id)?.rate).toBeNull();
    expect(audited(id, "pricing.rate")).toEqual([]);
  });

  it("is recorded and audited; the fee is then set against the budget through it, and the levers fit the plan to the budget's maximum", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 500_000, budgetMax: 500_000, currency: "USD" });
    const fee = (await proposalPage(id)).budget.fee as number;
    // A maximum just below the fee, in dollars: some smaller first wave fits it.
    setBudget(id, { budgetMax: fee - 5_000, currency: "USD" });
    const inDollars = (await proposalPage(id)).budget;
    // The same maximum in euros at 1 USD = 0.8 EUR.
    setBudget(id, { budgetMax: (fee - 5_000) * 0.8, currency: "EUR" });
    const unrated = (await proposalPage(id)).budget;
    expect(unrated.comparison).toEqual({ verdict: "other_currency", budgetCurrency: "EUR" });
    expect(unrated.levers.find((l: { lever: string }) => l.lever === "fewer_sites").effect).not.toContain("within the budget");

    const res = await post(id, rateForm("0.8"));
    expect(res.status).toBe(303);
    expect(stored(id)).toEqual({ rate: 0.8, from: "USD", to: "EUR", on: "2026-11-30" });
    expect(audited(id, "pricing.rate")).toEqual([
      {
        summary: "1 USD = 0.8 EUR, the rate of 30 November 2026 (European Central Bank reference rate)",
        rate: 0.8,
        from: "USD",
        to: "EUR",
        on: "2026-11-30",
        source: "European Central Bank reference rate",
        previous: null,
      },
    ]);
    const rated = (await proposalPage(id)).budget;
    expect(rated.comparison).toEqual({ verdict: "above", gap: 4_000, through: { rate: expect.objectContaining({ rate: 0.8 }), fee: fee * 0.8 } });
    expect(rated.offered[0].description).toBe(
      `The fee is ${money(fee, "USD")} (about ${money(
        aboutFigure(fee * 0.8),
        "EUR"
      )} at 1 USD = 0.8 EUR, the rate of 30 November 2026), about EUR${NBSP}4,000 above the partner's budget.`
    );
    expect(rated.exchange.used).toMatchObject({ words: "1 USD = 0.8 EUR", inverse: "1 EUR = 1.25 USD", onWords: "30 November 2026" });
    // The levers fit the plan to the maximum in euros as they fit the same maximum in dollars: fewer sites now says it brings the fee within the budget.
    const shape = (levers: { lever: string; change: string; fee: number }[]) => levers.map((l) => [l.lever, l.change, l.fee]);
    expect(shape(rated.levers)).toEqual(shape(inDollars.levers));
    expect(rated.levers.find((l: { lever: string }) => l.lever === "fewer_sites").effect).toContain("within the budget");

    // Recorded on the Fit page too, its date today at the latest; changed, the audit says what it replaced.
    expect((await post(id, rateForm("0.85", { rateOn: "2026-12-01", rateSource: "" }), MANAGER, "fit")).status).toBe(303);
    expect(audited(id, "pricing.rate")[1]).toMatchObject({
      summary: "1 USD = 0.85 EUR, the rate of 1 December 2026, in place of 1 USD = 0.8 EUR, the rate of 30 November 2026",
      source: null,
    });
    const fitPage = await callLoader(fitLoader as never, { as: MANAGER, path: `/engagements/${id}/fit`, params: { id: String(id) } });
    expect(fitPage.data.budget.exchange.used.words).toBe("1 USD = 0.85 EUR");
  });

  it("that puts the fee wildly out of scale with the partner's budget is asked to be checked or confirmed beside the field, and the confirmation audited", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR" });
    const fee = (await proposalPage(id)).budget.fee as number;
    // "92" typed for 0.92: the fee would be a hundred times the budget.
    const refused = await post(id, rateForm("92"));
    expect(refused.status).toBe(400);
    const answer = formAnswer(refused);
    expect(answer.errors.confirmRate).toBe(
      `At this rate the fee is about ${money(aboutFigure(fee * 92), "EUR")}, ${Math.round(
        (fee * 92) / 1_300_000
      )} times the partner's budget (EUR${NBSP}900,000–1,300,000). Check the rate, or confirm it.`
    );
    expect(answer.values.rate).toBe("92");
    expect(answer.values.rateSource).toBe("European Central Bank reference rate");
    expect(stored(id)?.rate).toBeNull();
    expect(audited(id, "pricing.rate")).toEqual([]);
    // A fee a twentieth of the budget is asked about too.
    expect(formAnswer(await post(id, rateForm("0.0092"))).errors.confirmRate).toMatch(/less than a twentieth of the partner's budget/);
    // A confirmation holds for the rate it was given for, not another typed with it.
    expect(formAnswer(await post(id, rateForm("93", { confirmRate: "92" }))).errors.confirmRate).toMatch(/^At this rate the fee is about EUR/);
    // Confirmed, it is recorded, and the audit says what she confirmed.
    expect((await post(id, rateForm("92", { confirmRate: "92" }))).status).toBe(303);
    expect(stored(id)?.rate).toBe(92);
    expect(audited(id, "pricing.rate")[0]).toMatchObject({ rate: 92, confirmedOutOfScale: answer.errors.confirmRate });
    // A rate in scale needs no confirmation, and records none; a yen budget at 150 is in scale with the fee in yen.
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    expect(audited(id, "pricing.rate")[1]).not.toHaveProperty("confirmedOutOfScale");
    setBudget(id, { budgetMin: null, budgetMax: fee * 150, currency: "JPY" });
    expect((await post(id, rateForm("150", { currency: "JPY" }))).status).toBe(303);
  });

  it("is cleared, audited, and the budget is then not compared again; clearing what is not there is a conflict", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR" });
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    expect((await post(id, { intent: "clear-rate" })).status).toBe(303);
    expect(stored(id)).toEqual({ rate: null, from: null, to: null, on: null });
    expect(audited(id, "pricing.rate.clear")).toEqual([
      { summary: "1 USD = 0.92 EUR, the rate of 30 November 2026", previous: expect.objectContaining({ rate: 0.92, to: "EUR" }) },
    ]);
    expect((await proposalPage(id)).budget.comparison).toEqual({ verdict: "other_currency", budgetCurrency: "EUR" });
    const again = await post(id, { intent: "clear-rate" });
    expect(again.status).toBe(409);
    expect(formAnswer(again).errors[""]).toBe("No exchange rate is recorded: someone may have cleared it meanwhile.");
  });

  it("is refused from a page whose pricing changed since it was loaded, or whose budget is now in another currency, and nothing is stored", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR" });
    const loaded = pricingVersion(id);
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    // A second manager's form, loaded before the first rate was recorded.
    const stale = await post(id, rateForm("0.95", { version: String(loaded) }));
    expect(stale.status).toBe(409);
    expect(stored(id)?.rate).toBe(0.92);
    expect((await post(id, { intent: "clear-rate", version: String(loaded) })).status).toBe(409);
    expect(stored(id)?.rate).toBe(0.92);

    setBudget(id, { budgetMin: 800_000, budgetMax: 1_100_000, currency: "GBP" });
    const moved = await post(id, rateForm("0.95"));
    expect(moved.status).toBe(409);
    expect(formAnswer(moved).errors[""]).toBe("The partner's budget is in GBP now, not EUR: someone changed it since the page was loaded.");
    expect(stored(id)?.rate).toBe(0.92);
  });

  it("is the engagement's managers' alone: a leader, a partner or another manager can neither record nor clear it", async () => {
    const id = demoEngagementId();
    createOtherManagerEngagement();
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR" });
    for (const [who, status] of [
      ["leader@demo.test", 403],
      ["manager-other@demo.test", 403],
      ["partner@demo.test", 404],
    ] as const) {
      expect((await post(id, rateForm("0.92"), who)).status, who).toBe(status);
      expect(stored(id)?.rate, who).toBeNull();
    }
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    for (const [who, status] of [
      ["leader@demo.test", 403],
      ["partner@demo.test", 404],
    ] as const)
      expect((await post(id, { intent: "clear-rate" }, who)).status, who).toBe(status);
    expect(stored(id)?.rate).toBe(0.92);
  });

  it("is not used once the partner's budget is in another currency, and the panel says why", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR" });
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    setBudget(id, { budgetMin: 700_000, budgetMax: 1_000_000, currency: "GBP" });
    const budget = (await proposalPage(id)).budget;
    expect(budget.comparison).toEqual({ verdict: "other_currency", budgetCurrency: "GBP" });
    expect(budget.exchange).toMatchObject({ theirs: "GBP", used: null });
    expect(budget.exchange.unused.why).toBe(
      "The rate recorded, 1 USD = 0.92 EUR, the rate of 30 November 2026, is for a budget in EUR; the partner's budget is now in GBP, so it is not used."
    );
    // A budget in the fee's own currency needs none: the panel shows no rate at all.
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "USD" });
    expect((await proposalPage(id)).budget.exchange).toBeNull();
  });
});

describe("a version made with an exchange rate", () => {
  it("keeps the rate it was made with, for leaders and the portfolio, whatever rate is recorded later; the next version carries the new one", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR", budgetSecured: "yes" });
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    const first = createVersion(manager(), id, "2026-12-01", "2026-12").number;
    const requestId = submitForApproval(manager(), id, first);
    // The manager records another rate while leaders decide.
    expect((await post(id, rateForm("1.5", { rateOn: "2026-12-01" }))).status).toBe(303);

    const version = (number: number) =>
      db()
        .select({ id: proposalVersions.id, snapshot: proposalVersions.snapshotJson, content: proposalVersions.contentJson })
        .from(proposalVersions)
        .where(and(eq(proposalVersions.engagementId, id), eq(proposalVersions.number, number)))
        .get()!;
    const snapshotOf = (number: number) => JSON.parse(version(number).snapshot) as EngagementSnapshot;
    expect(snapshotOf(first).exchangeRate).toEqual({ from: "USD", to: "EUR", rate: 0.92, on: "2026-11-30", source: "European Central Bank reference rate" });
    // Kept beside each version for the portfolio, as it was frozen.
    const kept = (number: number) =>
      db()
        .select({ rate: proposalVersionFit.exchangeRate, to: proposalVersionFit.exchangeRateTo, on: proposalVersionFit.exchangeRateOn })
        .from(proposalVersionFit)
        .where(eq(proposalVersionFit.proposalVersionId, version(number).id))
        .get();
    expect(kept(first)).toEqual({ rate: 0.92, to: "EUR", on: "2026-11-30" });

    // Leaders deciding on the version read its comparison through 0.92, and the rate it rests on.
    const fee = snapshotOf(first).price!.fee;
    const request = await callLoader(approvalPage.loader as never, {
      as: "leader@demo.test",
      path: `/approvals/${requestId}`,
      params: { requestId: String(requestId) },
    });
    expect(request.data.view.exchangeRate).toBe("1 USD = 0.92 EUR, the rate of 30 November 2026 (European Central Bank reference rate)");
    expect(request.data.view.commits.fees[0].description).toContain(
      `(about ${money(aboutFigure(fee * 0.92), "EUR")} at 1 USD = 0.92 EUR, the rate of 30 November 2026)`
    );

    // Its partner document states the fee with its equivalent at the rate it froze.
    const budgetWords = (number: number) =>
      JSON.stringify(partnerEdition(JSON.parse(version(number).content) as ProposalContent).sections.find((s) => s.key === "budget")!.blocks);
    expect(budgetWords(first)).toContain(
      `At the exchange rate of 30 November 2026 (European Central Bank reference rate), 1 USD = 0.92 EUR, the fee is about ${money(
        aboutFigure(fee * 0.92),
        "EUR"
      )}.`
    );
    expect(budgetWords(first)).not.toContain("1.5");

    // The next version carries the rate recorded since.
    const second = createVersion(manager(), id, "2026-12-01", "2026-12").number;
    expect(snapshotOf(second).exchangeRate).toMatchObject({ rate: 1.5, on: "2026-12-01" });
    expect(kept(second)).toEqual({ rate: 1.5, to: "EUR", on: "2026-12-01" });
    expect(budgetWords(second)).toContain("1 USD = 1.5 EUR");
  });

  it("is accepted with the fee as its document states it, with its equivalent in the partner's currency", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR", budgetSecured: "yes" });
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    const number = createVersion(manager(), id, "2026-12-01", "2026-12").number;
    shareVersion(manager(), id, number);
    const partner = { id: userIdByEmail("partner@demo.test"), role: "partner" as const, organisationId: 1 };
    const org = db().select({ org: engagements.organisationId }).from(engagements).where(eq(engagements.id, id)).get()!.org;
    respondToVersion({ ...partner, organisationId: org }, id, number, "accepted", "", { name: "Helen Marsh", title: "Chief Executive", confirmed: true });
    const version = db()
      .select({ id: proposalVersions.id, s: proposalVersions.snapshotJson })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.engagementId, id), eq(proposalVersions.number, number)))
      .get()!;
    const fee = (JSON.parse(version.s) as EngagementSnapshot).price!.fee;
    const record = db()
      .select({ label: partnerResponses.optionLabel })
      .from(partnerResponses)
      .where(and(eq(partnerResponses.proposalVersionId, version.id), eq(partnerResponses.response, "accepted")))
      .get()!;
    expect(record.label).toBe(`The proposal as described, for a fee of ${money(fee, "USD")} (about ${money(aboutFigure(fee * 0.92), "EUR")})`);
  });

  it("made before any rate was recorded, still reads as it did: the budget in another currency not compared", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR", budgetSecured: "yes" });
    const before = createVersion(manager(), id, "2026-12-01", "2026-12").number;
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    const row = db()
      .select({ snapshot: proposalVersions.snapshotJson, content: proposalVersions.contentJson })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.engagementId, id), eq(proposalVersions.number, before)))
      .get()!;
    expect((JSON.parse(row.snapshot) as EngagementSnapshot).exchangeRate).toBeUndefined();
    expect(row.content).toContain("we will confirm the fee in EUR at the exchange rate agreed in the contract");
    expect(row.content).not.toContain("1 USD = 0.92 EUR");
  });
});

describe("the partner's Word document, with a rate recorded", () => {
  it("states the fee in our currency, its equivalent in theirs with the rate and its date, that the contract fixes the final rate, and the budget's currency once", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 1_100_000, budgetMax: 1_500_000, currency: "EUR", budgetSecured: "yes" });
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    const fee = (await proposalPage(id)).budget.fee as number;
    const text = await liveDocxText(manager(), id);
    const budget = text.slice(text.indexOf("\nBudget\n"), text.indexOf("\nAssumptions and risks\n"));
    expect(budget).toContain(`Northshire Health System's budget is EUR${NBSP}1,100,000–1,500,000 (secured).`);
    expect(budget).toContain(`is ${money(fee, "USD")}`);
    expect(budget).toContain(
      `At the exchange rate of 30 November 2026 (European Central Bank reference rate), 1 USD = 0.92 EUR, the fee is about ${money(
        aboutFigure(fee * 0.92),
        "EUR"
      )}. The contract will fix the final exchange rate.`
    );
    // The summary and the payment schedule give the equivalent too: the summary's sentence, the schedule's total (and each instalment's, below).
    const summary = text.slice(text.indexOf("\nExecutive summary\n"), text.indexOf("\nContext"));
    expect(summary).toContain(`The estimated fee is ${money(fee, "USD")} (about ${money(aboutFigure(fee * 0.92), "EUR")}).`);
    const schedule = budget.slice(budget.indexOf("Payment schedule"));
    expect(schedule).toContain(`In all\n\n100%\n${money(fee, null)}\nabout ${money(aboutFigure(fee * 0.92), null)}\n`);
    // One position: no longer the sentence for a budget that cannot be compared.
    expect(text).not.toContain("at the exchange rate agreed in the contract");
    // Nothing of how the fee is built.
    const live = (await proposalPage(id)).budget;
    expect(text).not.toContain(money(live.buildUp, "USD"));
  });
});

describe("the payment schedule, with a rate recorded", () => {
  /** The rows of the table a "Payment schedule" line heads in the Word document's text, one cell a line, to its "In all" row. */
  const docxRows = (text: string, columns = 5): string[][] => {
    const lines = text.slice(text.indexOf("\nPayment schedule\n") + "\nPayment schedule\n".length).split("\n");
    const rows: string[][] = [];
    for (let at = 0; at + columns <= lines.length && rows.at(-1)?.[0] !== "In all"; at += columns) rows.push(lines.slice(at, at + columns));
    return rows;
  };
  /** The rows of the page's table with this caption, its heading row first, each cell's text. */
  const htmlRows = (html: string, caption = "Payment schedule"): string[][] => {
    const at = html.search(new RegExp(`<caption[^>]*>${caption.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</caption>`));
    expect(at, caption).toBeGreaterThan(-1);
    const table = html.slice(at, html.indexOf("</table>", at));
    return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!));
  };
  const screen = (content: ProposalContent, approval: unknown = { status: "draft" }) =>
    renderToStaticMarkup(createElement(ProposalDocument, { content, pictures: {}, approval: approval as never, mode: "screen" }));
  const inShillings = (amount: number) => `about ${money(aboutFigure(amount * 129.45), null)}`;

  it("gives each instalment and the total in the partner's currency beside ours, alike in the Word document, the PDF and the web pages, the rate stated once", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 140_000_000, budgetMax: 180_000_000, currency: "KES", budgetSecured: "yes" });
    expect((await post(id, rateForm("129.45", { currency: "KES", rateSource: "Central Bank of Kenya mean rate" }))).status).toBe(303);
    const page = await proposalPage(id);
    const fee = page.budget.fee as number;
    const version = createVersion(manager(), id, "2026-12-01", "2026-12");
    const snapshot = db().select({ s: proposalVersions.snapshotJson }).from(proposalVersions).where(eq(proposalVersions.id, version.id)).get()!.s;
    const { schedule } = (JSON.parse(snapshot) as EngagementSnapshot).price!;
    const expected = [
      ["Milestone", "Due", "Share", "Amount (USD)", "Equivalent (KES)"],
      ...schedule.map((i) => [i.label, i.due ? formatMonth(i.due) : "On signature", `${i.percent}%`, money(i.amount, null), inShillings(i.amount)]),
      ["In all", "", "100%", money(fee, null), inShillings(fee)],
    ];
    // The demo's four instalments, the first on signature: 30% of the fee, about KES 61,700,000.
    expect(expected).toHaveLength(6);
    expect(expected[1]).toEqual(["On signature of the agreement", "On signature", "30%", money(fee * 0.3, null), inShillings(fee * 0.3)]);

    const text = await liveDocxText(manager(), id);
    const budget = text.slice(text.indexOf("\nBudget\n"), text.indexOf("\nAssumptions and risks\n"));
    expect(docxRows(budget)).toEqual(expected);
    // The rate and its day once, in the sentence that states the fee in KES; never on a row.
    expect(budget.split("1 USD = 129.45 KES")).toHaveLength(2);
    expect(budget).toContain("At the exchange rate of 30 November 2026 (Central Bank of Kenya mean rate), 1 USD = 129.45 KES, the fee is about");

    // The PDF is printed from this page's HTML; the manager's page, and the partner's of the version shared, read the same.
    expect(htmlRows(proposalHtml(partnerEdition(page.content as ProposalContent), {}, { status: "draft" }))).toEqual(expected);
    expect(htmlRows(screen(page.content as ProposalContent))).toEqual(expected);
    shareVersion(manager(), id, version.number);
    const shared = await callLoader(partnerPage.loader as never, { as: "partner@demo.test", path: `/partner/engagements/${id}`, params: { id: String(id) } });
    expect(shared.status).toBe(200);
    expect(htmlRows(screen(shared.data.content, shared.data.approval))).toEqual(expected);
  });

  it("is as it was where the partner's budget is in our currency: one amount a row, no total", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 1_100_000, budgetMax: 1_800_000, currency: "USD", budgetSecured: "yes" });
    const rows = htmlRows(screen((await proposalPage(id)).content as ProposalContent));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual(["Milestone", "Due", "Share", "Amount (USD)"]);
    expect(rows.slice(1).every((r) => r.length === 4 && r[0] !== "In all")).toBe(true);
  });
});

describe("an option's levers, with a rate recorded", () => {
  it("state each lever's effect in euros as the gap is, and say when no lever is left to lower an option's fee and what is", async () => {
    // Eastmere offers Core, the plan as it is, and Virtual, with every lever that lowers the fee applied.
    const id = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Eastmere safer transitions programme")).get()!.id;
    setBudget(id, { budgetMin: 500_000, budgetMax: 800_000, currency: "EUR", budgetSecured: "yes" });
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    const [core, virtual] = (await proposalPage(id)).options.options as {
      name: string;
      fee: number;
      levers: { lever: string; effect: string }[];
      shortfall: string | null;
    }[];
    // USD 1,200,000 is EUR 1,104,000 at 0.92, about EUR 304,000 above EUR 800,000: each lever says what it takes off that in euros.
    expect(core!.fee).toBe(1_200_000);
    expect(core!.levers.map((l) => [l.lever, l.effect.split(";")[0]])).toEqual([
      ["virtual_sessions", `Lowers the fee by USD${NBSP}65,000 (about EUR${NBSP}59,800), to USD${NBSP}1,135,000 (about EUR${NBSP}1,040,000)`],
      ["fewer_faculty_days", `Lowers the fee by USD${NBSP}45,000 (about EUR${NBSP}41,400), to USD${NBSP}1,155,000 (about EUR${NBSP}1,060,000)`],
    ]);
    expect(virtual!.name).toBe("Virtual");
    expect(virtual!.levers).toEqual([]);
    expect(virtual!.shortfall).toBe(
      `No lever is left to lower Virtual's fee, and it is still about ${money(
        aboutFigure(virtual!.fee * 0.92 - 800_000),
        "EUR"
      )} above the partner's maximum of ${money(
        800_000,
        "EUR"
      )}. An option is priced by the rules, never by hand: what is left is a smaller plan (fewer sites, or another method), or a larger budget from the partner.`
    );
  });
});

describe("options, with a rate recorded", () => {
  it("are each set against the budget through it, and the partner's document gives each fee's equivalent", async () => {
    const id = demoEngagementId();
    setBudget(id, { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR", budgetSecured: "yes" });
    expect((await post(id, rateForm("0.92"))).status).toBe(303);
    for (const name of ["Core", "Virtual"])
      expect(
        (await post(id, { form: "option-new", intent: "add-option", name, scope: `The ${name.toLowerCase()} collaborative.`, leavesOut: "" })).status
      ).toBe(303);
    const virtual = (await proposalPage(id)).options.options[1];
    const lever = { form: `option-${virtual.id}`, intent: "apply-option-lever", option: String(virtual.id), version: String(virtual.version) };
    expect((await post(id, { ...lever, lever: "virtual_sessions" })).status).toBe(303);
    const page = await proposalPage(id);
    const [core, online] = page.options.options as { fee: number; description: string }[];
    for (const o of [core!, online!]) expect(o.description).toContain(`(about ${money(aboutFigure(o.fee * 0.92), "EUR")} at 1 USD = 0.92 EUR,`);
    expect(page.budget.offered.map((o: { option: string }) => o.option)).toEqual(["Option A: Core", "Option B: Virtual"]);
    const text = JSON.stringify(partnerEdition(page.content as ProposalContent).sections);
    expect(text).toContain(
      `the fee is between about ${money(aboutFigure(online!.fee * 0.92), "EUR")} and ${money(
        aboutFigure(core!.fee * 0.92),
        "EUR"
      )}, depending on the option chosen.`
    );
    expect(text).toContain(`["Fee","${money(core!.fee, "USD")} (about ${money(aboutFigure(core!.fee * 0.92), "EUR")})"]`);
    // Each option's schedule gives every instalment's equivalent beside it, and the total's.
    const optionsSection = partnerEdition(page.content as ProposalContent).sections.find((s) => s.key === "options")!;
    optionsSection.subsections!.forEach((sub, k) => {
      const fee = [core!, online!][k]!.fee;
      const table = sub.blocks.find((b): b is Extract<Block, { type: "table" }> => b.type === "table")!;
      expect(table.columns).toEqual(["Milestone", "Due", "Share", "Amount (USD)", "Equivalent (EUR)"]);
      for (const row of table.rows) expect(row[4]).toBe(`about ${money(aboutFigure(Number(row[3]!.replace(/,/g, "")) * 0.92), null)}`);
      expect(table.rows.at(-1)!.slice(3)).toEqual([money(fee, null), `about ${money(aboutFigure(fee * 0.92), null)}`]);
    });
    const summary = JSON.stringify(partnerEdition(page.content as ProposalContent).sections.find((s) => s.key === "executive-summary"));
    expect(summary).toContain(
      `The estimated fee is between ${money(online!.fee, "USD")} and ${money(core!.fee, "USD")} (about ${money(
        aboutFigure(online!.fee * 0.92),
        "EUR"
      )} to ${money(aboutFigure(core!.fee * 0.92), null)}), depending on the option chosen.`
    );
  });
});
