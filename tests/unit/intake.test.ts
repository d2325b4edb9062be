import { describe, expect, it } from "vitest";
import { demoIntake, emptyIntake, prioritiesWithEvidence, PRIORITY_TOPICS, priorityLabel, type Intake, type IntakeSectionKey } from "~/domain/intake";
import { formToObject, IntakeSchema, IntakeSections, intakeToFormValues, parseIntakeSection, prefillFromOrganisation } from "~/domain/intake-schema";
import { intakeCompleteness } from "~/domain/intake-completeness";
import { FIELD_LABELS, inPartnerWords, PARTNER_FIELD_LABELS } from "~/domain/intake-labels";

function errorsFor(section: IntakeSectionKey, fields: Record<string, string>) {
  const result = parseIntakeSection(section, Object.entries(fields));
  return result.ok ? {} : result.errors;
}

function parsed<K extends IntakeSectionKey>(section: K, fields: Record<string, string>) {
  const result = parseIntakeSection(section, Object.entries(fields));
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** What a browser would post back after the form was filled from `intakeToFormValues`. */
function reparse(intake: Intake): Intake {
  const form = formToObject(Object.entries(intakeToFormValues(intake)));
  const back = {} as Record<IntakeSectionKey, unknown>;
  for (const key of Object.keys(IntakeSections) as IntakeSectionKey[]) back[key] = IntakeSections[key].parse(form);
  return back as Intake;
}

describe("intake sections: values present but wrong", () => {
  it.each([
    ["context", { sites: "1.5" }, "sites", "Number of sites must be a whole number."],
    ["context", { sites: "ten" }, "sites", "Number of sites must be a number."],
    ["context", { sites: "0" }, "sites", "Number of sites must be at least 1."],
    ["context", { population: "-5" }, "population", "Population served must be at least 0."],
    ["context", { partnerKind: "banana" }, "partnerKind", "Choose the kind of partner from the list."],
    ["scale", { desiredStart: "Spring 2027" }, "desiredStart", "Desired start must be a month and year, like March 2027."],
    ["scale", { desiredStart: "2027-13" }, "desiredStart", "Desired start is not a real month: 2027-13 does not exist."],
    ["scale", { desiredStart: "13/2027" }, "desiredStart", "Desired start is not a real month: 13/2027 does not exist."],
    // A year mistyped ("2207" for "2027") is named, not answered with an example the person already followed.
    ["scale", { desiredStart: "March 2207" }, "desiredStart", "Desired start must be in a year from 1900 to 2199: March 2207 is not."],
    ["scale", { desiredStart: "2207-03" }, "desiredStart", "Desired start must be in a year from 1900 to 2199: 2207-03 is not."],
    // A date box shows the user's own format and sends YYYY-MM-DD: the words name no format; a date typed that does not exist is named.
    ["scale", { hardDeadline: "2027-02-30" }, "hardDeadline", "2027-02-30 does not exist: enter the hard deadline as a date."],
    ["scale", { hardDeadline: "31/12/2027" }, "hardDeadline", "Enter the hard deadline as a date."],
    [
      "scale",
      { desiredStart: "2027-03", hardDeadline: "2027-02-28" },
      "hardDeadline",
      "The hard deadline (28 February 2027) is before the desired start (March 2027).",
    ],
    ["scale", { longestDurationMonths: "300" }, "longestDurationMonths", "Longest duration the partner can commit to must be at most 240."],
    ["budget", { budgetMin: "900,000", budgetMax: "600000" }, "budgetMax", "The maximum budget is below the minimum."],
    ["budget", { currency: "pounds" }, "currency", "Currency must be a three-letter code such as GBP, USD or EUR."],
    ["capacity", { seniorSponsor: "maybe" }, "seniorSponsor", "Senior sponsor: choose yes, partly or no."],
    // A day where a month is asked: which month "01/02/2028" means depends on who typed it.
    ["evidence", { aimByWhen: "2028-02-01" }, "aimByWhen", "Aim: by when must be a month and year, like March 2027."],
    [
      "evidence",
      { "priorityEvidence[0].priority": "vap", "priorityEvidence[0].degreeOfBelief": "certain" },
      "priorityEvidence[0].degreeOfBelief",
      "Choose a degree of belief: low, moderate or high.",
    ],
  ] as const)("%s %j → %s", (section, fields, field, message) => {
    expect(errorsFor(section, fields)[field]).toBe(message);
  });

  it("reads a month typed as a person writes it, where a browser has no month box", () => {
    expect(parsed("scale", { desiredStart: "March 2027" }).desiredStart).toBe("2027-03");
    expect(parsed("evidence", { aimByWhen: " 11/2028 " }).aimByWhen).toBe("2028-11");
  });

  it("reports every wrong field at once, including cross-field checks", () => {
    const errors = errorsFor("scale", { expectedSites: "many", desiredStart: "2027-06", hardDeadline: "2027-01-31" });
    expect(Object.keys(errors).sort()).toEqual(["expectedSites", "hardDeadline"]);
  });

  it("names the row of a ranked priority, even after an empty row", () => {
    const errors = errorsFor("needs", {
      "priorities[0].topic": "vap",
      "priorities[1].topic": "",
      "priorities[1].baselineMeasure": "",
      "priorities[2].topic": "vap",
      "priorities[3].topic": "other",
      "priorities[4].topic": "sepsis",
      "priorities[4].custom": "Sepsis in maternity",
      "priorities[5].baselineValue": "abc",
    });
    expect(errors).toEqual({
      "priorities[2].topic": "VAP is already priority 1; choose each topic once.",
      "priorities[3].custom": "Write in the topic, or choose one from the list.",
      "priorities[4].custom": "Leave the written-in topic empty when you choose a topic from the list, or choose “Other”.",
      "priorities[5].topic": "Choose a topic from the list, or write one in.",
      "priorities[5].baselineValue": "Baseline value must be a number, like 4.5 or 1,200 (put the unit in the measure).",
    });
  });

  it("gives back what was typed, so the form can show it again", () => {
    const result = parseIntakeSection("context", [
      ["sites", "fourteen"],
      ["existingWork", "Two ICU projects"],
    ]);
    expect(result).toMatchObject({ ok: false, values: { sites: "fourteen", existingWork: "Two ICU projects" } });
  });
});

describe("intake sections: drafting", () => {
  it("treats empty strings as not answered and unticked boxes as no", () => {
    expect(parsed("context", { partnerKind: "", sites: "  ", existingWork: "", hasImprovementTeam: "on" })).toEqual({
      hasLearningSystem: false,
      hasImprovementTeam: true,
      previousWorkWithUs: false,
    });
    expect(parsed("scale", { expectedSites: "", desiredStart: "", hardDeadline: "" })).toEqual({});
    expect(parsed("needs", {})).toEqual({ priorities: [] });
  });

  it("reads numbers as people write them and ignores fields of other forms", () => {
    expect(parsed("budget", { budgetMin: " 600,000 ", budgetMax: "900 000", currency: " gbp ", intent: "save", version: "3" })).toEqual({
      budgetMin: 600_000,
      budgetMax: 900_000,
      currency: "GBP",
    });
  });

  it("reads a budget typed with its currency's sign or code, and fills a blank currency from a sign that names one", () => {
    expect(parsed("budget", { budgetMin: "£500,000", budgetMax: "750,000 GBP", currency: "GBP" })).toEqual({
      budgetMin: 500_000,
      budgetMax: 750_000,
      currency: "GBP",
    });
    expect(parsed("budget", { budgetMin: "US$ 200,000", budgetMax: "$300,000", currency: "usd" })).toMatchObject({ budgetMin: 200_000, budgetMax: 300_000 });
    expect(parsed("budget", { budgetMin: "€ 400 000", currency: "" })).toEqual({ budgetMin: 400_000, currency: "EUR" });
    expect(parsed("budget", { budgetMax: "1,000,000 nok" })).toEqual({ budgetMax: 1_000_000, currency: "NOK" });
  });

  it.each([
    [{ budgetMin: "€500,000", currency: "GBP" }, "Minimum budget is in GBP, as Currency says, not EUR: type the amount alone, or with GBP or £."],
    [
      { budgetMin: "$500,000", currency: "" },
      "Minimum budget: “$” does not say which currency. Type the currency's code with the amount, such as 250,000 USD, or fill in Currency.",
    ],
    [{ budgetMin: "500,000 pounds", currency: "GBP" }, "Minimum budget must be an amount like 250,000."],
  ])("refuses a budget in another currency than Currency, or whose currency cannot be told, saying what to type: %j", (fields, message) => {
    expect(errorsFor("budget", fields).budgetMin).toBe(message);
  });

  it("leaves a budget's sign alone while Currency holds no code, and says only what Currency needs", () => {
    const currency = "Currency must be a three-letter code such as GBP, USD or EUR.";
    expect(errorsFor("budget", { budgetMin: "£250,000", currency: "pounds" })).toEqual({ currency });
    expect(errorsFor("budget", { budgetMin: "£250 thousand", budgetMax: "$300,000", currency: "pounds" })).toEqual({
      budgetMin: "Minimum budget must be an amount like 250,000.",
      currency,
    });
    // A code that is only hidden among control characters is still a code, and the sign is checked against it.
    expect(errorsFor("budget", { budgetMin: "€500,000", currency: "GBP\u0007" }).budgetMin).toBe(
      "Minimum budget is in GBP, as Currency says, not EUR: type the amount alone, or with GBP or £."
    );
  });

  it("ranks priorities in the order of the rows, and takes a written-in topic without “Other” chosen", () => {
    const needs = parsed("needs", {
      "priorities[0].topic": "clabsi",
      "priorities[1].custom": "Maternal haemorrhage",
      "priorities[2].topic": "vap",
      "priorities[2].baselineValue": "7.2",
      "priorities[2].baselineDate": "2026-09-30",
    });
    expect(needs.priorities).toEqual([
      { topic: "clabsi" },
      // A written-in topic gets a stable id from its text as first written.
      { topic: "other", custom: "Maternal haemorrhage", id: "other:maternal haemorrhage" },
      { topic: "vap", baselineValue: 7.2, baselineDate: "2026-09-30" },
    ]);
  });

  it("offers the topics partners bring, and still reads every key saved before the list grew", () => {
    const keys = PRIORITY_TOPICS.map((t) => t.key as string);
    expect(keys).toHaveLength(22);
    expect(new Set(keys).size).toBe(keys.length);
    for (const saved of ["vap", "clabsi", "sepsis", "readmissions", "falls", "pressure_ulcers", "medication_reconciliation", "c_difficile", "access_flow"])
      expect(keys).toContain(saved);
    const needs = parsed("needs", {
      "priorities[0].topic": "deteriorating_patient",
      "priorities[1].topic": "joy_in_work",
      "priorities[2].topic": "access_flow",
    });
    expect(needs.priorities.map((p) => p.topic)).toEqual(["deteriorating_patient", "joy_in_work", "access_flow"]);
    expect(priorityLabel({ topic: "ami" })).toBe("Heart attack care (acute myocardial infarction)");
  });
});

describe("hostile and oversized text", () => {
  it("keeps HTML and diagram syntax as inert text, with control characters stripped", () => {
    const context = parsed("context", { existingWork: "<script>alert('x')</script>\u0000 A-->B[click]\u0007\r\nnext line" });
    expect(context.existingWork).toBe("<script>alert('x')</script> A-->B[click]\nnext line");
    const needs = parsed("needs", { "priorities[0].custom": "<img src=x onerror=alert(1)>\u001b\nTwo lines" });
    expect(needs.priorities[0].custom).toBe("<img src=x onerror=alert(1)> Two lines");
  });

  it("treats a field holding only control characters as not answered", () => {
    expect(parsed("evidence", { aimForWhom: "\u0000\u0007" })).toEqual({ priorityEvidence: [] });
  });

  it("refuses 100 kB strings with a message, in every kind of field", () => {
    const huge = "x".repeat(100_000);
    expect(errorsFor("needs", { problems: huge }).problems).toBe("Problems in the partner's words must be at most 5,000 characters.");
    expect(errorsFor("needs", { "priorities[0].custom": huge })["priorities[0].custom"]).toBe("Written-in topic must be at most 80 characters.");
    expect(errorsFor("evidence", { aimHowMuch: huge }).aimHowMuch).toBe("Aim: how much must be at most 300 characters.");
    expect(errorsFor("context", { sites: "9".repeat(100_000) }).sites).toBe("Number of sites must be a number.");
    expect(errorsFor("scale", { hardDeadline: huge }).hardDeadline).toBe("Enter the hard deadline as a date.");
    expect(errorsFor("budget", { currency: huge }).currency).toMatch(/three-letter code/);
  });
});

describe("flat form names", () => {
  it("nests indexed names into rows", () => {
    expect(
      formToObject([
        ["sites", "14"],
        ["priorities[0].topic", "vap"],
        ["priorities[1].topic", "sepsis"],
        ["priorities[0].baselineValue", "7.2"],
      ])
    ).toEqual({ sites: "14", priorities: [{ topic: "vap", baselineValue: "7.2" }, { topic: "sepsis" }] });
  });

  it("ignores names that could pollute prototypes, huge row numbers and files; the first value wins", () => {
    const form = formToObject([
      ["__proto__.polluted", "yes"],
      ["constructor.prototype.polluted", "yes"],
      ["priorities[100000].topic", "vap"],
      ["priorities[0].__proto__", "x"],
      ["sites", "1"],
      ["sites", "2"],
      ["upload", new Blob(["x"])],
    ]);
    expect(form).toEqual({ sites: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("round trip: intake → form values → parse", () => {
  it("gives back the demo intake", () => {
    expect(reparse(demoIntake())).toStrictEqual(demoIntake());
  });

  it("gives back written-in topics, ticked boxes and evidence, with evidence rows following the ranking", () => {
    const intake: Intake = {
      ...emptyIntake(),
      context: { partnerKind: "nation", hasLearningSystem: true, hasImprovementTeam: false, previousWorkWithUs: true, existingWork: "Line one\nLine two" },
      needs: {
        problems: "Maternal deaths <50%> of target",
        priorities: [{ topic: "other", custom: "Maternal haemorrhage", id: "other:maternal haemorrhage", baselineValue: -0.5 }, { topic: "falls" }],
      },
      evidence: {
        priorityEvidence: [
          { priority: "falls", degreeOfBelief: "moderate" },
          { priority: "other:maternal haemorrhage", changePackage: "no", degreeOfBelief: "low", brightSpots: "unsure" },
        ],
        wantsCapabilityBuilding: "yes",
      },
    };
    const back = reparse(intake);
    expect(back.context).toStrictEqual(intake.context);
    expect(back.needs).toStrictEqual(intake.needs);
    expect(back.evidence.priorityEvidence.map((e) => e.priority)).toEqual(["other:maternal haemorrhage", "falls"]);
    expect(prioritiesWithEvidence(back)).toStrictEqual(prioritiesWithEvidence(intake));
  });
});

describe("IntakeSchema (an exported bundle)", () => {
  it("accepts a saved intake as JSON", () => {
    expect(IntakeSchema.parse(JSON.parse(JSON.stringify(demoIntake())))).toStrictEqual(demoIntake());
  });

  it("fills in missing sections as unanswered", () => {
    expect(IntakeSchema.parse({})).toStrictEqual(emptyIntake());
  });

  it("names the field of each problem, and refuses unknown fields", () => {
    const result = IntakeSchema.safeParse({
      scale: { expectedSites: "many", desiredStart: "2027-03", hardDeadline: "2026-01-01" },
      needs: { priorities: [{ topic: "sepsis" }, { topic: "sepsis", baselineValue: "x" }] },
      budget: { budgetMin: 10, budgetMax: 5, colour: "red" },
      notes: "?",
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["scale.expectedSites", "Sites or teams expected to take part must be a number."],
        ["scale.hardDeadline", "The hard deadline (1 January 2026) is before the desired start (March 2027)."],
        ["needs.priorities.1.topic", "Sepsis is already priority 1; choose each topic once."],
        ["needs.priorities.1.baselineValue", "Baseline value must be a number, like 4.5 or 1,200 (put the unit in the measure)."],
        ["budget.budgetMax", "The maximum budget is below the minimum."],
        ["budget", "Unknown field: colour."],
        ["", "Unknown field: notes."],
      ])
    );
  });
});

describe("completeness", () => {
  it("lists everything as missing for an empty intake", () => {
    const c = intakeCompleteness(emptyIntake());
    expect(c.percent).toBe(0);
    expect(c.sections.context.missing).toEqual(["Kind of partner", "Number of sites", "Population served", "Geography", "Improvement experience"]);
    expect(c.sections.needs.missing).toContain("At least one priority topic");
    expect(c.sections.budget.complete).toBe(false);
  });

  it("counts what a priority asks for before one is chosen, so that choosing one never adds to what is left", () => {
    const empty = intakeCompleteness(emptyIntake());
    expect(empty.sections.needs.missing).toEqual([
      "Problems in the partner's words",
      "At least one priority topic",
      "The first priority: baseline measure",
      "The first priority: baseline value",
      "The first priority: baseline date",
      "The first priority: baseline source",
    ]);
    expect(empty.sections.evidence.missing.slice(0, 3)).toEqual([
      "The first priority: proven change package",
      "The first priority: degree of belief",
      "The first priority: sites already performing much better",
    ]);
    const chosen = emptyIntake();
    chosen.needs.priorities = [{ topic: "vap" }];
    const after = intakeCompleteness(chosen);
    expect(after.sections.needs.missing).toHaveLength(empty.sections.needs.missing.length - 1);
    expect(after.sections.evidence.missing).toHaveLength(empty.sections.evidence.missing.length);
  });

  it("says which priority lacks what, and where", () => {
    const intake = demoIntake();
    delete intake.needs.priorities[1].baselineValue;
    delete intake.evidence.priorityEvidence[2].degreeOfBelief;
    delete intake.budget.currency;
    const c = intakeCompleteness(intake);
    expect(c.sections.needs).toMatchObject({
      complete: false,
      missing: ["Priority 2 (CLABSI): baseline value"],
      missingFields: ["priorities[1].baselineValue"],
    });
    expect(c.sections.evidence.missing).toEqual(["Priority 3 (sepsis): degree of belief"]);
    expect(c.sections.budget.missingFields).toEqual(["currency"]);
    expect(c.sections.scale.complete).toBe(true);
    expect(c.percent).toBeGreaterThan(90);
    expect(c.percent).toBeLessThan(100);
  });

  it("counts the demo intake as complete", () => {
    expect(intakeCompleteness(demoIntake())).toMatchObject({ percent: 100, complete: true });
  });
});

describe("demo intake", () => {
  it("describes Northshire as the seed expects", () => {
    const demo = demoIntake();
    expect(demo.needs.priorities.map((p) => p.topic)).toEqual(["vap", "clabsi", "sepsis"]);
    expect(demo.context).toMatchObject({ partnerKind: "health_system", sites: 14, population: 2_100_000 });
    expect(demo.scale).toMatchObject({ desiredStart: "2027-03", longestDurationMonths: 18 });
    expect(demo.budget).toEqual({ budgetMin: 1_100_000, budgetMax: 1_500_000, currency: "USD", budgetSecured: "yes" });
    expect(IntakeSchema.safeParse(demo).success).toBe(true);
    expect(demoIntake()).not.toBe(demo);
  });
});

describe("numbers as people type them", () => {
  it("reads commas only where they group thousands, and refuses a decimal comma rather than multiply by ten", async () => {
    const { decimalFromText } = await import("~/domain/text");
    expect(decimalFromText("1,200")).toBe(1200);
    expect(decimalFromText(" 1,200,000.5 ")).toBe(1200000.5);
    expect(decimalFromText("1 200 000")).toBe(1200000);
    expect(decimalFromText("-3.5")).toBe(-3.5);
    expect(decimalFromText("-1,000")).toBe(-1000);
    expect(decimalFromText("+.5")).toBe(0.5);
    for (const bad of ["4,5", "12,34", "1,2345", "1, 000", "1 2,345", "12 34.5", "0x10", "1e3", "", ".", "-"]) expect(decimalFromText(bad), bad).toBeNaN();
  });
});

describe("a new intake's form, from the partner organisation's record", () => {
  it("fills the context answers not given yet, and says which", () => {
    const values: Record<string, string> = { sites: "3" };
    expect(prefillFromOrganisation(values, { kind: "hospital", sites: 14, population: 2_100_000 })).toEqual(["kind of partner", "population"]);
    expect(values).toEqual({ partnerKind: "hospital", sites: "3", population: "2100000" });
  });

  it("leaves a field the record does not know empty, and does not name it", () => {
    const values: Record<string, string> = {};
    expect(prefillFromOrganisation(values, { kind: "hospital", sites: null, population: null })).toEqual(["kind of partner"]);
    expect(values).toEqual({ partnerKind: "hospital" });
  });
});

describe("the intake in the partner's own words", () => {
  it("speaks of their organisation as theirs, on their own page, in labels and errors alike", () => {
    expect(PARTNER_FIELD_LABELS.longestDurationMonths).toBe("Longest duration your organisation can commit to");
    expect(PARTNER_FIELD_LABELS.problems).toBe("Problems in your own words");
    expect(PARTNER_FIELD_LABELS.partnerKind).toBe("Kind of organisation");
    for (const label of Object.values(PARTNER_FIELD_LABELS)) expect(label).not.toMatch(/\bthe partner\b|\bpartner's\b/i);
    expect(inPartnerWords("Longest duration the partner can commit to must be at most 240.")).toBe(
      "Longest duration your organisation can commit to must be at most 240."
    );
    expect(inPartnerWords("What the partner wants to solve, as they put it.")).toBe("What your organisation wants to solve, as you would put it.");
    expect(inPartnerWords("Choose the kind of partner from the list.")).toBe("Choose the kind of organisation from the list.");
    // Staff keep the intake's own words.
    expect(FIELD_LABELS.longestDurationMonths).toBe("Longest duration the partner can commit to");
  });
});
