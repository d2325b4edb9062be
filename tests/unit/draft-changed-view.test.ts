import { describe, expect, it } from "vitest";
import { asksWhetherDraftChanged, draftChangedView } from "~/domain/workflow";

describe("what the Review page says when the draft has moved on from the latest version", () => {
  const owner = { share: { ok: true }, submit: { ok: false } };
  it("asks only of an owner offered to share or submit a complete version", () => {
    expect(asksWhetherDraftChanged({ missing: 0 }, owner)).toBe(true);
    expect(asksWhetherDraftChanged({ missing: 2 }, owner)).toBe(false);
    expect(asksWhetherDraftChanged({ missing: 0 }, { share: { ok: false }, submit: { ok: false } })).toBe(false);
    expect(asksWhetherDraftChanged({ missing: 0 }, null)).toBe(false);
    expect(asksWhetherDraftChanged(null, owner)).toBe(false);
  });

  it("says nothing of a draft that says what the version says, and offers a new version only of a complete draft", () => {
    const version = { number: 1, frozenOn: "20 November 2026", share: true, submit: false };
    expect(draftChangedView(version, null)).toBeNull();
    expect(draftChangedView(version, { diff: "changes", missing: 0 })).toEqual({
      words:
        "The draft has changed since version 1 was frozen on 20 November 2026. Sharing version 1 sends it as it was frozen; to share what the draft says now, create version 2 first.",
      diff: "changes",
      canCreate: true,
    });
    expect(draftChangedView(version, { diff: "changes", missing: 1 })).toMatchObject({
      words: expect.stringContaining("complete its 1 part still to be completed and create version 2 on the Proposal page."),
      canCreate: false,
    });
  });
});
