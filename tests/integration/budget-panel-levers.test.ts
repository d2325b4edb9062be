import { createElement } from "react";
import { Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { BudgetPanel } from "~/components/budget-panel";
import { NO_STATE } from "~/lib/forms";
import { applyLever, getBudgetView } from "~/models/pricing.server";
import { aboutFigure } from "~/domain/exchange-rate";
import { money } from "~/domain/money";
import { eq } from "drizzle-orm";
import { engagements, intakes } from "../../db/schema";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId, setBudget } from "../helpers/fixtures";

useTestDatabase();

/** The panel as the server sends it, whole once every part it waits for (the exchange rate's, a chunk of its own) is drawn. */
function html(view: NonNullable<ReturnType<typeof getBudgetView>>): Promise<string> {
  const panel = createElement(
    StaticRouter,
    { location: "/" },
    createElement(BudgetPanel, { id: "budget", view, state: NO_STATE, optionsAt: { to: "#options", words: "below" }, today: "2026-12-07" })
  );
  return new Promise((resolve, reject) => {
    let markup = "";
    const sink = new Writable({
      write(chunk, _encoding, done) {
        markup += String(chunk);
        done();
      },
      final(done) {
        // Without the markers a streamed page puts between text and around boundaries, as the browser reads it.
        resolve(markup.replace(/<!--.*?-->/g, ""));
        done();
      },
    });
    const { pipe } = renderToPipeableStream(panel, { onAllReady: () => pipe(sink), onShellError: reject, onError: reject });
  });
}

/** The panel's words in reading order, with the heading each lever stands under. */
async function read(view: NonNullable<ReturnType<typeof getBudgetView>>) {
  const markup = await html(view);
  const under: Record<string, string[]> = {};
  let heading = "";
  for (const m of markup.matchAll(/<h3>([^<]*)<\/h3>|<li data-lever="([^"]+)"/g)) {
    if (m[1]) heading = m[1];
    else (under[heading] ??= []).push(m[2]!);
  }
  return under;
}

describe("the budget panel's levers", () => {
  it("lists a lever the rounding leaves at the same fee under its own heading, never under those that close the gap", async () => {
    const manager = { id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null };
    const view = getBudgetView(manager, demoEngagementId(), "2026-12", false)!;
    // Northshire's fee is above its budget: every lever on offer lowers it.
    expect(view.levers.length).toBeGreaterThan(1);
    expect(view.levers.every((l) => l.feeChange < 0)).toBe(true);
    expect(await read(view)).toEqual({ "Levers to close the gap": view.levers.map((l) => l.lever) });
    // One the rounding leaves where it was stands apart, below those that lower the fee.
    const [first, ...rest] = view.levers;
    const level = { ...view, levers: [{ ...first!, feeChange: 0 }, ...rest] };
    expect(await read(level)).toEqual({ "Levers to close the gap": rest.map((l) => l.lever), "Levers that leave the fee as it is": [first!.lever] });
    // With every lever level, the gap's heading stands over nothing and is not drawn.
    const allLevel = { ...view, levers: view.levers.map((l) => ({ ...l, feeChange: 0 })) };
    expect(await read(allLevel)).toEqual({ "Levers that leave the fee as it is": view.levers.map((l) => l.lever) });
  });
});

describe("the budget panel with no lever left", () => {
  it("says none is left to lower the fee, the gap still open in euros, and that a fee by hand, a smaller plan or a larger budget is what is left", async () => {
    const id = demoEngagementId();
    const manager = { id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null };
    // A budget no lever reaches, in euros at 0.92: each lever on offer applied in turn, until none is left.
    setBudget(id, { budgetMin: 50_000, budgetMax: 100_000, currency: "EUR" });
    db()
      .update(engagements)
      .set({ exchangeRate: 0.92, exchangeRateFrom: "USD", exchangeRateTo: "EUR", exchangeRateOn: "2026-12-01" })
      .where(eq(engagements.id, id))
      .run();
    let view = getBudgetView(manager, id, "2026-12", true)!;
    expect(view.levers.length).toBeGreaterThan(0);
    while (view.levers.length) {
      applyLever(manager, id, view.levers[0]!.lever, view.version, "2026-12");
      view = getBudgetView(manager, id, "2026-12", true)!;
    }
    expect(view.comparison.verdict).toBe("above");
    const gap = view.comparison.verdict === "above" ? view.comparison.gap : 0;
    // Drawn as the page draws it, without the forms (which need the page's router).
    const markup = await html(getBudgetView(manager, id, "2026-12", false)!);
    const said = /<p class="lever-warning" data-testid="levers-shortfall">([^<]*)<\/p>/.exec(markup)?.[1];
    expect(said).toBe(
      `No lever is left to lower the fee, and it is still about ${money(aboutFigure(gap), "EUR")} above the partner&#x27;s maximum of ${money(
        100_000,
        "EUR"
      )}. What is left is a fee set by hand, a smaller plan (fewer sites, or another method), or a larger budget from the partner.`
    );
    expect(markup).not.toContain("data-lever=");
  });
});

describe("the budget panel's exchange rate", () => {
  // The manager's form, "1 USD = [ ] EUR", is filled in by the browser test (tests/e2e/proposal.spec.ts).
  it("tells a leader, for a budget in euros, that no rate is recorded, with no form to record one", async () => {
    const id = demoEngagementId();
    const row = db().select({ dataJson: intakes.dataJson }).from(intakes).where(eq(intakes.engagementId, id)).get()!;
    const intake = JSON.parse(row.dataJson);
    intake.budget = { budgetMin: 900_000, budgetMax: 1_300_000, currency: "EUR" };
    db()
      .update(intakes)
      .set({ dataJson: JSON.stringify(intake) })
      .where(eq(intakes.engagementId, id))
      .run();
    const leader = { id: userIdByEmail("leader@demo.test"), role: "leader" as const, organisationId: null };
    const forLeader = await html(getBudgetView(leader, id, "2026-12", false)!);
    expect(forLeader).toContain("Exchange rate, USD to EUR");
    expect(forLeader).toContain(
      "No exchange rate is recorded: the fee is not compared with the budget in EUR until the engagement&#x27;s manager records one."
    );
    expect(forLeader).not.toContain('name="rate"');
    expect(forLeader).not.toContain("Record the rate you are using");
  });
});
