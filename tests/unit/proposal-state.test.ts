import { describe, expect, it } from "vitest";
import {
  decisionLabel,
  draftApprovalNote,
  draftNote,
  reviewStage,
  versionState,
  type AcceptanceRecord,
  type ApprovalState,
  type ProposalContent,
} from "~/domain/proposal-content";
import { presentState, presentVersion } from "~/domain/proposal-state";
import { APPROVED } from "../helpers/sample-proposal";

const ACCEPTANCE: AcceptanceRecord = {
  signerName: "Helen Marsh",
  signerTitle: "Chief Executive",
  account: "Helen Marsh",
  at: "2026-11-20T14:05:09.000Z",
  option: "The proposal as described",
  fingerprint: "ab",
};
const draft = (review?: Extract<ApprovalState, { status: "draft" }>["review"], acceptance?: AcceptanceRecord): ApprovalState => ({
  status: "draft",
  ...(review ? { review } : {}),
  ...(acceptance ? { acceptance } : {}),
});

describe("a version's state", () => {
  it.each([
    [draft(), "draft"],
    [draft("shared"), "shared"],
    [draft("changes_requested"), "changes_requested"],
    [draft("awaiting_approval"), "awaiting_approval"],
    [draft("shared", ACCEPTANCE), "accepted"],
    [draft("awaiting_approval", ACCEPTANCE), "accepted"],
    [draft("declined"), "declined"],
    [draft("declined", ACCEPTANCE), "declined"],
    [APPROVED, "approved"],
    [{ ...APPROVED, acceptance: ACCEPTANCE }, "agreed"],
  ] as [ApprovalState, string][])("%#: is %s", (approval, state) => {
    expect(versionState(approval)).toBe(state);
  });

  it("is stated on the cover by the same rule: agreed only once both sides have given their word", () => {
    expect(decisionLabel(draft("shared", ACCEPTANCE))).toBe("Draft — not approved");
    const approved: ApprovalState = {
      status: "approved",
      decision: "approved",
      approvers: [{ name: "Dr Eleanor Whitfield", at: "2026-11-24", decision: "approved" }],
    };
    expect(decisionLabel(approved)).toBe("Approved, awaiting acceptance");
    expect(decisionLabel({ ...approved, acceptance: ACCEPTANCE })).toBe("Agreed");
  });
});

describe("what a version's cover and approval page say of it", () => {
  const content = { partnerName: "Northbridge Health", proposer: undefined, state: undefined } as Parameters<typeof draftNote>[1];
  it("say a version the partner asked changes to is being revised and will be replaced, not that it becomes the agreed proposal", () => {
    expect(
      draftApprovalNote(draft("changes_requested"), {
        ...content,
        proposer: { name: "Riverbend Institute", shortName: "Riverbend" } as ProposalContent["proposer"],
      })
    ).toBe("Northbridge Health asked for changes to this version: Riverbend is revising it, and a new version will replace it.");
    expect(draftNote(draft("changes_requested"), content)).toBe(draftApprovalNote(draft("changes_requested"), content));
    expect(draftApprovalNote(draft("shared"), content)).toBe(
      "This is a draft for discussion. It becomes the agreed proposal when both parties have approved this version."
    );
  });
});

describe("where a version not yet approved stands", () => {
  const facts = { sharedAt: null, latestRequest: null, latestResponse: null } as Parameters<typeof reviewStage>[0];
  it("is unshared, then shared, then with changes asked for, with our leadership, or declined: the latest request first", () => {
    expect(reviewStage(facts)).toBeNull();
    expect(reviewStage({ ...facts, sharedAt: "2026-11-30" })).toBe("shared");
    expect(reviewStage({ ...facts, sharedAt: "2026-11-30", latestResponse: "accepted" })).toBe("shared");
    expect(reviewStage({ ...facts, sharedAt: "2026-11-30", latestResponse: "changes_requested" })).toBe("changes_requested");
    expect(reviewStage({ ...facts, sharedAt: "2026-11-30", latestRequest: "pending" })).toBe("awaiting_approval");
    expect(reviewStage({ ...facts, sharedAt: "2026-11-30", latestRequest: "withdrawn" })).toBe("shared");
    expect(reviewStage({ ...facts, sharedAt: "2026-11-30", latestRequest: "declined", latestResponse: "accepted" })).toBe("declined");
  });
});

describe("a version presented in its state", () => {
  const content: ProposalContent = {
    title: "T",
    subtitle: "",
    partnerName: "Northbridge Health",
    versionLabel: "Version 1",
    date: "2026-11-30",
    missing: [],
    pictureSources: {},
    sections: [
      {
        key: "next-steps",
        title: "Next steps and approval",
        blocks: [
          { type: "paragraph", text: "To move from this draft:", byState: { agreed: "Both sides have agreed.", shared: "Under review." }, audience: "partner" },
          { type: "numbered", items: ["Review this draft."], byState: { agreed: ["Start the planning phase."] }, audience: "partner" },
        ],
      },
    ],
  };
  const words = (c: ProposalContent) => c.sections[0]!.blocks.map((b) => (b.type === "paragraph" ? b.text : b.type === "numbered" ? b.items : null));

  it("says the words for its state, and the draft's where a state has none of its own", () => {
    expect(words(presentState(content, "agreed"))).toEqual(["Both sides have agreed.", ["Start the planning phase."]]);
    expect(words(presentState(content, "shared"))).toEqual(["Under review.", ["Review this draft."]]);
    expect(words(presentState(content, "draft"))).toEqual(["To move from this draft:", ["Review this draft."]]);
    expect(words(presentVersion(content, { ...APPROVED, acceptance: ACCEPTANCE }))).toEqual(["Both sides have agreed.", ["Start the planning phase."]]);
  });

  it("says that leadership's approval carries conditions where a leader approved with them, never what they are; a version frozen before reads its state's words", () => {
    const conditioned: ProposalContent = {
      ...content,
      sections: [
        {
          ...content.sections[0]!,
          blocks: [
            {
              type: "paragraph",
              text: "To move from this draft:",
              byState: { agreed: "Both sides have agreed.", agreed_with_conditions: "Both sides have agreed; leadership approved it with conditions." },
              audience: "partner",
            },
            content.sections[0]!.blocks[1]!,
          ],
        },
      ],
    };
    const approved = APPROVED as Extract<ApprovalState, { status: "approved" }>;
    const agreed: ApprovalState = { ...approved, acceptance: ACCEPTANCE };
    expect(approved.decision).toBe("approved_with_conditions");
    expect(words(presentVersion(conditioned, agreed))[0]).toBe("Both sides have agreed; leadership approved it with conditions.");
    expect(words(presentVersion(conditioned, { ...approved, decision: "approved", acceptance: ACCEPTANCE }))[0]).toBe("Both sides have agreed.");
    expect(JSON.stringify(presentVersion(conditioned, agreed))).not.toContain(approved.approvers[1]!.conditions!);
    // Frozen before there were words for conditions: the state's own.
    expect(words(presentVersion(content, agreed))[0]).toBe("Both sides have agreed.");
  });

  it("carries no other state's words to the reader", () => {
    expect(JSON.stringify(presentState(content, "agreed"))).not.toContain("Under review");
    expect(JSON.stringify(presentState(content, "draft"))).not.toContain("byState");
  });
});
