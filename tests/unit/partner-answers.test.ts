/**
 * Taking a partner's answers into the intake (docs/domain.md §9.10): only what they answered and the
 * manager chose; an empty answer keeps the intake's; priorities matched by topic.
 */
import { describe, expect, it } from "vitest";
import { MAX_PRIORITIES, PRIORITY_TOPICS, type Intake, type Priority } from "~/domain/intake";
import { partnerAnswerChanges, takeChosenAnswers, takenForPartner, takenInWords } from "~/domain/partner-answers";

const context: Intake["context"] = {
  partnerKind: "health_system",
  sites: 14,
  hasLearningSystem: true,
  hasImprovementTeam: true,
  previousWorkWithUs: false,
  existingWork: "A falls programme in two hospitals.",
};

describe("what taking the partner's answers in would change", () => {
  it("lists only answers the partner gave that differ, with both in words, yes and no included", () => {
    const theirs: Intake["context"] = { sites: 16, hasLearningSystem: true, hasImprovementTeam: false, previousWorkWithUs: false, existingWork: "  " };
    expect(partnerAnswerChanges("context", context, theirs)).toEqual([
      { key: "sites", label: expect.stringMatching(/sites/i), ours: "14", theirs: "16" },
      { key: "hasImprovementTeam", label: expect.stringMatching(/improvement team/i), ours: "yes", theirs: "no" },
    ]);
  });

  it("writes budget amounts as money in the budget's currency", () => {
    const changes = partnerAnswerChanges("budget", { budgetMax: 900_000, currency: "EUR" }, { budgetMax: 1_200_000 });
    expect(changes).toHaveLength(1);
    expect(changes[0]!.ours.replace(/\u00a0/g, " ")).toMatch(/^(EUR |€)900,000$/);
    expect(changes[0]!.theirs.replace(/\u00a0/g, " ")).toMatch(/^(EUR |€)1,200,000$/);
  });

  it("changes nothing for an answer equal to the intake's but for spaces around it", () => {
    expect(partnerAnswerChanges("context", context, { ...context, existingWork: " A falls programme in two hospitals. " })).toEqual([]);
  });
});

