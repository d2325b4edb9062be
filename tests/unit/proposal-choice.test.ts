import { describe, expect, it } from "vitest";
import { presentChoice } from "~/domain/proposal-choice";
import type { AcceptanceRecord, Block, ProposalContent } from "~/domain/proposal-content";

const schedule = (title: string): Block => ({
  type: "table",
  caption: `Payment schedule: ${title}`,
  columns: ["Milestone", "Due", "Share", "Amount (USD)"],
  rows: [["On signature", "On signature", "100%", "1"]],
  audience: "partner",
});
const option = (key: string, name: string, fee: string) => ({
  title: `Option ${key}: ${name}`,
  blocks: [
    { type: "paragraph", text: `${name} scope.`, audience: "partner" } as Block,
    {
      type: "facts",
      rows: [
        ["Duration", "12 months"],
        ["Fee", fee],
      ],
      audience: "partner",
    } as Block,
    schedule(`Option ${key}: ${name}`),
  ],
});

/** Three options, as a version's content sets them out before the partner chooses. */
function content(): ProposalContent {
  return {
    title: "Safer transitions",
    subtitle: "A proposal",
    partnerName: "Eastmere",
    versionLabel: "Version 2",
    date: "2026-12-01",
    missing: [],
    pictureSources: {},
    sections: [
      {
        key: "executive-summary",
        title: "Executive summary",
        blocks: [{ type: "paragraph", text: "The estimated fee is between USD 1 and USD 3, depending on the option chosen.", audience: "partner" }],
      },
      {
        key: "budget",
        title: "Budget",
        blocks: [
          {
            type: "paragraph",
            text: "The fee and its payment schedule depend on the option Eastmere chooses: each is set out under Options.",
            audience: "partner",
          },
        ],
      },
      {
        key: "options",
        title: "Options",
        blocks: [
          { type: "paragraph", text: "Eastmere chooses one of these 3 options when accepting the proposal.", audience: "partner" },
          { type: "table", caption: "Our staff for each option", columns: ["Option"], rows: [["Option A: Core"]], audience: "internal" },
        ],
        subsections: [option("A", "Core", "USD 3"), option("B", "Virtual", "USD 1"), option("C", "Phased", "USD 2")],
      },
    ],
  };
}

const accepted = (optionKey?: string): AcceptanceRecord => ({
  signerName: "Graham Pell",
  signerTitle: "Chief Executive",
  account: "Tomas Varga",
  at: "2026-12-04T10:15:00.000Z",
  option: "Option C: Phased, for a fee of USD 2",
  fingerprint: "ab".repeat(32),
  ...(optionKey ? { optionKey } : {}),
});

describe("an accepted version's options", () => {
  it("lead with the chosen option and its schedule, the others following in brief, marked not chosen", () => {
    const after = presentChoice(content(), accepted("C"));
    const options = after.sections.find((s) => s.key === "options")!;
    expect(options.subsections!.map((s) => s.title)).toEqual(["Option C: Phased — chosen", "Option A: Core — not chosen", "Option B: Virtual — not chosen"]);
    const [chosen, core] = options.subsections!;
    expect(chosen!.blocks.find((b) => b.type === "facts")).toMatchObject({
      rows: [
        ["Decision", "Chosen by Eastmere on 4 December 2026"],
        ["Duration", "12 months"],
        ["Fee", "USD 2"],
      ],
    });
    expect(chosen!.blocks.some((b) => b.type === "table")).toBe(true);
    expect(core!.blocks.find((b) => b.type === "facts")).toMatchObject({
      rows: [
        ["Decision", "Not chosen: its fee and payment schedule do not apply"],
        ...[
          ["Duration", "12 months"],
          ["Fee", "USD 3"],
        ],
      ],
    });
    expect(core!.blocks.some((b) => b.type === "table")).toBe(false);
    expect(options.blocks[0]).toMatchObject({
      type: "paragraph",
      audience: "partner",
      text: expect.stringMatching(
        /^Eastmere chose Option C: Phased when accepting this version on 4 December 2026 \(accepted by Graham Pell, Chief Executive\)\. Its scope, fee of USD 2 and payment schedule.* The other options offered, Option A: Core and Option B: Virtual, were not chosen/
      ),
    });
    // Our internal table stays, for the internal briefing.
    expect(options.blocks.filter((b) => b.audience === "internal")).toHaveLength(1);
    const text = (key: string) => JSON.stringify(after.sections.find((s) => s.key === key)!.blocks);
    expect(text("budget")).toContain("Eastmere chose Option C: Phased on 4 December 2026, for a fee of USD 2. Its payment schedule is set out under Options.");
    expect(text("budget")).not.toContain("depend on the option");
    expect(text("executive-summary")).toContain("Eastmere chose Option C: Phased on 4 December 2026, for a fee of USD 2");
  });

  it("are left as frozen before acceptance, and for an acceptance without an option or naming none of them", () => {
    const before = content();
    expect(presentChoice(before, undefined)).toBe(before);
    expect(presentChoice(before, accepted())).toBe(before);
    expect(presentChoice(before, accepted("D"))).toBe(before);
    // The frozen content itself is never changed.
    presentChoice(before, accepted("A"));
    expect(before).toEqual(content());
  });
});
