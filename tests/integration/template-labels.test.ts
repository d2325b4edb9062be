/**
 * What the blank driver-diagram template leaves to be renamed ("Secondary driver 1.1 (rename)",
 * "Outcome measure (rename)") and a measure whose operational definition says nothing ("—") never
 * reach the partner: the checker finds them and the draft cannot be shared until they are mended, each
 * listed with the part it is printed in and a link to the Driver diagram (docs/domain.md §6.2, §9.1).
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { driverDiagrams } from "../../db/schema";
import { DriverDiagramSchema } from "~/domain/driver-diagram";
import * as proposalRoute from "~/routes/engagements.$id.proposal";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callLoader } from "../helpers/requests";

useTestDatabase();

type Part = { words: string; completeIn: { to: string; words: string }[] };

describe("labels the blank template left", () => {
  it("keep the draft from being shared, each named with the part it is printed in", async () => {
    const id = demoEngagementId();
    const proposal = async () =>
      (await callLoader(proposalRoute.loader, { path: `/engagements/${id}/proposal`, params: { id: String(id) }, as: "manager@demo.test" })).data;
    expect((await proposal()).missing).toEqual([]);

    const row = db().select().from(driverDiagrams).where(eq(driverDiagrams.engagementId, id)).get()!;
    const d = DriverDiagramSchema.parse(JSON.parse(row.dataJson));
    const secondary = d.nodes.find((n) => n.kind === "secondary")!;
    secondary.label = "Secondary driver 1.1 (rename)";
    const outcome = d.measures.find((m) => m.kind === "outcome")!;
    outcome.name = "Outcome measure (rename)";
    outcome.definition = "—";
    db()
      .update(driverDiagrams)
      .set({ dataJson: JSON.stringify(d) })
      .where(eq(driverDiagrams.engagementId, id))
      .run();

    const missing = (await proposal()).missing as Part[];
    expect(missing.map((p) => p.words)).toEqual([
      "Theory of change: One driver or change idea still has the blank template's label (“Secondary driver 1.1 (rename)”). Rename it to what it means for the partner, or delete it.",
      "Measurement plan: One measure still has the blank template's name (“Outcome measure (rename)”). Name it for what it counts.",
      "Measurement plan: The outcome measure “Outcome measure (rename)” has no operational definition. Say what it counts, so that two people collecting it count the same thing.",
    ]);
    for (const part of missing) expect(part.completeIn).toEqual([{ to: `/engagements/${id}/driver-diagram`, words: "Driver diagram" }]);
  });
});