describe("taking the chosen answers in", () => {
  it("replaces only the chosen answers, and refuses a choice that is not one of the changes", () => {
    const theirs: Intake["context"] = { sites: 16, hasLearningSystem: false, hasImprovementTeam: false, previousWorkWithUs: true };
    const taken = takeChosenAnswers("context", context, theirs, ["sites", "previousWorkWithUs"]);
    expect(taken).toMatchObject({ ok: true, section: { ...context, sites: 16, previousWorkWithUs: true } });
    if (taken.ok) expect(taken.taken.map((c) => c.key)).toEqual(["sites", "previousWorkWithUs"]);
    // The partner gave the same kind of partner as the intake: no change, so no choice.
    expect(takeChosenAnswers("context", context, { ...theirs, partnerKind: "health_system" }, ["sites", "partnerKind"])).toEqual({
      ok: false,
      reason: expect.stringMatching(/not among the partner's answers/),
    });
  });

  it("adds a new priority after the intake's own, and refuses when that would be more than the intake holds", () => {
    const topics = PRIORITY_TOPICS.map((t) => t.key);
    const full: Priority[] = topics.slice(0, MAX_PRIORITIES).map((topic) => ({ topic } as Priority));
    const ours: Intake["needs"] = { priorities: full.slice(0, MAX_PRIORITIES - 1) };
    const theirs: Intake["needs"] = { priorities: [{ topic: "other", custom: "Stroke thrombolysis" } as Priority, full[MAX_PRIORITIES - 1]!] };
    const keys = partnerAnswerChanges("needs", ours, theirs).map((c) => c.key);
    expect(keys).toEqual(["priority:other:stroke thrombolysis", `priority:${full[MAX_PRIORITIES - 1]!.topic}`]);
    const refused = takeChosenAnswers("needs", ours, theirs, keys);
    expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/take in at most 1 of the partner's new ones/) });
    const one = takeChosenAnswers("needs", ours, theirs, [keys[0]!]);
    expect(one.ok && one.section.priorities.map((p) => p.custom ?? p.topic)).toEqual([...ours.priorities.map((p) => p.topic), "Stroke thrombolysis"]);
  });

  it("takes a priority's baseline as one answer: a new figure comes with its own date, or with the month it is due", () => {
    const ours: Intake["needs"] = {
      priorities: [
        { topic: "readmissions", baselineMeasure: "30-day readmissions, %", baselineValue: 16.5, baselineDate: "2026-06-30", baselineSource: "Regional data" },
      ],
    };
    const measured: Intake["needs"] = { priorities: [{ topic: "readmissions", baselineValue: 15.2, baselineDate: "2026-09-30" }] };
    const changes = partnerAnswerChanges("needs", ours, measured);
    expect(changes).toEqual([
      {
        key: "priority:readmissions:baseline",
        label: expect.stringMatching(/: baseline$/),
        ours: "16.5 for 30-day readmissions, % on 30 June 2026 (Regional data)",
        theirs: "15.2 for 30-day readmissions, % on 30 September 2026 (Regional data)",
      },
    ]);
    const taken = takeChosenAnswers("needs", ours, measured, [changes[0]!.key]);
    expect(taken.ok && taken.section.priorities[0]).toMatchObject({ baselineValue: 15.2, baselineDate: "2026-09-30", baselineSource: "Regional data" });

    const due: Intake["needs"] = { priorities: [{ topic: "readmissions", baselineDue: "2027-03" }] };
    const later = takeChosenAnswers("needs", ours, due, ["priority:readmissions:baseline"]);
    expect(later.ok && later.section.priorities[0]).toEqual({
      topic: "readmissions",
      baselineMeasure: "30-day readmissions, %",
      baselineSource: "Regional data",
      baselineDue: "2027-03",
    });
  });
});

describe("what the manager is told after taking answers in", () => {
  it("counts the answers taken, one or several, and says when none were", () => {
    expect(takenInWords(1, "Needs and priorities")).toBe(
      "1 of the partner's answers to Needs and priorities is in the intake; the rest of the section is as it was."
    );
    expect(takenInWords(3, "Budget")).toBe("3 of the partner's answers to Budget are in the intake; the rest of the section is as it was.");
    expect(takenInWords(0, "Budget")).toBe(
      "None of the partner's answers to Budget were taken in; the intake is as it was, and the section is closed to the partner."
    );
  });
});

describe("a priority the intake does not list", () => {
  it("says its baseline, the month it is due or its measure, and where it would go", () => {
    const ours: Intake["needs"] = { priorities: [{ topic: "vap" }] };
    const theirs: Intake["needs"] = {
      priorities: [
        { topic: "falls", baselineMeasure: "Falls with harm per 1,000 bed-days", baselineDue: "2027-03" },
        { topic: "sepsis", baselineMeasure: "Sepsis mortality (%)" },
      ],
    };
    expect(partnerAnswerChanges("needs", ours, theirs).map((c) => c.theirs)).toEqual([
      "Falls, with a baseline to be measured for Falls with harm per 1,000 bed-days by March 2027; it would join the end of the list",
      "Sepsis, measured as Sepsis mortality (%); it would join the end of the list",
    ]);
  });
});

describe("what the partner is told of their answers left out", () => {
  it("names each answer left unticked in their own words, with the answer they gave and never the intake's", () => {
    const ours: Intake["needs"] = {
      problems: "Mortality varies threefold between boards.",
      priorities: [{ topic: "vap", baselineMeasure: "VAP per 1,000 ventilator days", baselineValue: 6.9, baselineDate: "2026-09-30" } as Priority],
    };
    const theirs: Intake["needs"] = {
      problems: "Baselines as requested.",
      priorities: [
        { topic: "vap", baselineValue: 5.1, baselineDate: "2026-06-30" } as Priority,
        { topic: "other", custom: "Stroke thrombolysis", baselineMeasure: "Door-to-needle minutes" } as Priority,
      ],
    };
    const taken = takeChosenAnswers("needs", ours, theirs, []);
    expect(taken).toMatchObject({ ok: true, taken: [] });
    if (!taken.ok) return;
    expect(taken.leftOut).toEqual([
      { label: "Problems in your own words", answer: "“Baselines as requested.”" },
      // Their own figure and date, not the intake's measure it would have joined.
      { label: "Ventilator-associated pneumonia (VAP): baseline", answer: "5.1 on 30 June 2026" },
      { label: "A priority you added", answer: "Stroke thrombolysis, measured as Door-to-needle minutes" },
    ]);
    expect(JSON.stringify(taken.leftOut)).not.toMatch(/threefold|6\.9|ventilator days|the intake/);
  });

  it("tells them of a budget in the currency they gave, or none, never the intake's; and of nothing once every answer is taken", () => {
    const left = takeChosenAnswers("budget", { budgetMax: 900_000, currency: "EUR" }, { budgetMax: 1_200_000 }, []);
    expect(left.ok && left.leftOut.map((a) => a.answer.replace(/\u00a0/g, " "))).toEqual([expect.not.stringMatching(/EUR|€/)]);
    const all = takeChosenAnswers("budget", { budgetMax: 900_000, currency: "EUR" }, { budgetMax: 1_200_000 }, ["budgetMax"]);
    expect(all.ok && all.leftOut).toEqual([]);
    expect(takenForPartner([]).said).toBe("The partnership team has taken your answers into their intake; the section is closed.");
    expect(takenForPartner([{ label: "Sites or teams", answer: "31" }]).said).toBe(
      "The partnership team has taken your answers into their intake, except this answer of yours, which they did not take in; the section is closed."
    );
  });
});
