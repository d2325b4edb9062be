import { describe, expect, it } from "vitest";
import { countryInSentence } from "~/domain/countries";

describe("a country named in a sentence", () => {
  it('takes "the" where English gives it one', () => {
    expect(`in ${countryInSentence("GB")}`).toBe("in the United Kingdom");
    expect(`in ${countryInSentence("US")}`).toBe("in the United States");
    expect(`in ${countryInSentence("NL")}`).toBe("in the Netherlands");
    expect(`in ${countryInSentence("PH")}`).toBe("in the Philippines");
    expect(`in ${countryInSentence("DO")}`).toBe("in the Dominican Republic");
  });

  it("leaves other names, names written for a sorted list and unknown codes as they are", () => {
    expect(countryInSentence("FR")).toBe("France");
    expect(countryInSentence("AU")).toBe("Australia");
    expect(countryInSentence("KR")).toBe("Korea, South (Republic of Korea)");
    expect(countryInSentence("XQ")).toBe("XQ");
  });
});
