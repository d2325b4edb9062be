/**
 * An aim of several priorities is read in parts (docs/domain.md §6.5), each outcome measure's target
 * the part it measures.
 */
import { describe, expect, it } from "vitest";
import { aimParts, aimTargetFor } from "~/domain/aim-parts";
import type { Measure } from "~/domain/driver-diagram";

const measure = (name: string, definition = ""): Pick<Measure, "name" | "definition"> => ({ name, definition });
const demoPriorities = [{ topic: "vap" }, { topic: "clabsi" }, { topic: "sepsis" }] as const;

describe("the parts of an aim", () => {
  it("are its clauses with a figure of their own, the priorities under one figure kept together", () => {
    expect(aimParts("Halve VAP and CLABSI rates and cut sepsis mortality by 15%")).toEqual(["Halve VAP and CLABSI rates", "cut sepsis mortality by 15%"]);
    expect(aimParts("Reduce falls and pressure ulcers by 30%")).toEqual(["Reduce falls and pressure ulcers by 30%"]);
    expect(aimParts("Reduce VAP by 50%, CLABSI by 70% and sepsis mortality by 10%")).toEqual(["Reduce VAP by 50%", "CLABSI by 70%", "sepsis mortality by 10%"]);
    // A figure's thousands and a rate's words are not where a clause ends.
    expect(aimParts("Cut VAP from 7.2 to 3.6 per 1,000 ventilator days, measured monthly")).toEqual([
      "Cut VAP from 7.2 to 3.6 per 1,000 ventilator days, measured monthly",
    ]);
  });

  it("give each measure its own, and none that cannot be told as its own", () => {
    const aim = { target: "Halve VAP and CLABSI rates and cut sepsis mortality by 15%" };
    expect(aimTargetFor(aim, measure("VAP rate per 1,000 ventilator days"), [...demoPriorities])).toBe("Halve VAP rates");
    expect(aimTargetFor(aim, measure("CLABSI per 1,000 central-line days"), [...demoPriorities])).toBe("Halve CLABSI rates");
    expect(aimTargetFor(aim, measure("In-hospital sepsis mortality (%)"), [...demoPriorities])).toBe("Cut sepsis mortality by 15%");
    // A measure of none of them: its part cannot be told, and the aim's is not given it as if it were its own.
    expect(aimTargetFor(aim, measure("Harm events per 1,000 patient days"), [...demoPriorities])).toBeNull();
    // An aim of one priority is the whole of its measure's target, as before.
    expect(aimTargetFor({ target: "Reduce sepsis mortality by 30%" }, measure("Sepsis mortality"), [...demoPriorities])).toBe("Reduce sepsis mortality by 30%");
    // …but not to a measure of another priority than the one it names, its target or, where that names none, its statement.
    expect(
      aimTargetFor({ target: "Zero", statement: "Reduce VAP to zero by June 2028" }, measure("CLABSI per 1,000 central-line days"), [...demoPriorities])
    ).toBeNull();
    expect(
      aimTargetFor({ target: "Zero", statement: "Reduce VAP to zero by June 2028" }, measure("VAP rate per 1,000 ventilator days"), [...demoPriorities])
    ).toBe("Zero");
    // A measure named for how it counts alone is read by its definition.
    expect(aimTargetFor(aim, measure("Rate", "New CLABSI episodes per 1,000 central-line days"), [...demoPriorities])).toBe("Halve CLABSI rates");
  });
});
