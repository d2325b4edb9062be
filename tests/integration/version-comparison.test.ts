/**
 * A version's page compares it with another version, earlier or later, and reads what changed from
 * the older of the two to the newer (docs/domain.md §9.14); a first version says there is nothing to
 * compare it with only while it is the only one.
 */
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { users } from "../../db/schema";
import type { Actor } from "~/domain/roles";
import { createVersion } from "~/models/proposal.server";
import * as overview from "~/routes/engagements.$id._index";
import * as versionPage from "~/routes/engagements.$id.versions.$number";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { callAction, callLoader } from "../helpers/requests";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

let engagementId = 0;
const id = () => engagementId;
beforeEach(() => {
  engagementId = demoEngagementId();
});
const manager = (): Actor =>
  db().select({ id: users.id, role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, "manager@demo.test")).get()!;

type Page = Awaited<ReturnType<typeof versionPage.loader>>;

async function versionAt(number: number, compare?: number): Promise<Page> {
  const query = compare === undefined ? "" : `?compare=${compare}`;
  const res = await callLoader(versionPage.loader, {
    path: `/engagements/${id()}/versions/${number}${query}`,
    params: { id: String(id()), number: String(number) },
    as: "leader@demo.test",
  });
  expect(res.status).toBe(200);
  return res.data as Page;
}

/** Renames the engagement and freezes the next version with the new title. */
async function renameAndFreeze(title: string, engagementVersion: number) {
  const rename = await callAction(overview.action, {
    path: `/engagements/${id()}`,
    params: { id: String(id()) },
    as: "manager@demo.test",
    form: { intent: "update-details", title, internalNotes: "", version: String(engagementVersion) },
  });
  expect(rename.status).toBe(303);
  createVersion(manager(), id(), "2026-11-26", "2026-11");
}

const changesOf = (page: Page) => page.compare!.diff.sections.flatMap((s) => s.changes);

describe("a version's page compares it with another", () => {
  it("says there is nothing to compare only while the first version is the only one", async () => {
    // The demo engagement has its version 1 alone.
    const alone = await versionAt(1);
    expect(alone.compare).toBeNull();
    expect(alone.firstVersion).toBe("This is the first version: there is nothing to compare it with yet.");

    await renameAndFreeze("Northshire patient safety partnership, phase one", 1);
    const first = await versionAt(1);
    expect(first.others).toEqual([2]);
    expect(first.compare).toBeNull();
    expect(first.firstVersion).toBe("This is the first version: choose a later one to see what changes in it.");
    expect(first.firstVersion).not.toMatch(/nothing to compare/);
  });

  it("reads what changed forward in time, whichever of the two versions is shown", async () => {
    await renameAndFreeze("Northshire patient safety partnership, phase one", 1);
    await renameAndFreeze("Northshire patient safety partnership, phase two", 2);
    const forward = "The title changed from “Northshire patient safety partnership” to “Northshire patient safety partnership, phase two”.";

    // Version 3, compared with the earlier version 1: what changed since it.
    const later = await versionAt(3, 1);
    expect(later.compare!.heading).toBe("What changed since version 1");
    expect(changesOf(later)).toContain(forward);

    // Version 1, compared with the later version 3: what changes in it, in the same words, never "since" a later version.
    const earlier = await versionAt(1, 3);
    expect(earlier.compare!.heading).toBe("What changes in version 3, compared with this version 1");
    expect(changesOf(earlier)).toEqual(changesOf(later));
    expect(earlier.firstVersion).toBeNull();

    // Version 2 compares with version 1 unless asked otherwise.
    expect((await versionAt(2)).compare!.heading).toBe("What changed since version 1");
    expect((await versionAt(2, 3)).compare!.heading).toBe("What changes in version 3, compared with this version 2");
  });
});
