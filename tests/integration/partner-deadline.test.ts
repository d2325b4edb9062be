import { describe, expect, it } from "vitest";
import { pinToday } from "../helpers/clock";
import { useTestDatabase, userIdByEmail } from "../helpers/db";
import { liveDocxText } from "../helpers/docx-text";
import { demoEngagementId } from "../helpers/fixtures";

/*
 * What the partner's document says of the partner's time (docs/domain.md §2.2, §8.6): the months
 * counted in words a partner can read.
 */
useTestDatabase();
pinToday("2026-12");

const manager = () => ({ id: userIdByEmail("manager@demo.test"), role: "manager" as const, organisationId: null });

describe("the partner's time in the partner's document", () => {
  it("counts Northshire's 18 months from its start in a sentence that reads as one", async () => {
    const text = await liveDocxText(manager(), demoEngagementId());
    expect(text).toContain(
      "The 18 months count from the start in March 2027 to the end of all the work: a collaborative's planning and final report take 5 of them, leaving 13 for the collaborative from prework to the summative congress (its whole plan needs at least 11 months)."
    );
    expect(text).not.toContain("Counted as the longest duration is");
  });
});
