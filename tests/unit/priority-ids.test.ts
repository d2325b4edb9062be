import { describe, expect, it } from "vitest";
import { COUNTRIES, COUNTRY_CODES, countryFromText, countryLabel, countryName } from "~/domain/countries";
import { HOLIDAY_COUNTRIES } from "~/domain/holidays";
import { emptyIntake, prioritiesWithEvidence, priorityKey, type Intake } from "~/domain/intake";
import { IntakeSchema, parseIntakeSection } from "~/domain/intake-schema";

describe("a priority's stable id", () => {
  const needs = (form: Record<string, string>) => {
    const parsed = parseIntakeSection("needs", Object.entries(form));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.data;
  };

  it("is the topic for a listed topic, whatever id is posted with it", () => {
    expect(needs({ "priorities[0].topic": "sepsis", "priorities[0].id": "other:sepsis" }).priorities).toEqual([{ topic: "sepsis" }]);
    expect(priorityKey({ topic: "sepsis" })).toBe("sepsis");
  });

  it("is given to a written-in topic from its text as first written, and kept when the text is corrected", () => {
    const first = needs({ "priorities[0].topic": "other", "priorities[0].custom": "Joy in  Work" }).priorities[0]!;
    expect(first).toEqual({ topic: "other", custom: "Joy in  Work", id: "other:joy in work" });
    const corrected = needs({ "priorities[0].topic": "other", "priorities[0].custom": "Joy in work (night shifts)", "priorities[0].id": first.id! })
      .priorities[0]!;
    expect(priorityKey(corrected)).toBe("other:joy in work");

    // The evidence answered for it stays with it.
    const intake: Intake = {
      ...emptyIntake(),
      needs: { priorities: [corrected] },
      evidence: { priorityEvidence: [{ priority: "other:joy in work", degreeOfBelief: "low" }] },
    };
    expect(prioritiesWithEvidence(intake)[0]).toMatchObject({ label: "Joy in work (night shifts)", evidence: { degreeOfBelief: "low" } });
  });

  it("lets a row emptied of its topic be empty, whatever id it carried", () => {
    expect(needs({ "priorities[0].topic": "vap", "priorities[1].id": "other:joy in work" }).priorities).toEqual([{ topic: "vap" }]);
  });

  it("refuses an id that is not one, next to the field", () => {
    const parsed = parseIntakeSection("needs", [
      ["priorities[0].topic", "other"],
      ["priorities[0].custom", "Joy in work"],
      ["priorities[0].id", "vap"],
    ]);
    expect(parsed).toMatchObject({ ok: false, errors: { "priorities[0].id": "This written-in topic's id is not valid; reload the page and try again." } });
  });

  it("refuses the same written-in topic twice by the words the rows say, whatever their capitals or spaces", () => {
    const parsed = parseIntakeSection("needs", [
      ["priorities[0].topic", "other"],
      ["priorities[0].custom", "Joy in work"],
      ["priorities[1].topic", "other"],
      ["priorities[1].custom", "joy in  work"],
    ]);
    expect(parsed).toMatchObject({ ok: false, errors: { "priorities[1].custom": "Joy in  work is already priority 1; choose each topic once." } });
  });

  it("follows the words it was made from when a row is retyped and its topic moved to another row, with its evidence", () => {
    // Saved before: priority 1 written in as "Adverse events (all harm)", with its evidence answered.
    // Now priority 1 is retyped "HSMR", and priority 2 says "Adverse events (all harm)".
    const saved = needs({ "priorities[0].topic": "other", "priorities[0].custom": "Adverse events (all harm)" }).priorities[0]!;
    expect(saved.id).toBe("other:adverse events (all harm)");
    const retyped = needs({
      "priorities[0].topic": "other",
      "priorities[0].custom": "HSMR",
      "priorities[0].id": saved.id!,
      "priorities[1].topic": "other",
      "priorities[1].custom": "Adverse events (all harm)",
    }).priorities;
    expect(retyped).toEqual([
      { topic: "other", custom: "HSMR", id: "other:hsmr" },
      { topic: "other", custom: "Adverse events (all harm)", id: "other:adverse events (all harm)" },
    ]);
    const intake: Intake = {
      ...emptyIntake(),
      needs: { priorities: retyped },
      evidence: { priorityEvidence: [{ priority: "other:adverse events (all harm)", degreeOfBelief: "moderate" }] },
    };
    expect(prioritiesWithEvidence(intake).map((p) => [p.label, p.evidence?.degreeOfBelief])).toEqual([
      ["HSMR", undefined],
      ["Adverse events (all harm)", "moderate"],
    ]);
    // A row that only corrects its words, with no other row saying the old ones, keeps its id.
    expect(
      needs({ "priorities[0].topic": "other", "priorities[0].custom": "Adverse events (all harm, adults)", "priorities[0].id": saved.id! }).priorities[0]!.id
    ).toBe(saved.id);
  });

  it("is never the same for two rows, even when a form sends one id twice", () => {
    const parsed = needs({
      "priorities[0].topic": "other",
      "priorities[0].custom": "Falls at night",
      "priorities[0].id": "other:falls on wards",
      "priorities[1].topic": "other",
      "priorities[1].custom": "Falls at home",
      "priorities[1].id": "other:falls on wards",
    }).priorities;
    expect(parsed.map((p) => p.id)).toEqual(["other:falls on wards", "other:falls at home"]);
  });

  it("keeps the evidence of intakes saved before ids were stored linked", () => {
    const saved = {
      needs: { priorities: [{ topic: "other", custom: "Maternal haemorrhage" }] },
      evidence: { priorityEvidence: [{ priority: "other:maternal haemorrhage", changePackage: "no" }] },
    };
    const intake = IntakeSchema.parse(saved);
    expect(intake.needs.priorities[0]!.id).toBe("other:maternal haemorrhage");
    expect(prioritiesWithEvidence(intake)[0]!.evidence).toEqual({ priority: "other:maternal haemorrhage", changePackage: "no" });
  });
});

describe("countries", () => {
  it("are the 249 ISO 3166-1 alpha-2 codes, each once, with a name, including every country with a holiday calendar", () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    for (const c of COUNTRIES) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.name.length).toBeGreaterThan(2);
    }
    for (const code of HOLIDAY_COUNTRIES.filter((c) => c !== "none")) expect(COUNTRY_CODES).toContain(code);
    expect(COUNTRY_CODES).not.toContain("UK");
  });

  it("read the free text people wrote before the list", () => {
    const read = (texts: string[]) => texts.map(countryFromText);
    expect(read(["United Kingdom", "UK", "England", "Scotland", "gb"])).toEqual(["GB", "GB", "GB", "GB", "GB"]);
    expect(read(["USA", "United States", "U.S."])).toEqual(["US", "US", "US"]);
    expect(read(["Australia", "New Zealand", "Ireland", "Republic of Ireland", "Canada", " canada "])).toEqual(["AU", "NZ", "IE", "IE", "CA", "CA"]);
    expect(read(["Atlantis", "Northshire", "", "U K"])).toEqual([null, null, null, null]);
  });

  it("show by name, with a prompt when not chosen, and old free text as written", () => {
    expect(countryName("NZ")).toBe("New Zealand");
    expect(countryName(null)).toBe("Not chosen yet");
    expect(countryLabel("United Kingdom")).toBe("United Kingdom");
    expect(countryLabel("IE")).toBe("Ireland");
  });
});
