/**
 * A budget is never saved as another amount than the one meant: "€250.000", written with a dot
 * between thousands as much of Europe writes it, is refused beside its field with how to write it,
 * keeping what was typed, on the manager's intake and on the partner's alike; "1.250.000", which can
 * only be thousands, and "250k" or "1.2m" are read as what they say.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { intakes, partnerIntakeSections } from "../../db/schema";
import type { Intake } from "~/domain/intake";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import * as partnerPage from "~/routes/partner.intake.$id";
import * as reviewPage from "~/routes/engagements.$id.partner-intake";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { callAction, formAnswer } from "../helpers/requests";

useTestDatabase();

const id = () => demoEngagementId();
const stored = () => db().select().from(intakes).where(eq(intakes.engagementId, id())).get()!;
const budget = () => (JSON.parse(stored().dataJson) as Intake).budget;
const saveBudget = (form: Record<string, string>) =>
  callAction(intakeRoute.action, {
    path: `/engagements/${id()}/intake?section=budget`,
    params: { id: String(id()) },
    as: "manager@demo.test",
    form: intakeForm("budget", { version: String(stored().version), budgetSecured: "partly", ...form }),
  });
const partnerAnswer = (form: Record<string, string>) =>
  callAction(partnerPage.action, {
    path: `/partner/intake/${id()}?section=budget`,
    params: { id: String(id()) },
    as: "partner@demo.test",
    form: intakeForm("budget", { version: "1", budgetSecured: "partly", ...form }),
  });
const partnerDraft = () => {
  const row = db()
    .select()
    .from(partnerIntakeSections)
    .where(and(eq(partnerIntakeSections.engagementId, id()), eq(partnerIntakeSections.section, "budget")))
    .get();
  return row?.dataJson ? JSON.parse(row.dataJson) : null;
};

const HOW = "Write the amount with commas between thousands, like 250,000, or none, like 250000.";

describe("a budget typed with a dot between thousands", () => {
  it("is refused on the intake beside each field, saying how to write it, and nothing is saved", async () => {
    const before = stored();
    const res = await saveBudget({ budgetMin: "€250.000", budgetMax: "€400.000", currency: "eur" });
    expect(res.status).toBe(400);
    const { errors, values } = formAnswer(res);
    expect(errors.budgetMin).toBe(`Minimum budget: 250.000 could be 250 or 250,000. ${HOW}`);
    expect(errors.budgetMax).toBe(`Maximum budget: 400.000 could be 400 or 400,000. ${HOW}`);
    expect(values).toMatchObject({ budgetMin: "€250.000", budgetMax: "€400.000", currency: "eur" });
    expect(stored()).toEqual(before);
  });

  it("is saved as written when it can only be thousands, or is written with k or m", async () => {
    expect((await saveBudget({ budgetMin: "€1.250.000", budgetMax: "€2.000.000", currency: "eur" })).status).toBe(303);
    expect(budget()).toMatchObject({ budgetMin: 1_250_000, budgetMax: 2_000_000, currency: "EUR" });
    expect((await saveBudget({ budgetMin: "250k", budgetMax: "€1.2m", currency: "eur" })).status).toBe(303);
    expect(budget()).toMatchObject({ budgetMin: 250_000, budgetMax: 1_200_000, currency: "EUR" });
  });

  it("is refused the same way on the partner's own intake page", async () => {
    const opened = await callAction(reviewPage.action, {
      path: `/engagements/${id()}/partner-intake`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: { intent: "open", section: "budget" },
    });
    expect(opened.status).toBe(303);
    const res = await partnerAnswer({ budgetMin: "250.000", budgetMax: "400.000", currency: "EUR" });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.budgetMin).toBe(`Minimum budget: 250.000 could be 250 or 250,000. ${HOW}`);
    expect(formAnswer(res).values).toMatchObject({ budgetMin: "250.000", budgetMax: "400.000" });
    expect(partnerDraft()).toBeNull();

    expect((await partnerAnswer({ budgetMin: "250k", budgetMax: "1.250.000", currency: "EUR" })).status).toBe(303);
    expect(partnerDraft()).toMatchObject({ budgetMin: 250_000, budgetMax: 1_250_000 });
  });
});

describe("a count written with dots between thousands", () => {
  const saveContext = (form: Record<string, string>) =>
    callAction(intakeRoute.action, {
      path: `/engagements/${id()}/intake?section=context`,
      params: { id: String(id()) },
      as: "manager@demo.test",
      form: intakeForm("context", { version: String(stored().version), partnerKind: "health_system", sites: "14", ...form }),
    });
  const context = () => (JSON.parse(stored().dataJson) as Intake).context;

  it("is refused beside its field when it could be read two ways, keeping what was typed, and read as thousands when it can only be", async () => {
    const before = context().population;
    const refused = await saveContext({ population: "12.000" });
    expect(refused.status).toBe(400);
    expect(formAnswer(refused).errors.population).toBe(
      "Population served: 12.000 could be 12 or 12,000. Write the number with commas between thousands, like 12,000, or none, like 12000."
    );
    expect(formAnswer(refused).values).toMatchObject({ population: "12.000" });
    expect(context().population).toBe(before);

    expect((await saveContext({ population: "2.100.000" })).status).toBe(303);
    expect(context().population).toBe(2_100_000);
    // In millions, as a budget may be written: a count is read as an amount is.
    expect((await saveContext({ population: "1.2m" })).status).toBe(303);
    expect(context().population).toBe(1_200_000);
  });
});
