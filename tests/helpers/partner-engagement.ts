import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { engagements, organisations, users } from "../../db/schema";
import type { IntakeSectionKey } from "~/domain/intake";
import * as intakeRoute from "~/routes/engagements.$id.intake";
import { db } from "./db";
import { intakeForm } from "./intake";
import { callAction } from "./requests";

type Partner = Pick<typeof organisations.$inferInsert, "name" | "kind" | "country" | "sites" | "population">;

/** A new partner, and an engagement with it owned by `ownerEmail`: a partner a test takes from its first intake. */
export function newPartnerEngagement(partner: Partner, title: string, ownerEmail = "manager@demo.test"): number {
  const ownerId = db().select({ id: users.id }).from(users).where(eq(users.email, ownerEmail)).get()!.id;
  const organisationId = db().insert(organisations).values(partner).returning({ id: organisations.id }).get().id;
  return db().insert(engagements).values({ title, organisationId, ownerId }).returning({ id: engagements.id }).get().id;
}

/** Saves one section of the engagement's intake as its page posts it, as `as`; the save must be taken (303). */
export async function saveIntakeSection(id: number, section: IntakeSectionKey, form: Record<string, string>, as = "manager@demo.test") {
  const res = await callAction(intakeRoute.action, {
    path: `/engagements/${id}/intake?section=${section}`,
    params: { id: String(id) },
    as,
    form: intakeForm(section, form),
  });
  expect(res.status, JSON.stringify(res.data)).toBe(303);
}
