import { describe, expect, it } from "vitest";
import { asSentence, escapeRegExp, lowerFirst, ofName, possessive, sentencesOf } from "~/domain/text";
import { namedInFullOnce, shortName } from "~/domain/short-names";

describe("text inside a sentence", () => {
  it("takes its first letter in lower case, leaving an acronym as it is", () => {
    expect(lowerFirst("Short tailored engagement")).toBe("short tailored engagement");
    expect(lowerFirst("A health system")).toBe("a health system");
    expect(lowerFirst("VAP per 1,000 ventilator days")).toBe("VAP per 1,000 ventilator days");
    expect(lowerFirst("reduce falls")).toBe("reduce falls");
    expect(lowerFirst("")).toBe("");
  });

  it("is matched as itself in a regular expression", () => {
    expect(new RegExp(escapeRegExp("CLABSI (central line)")).test("cut CLABSI (central line) rates")).toBe(true);
    expect(new RegExp(`^${escapeRegExp("a.b")}$`).test("axb")).toBe(false);
  });
});

describe("sentences read one after the other", () => {
  it("puts one full stop between them, none where one already ends a sentence, and leaves out empty ones", () => {
    expect(sentencesOf("Approved on 3 Dec 2026", "Conditions: Confirm the fee.", "Reason: Thin in May")).toBe(
      "Approved on 3 Dec 2026. Conditions: Confirm the fee. Reason: Thin in May"
    );
    expect(sentencesOf("Is it agreed?", "", null, "Yes")).toBe("Is it agreed? Yes");
    expect(sentencesOf("“Agreed.”", "Signed")).toBe("“Agreed.” Signed");
    expect(sentencesOf(undefined, false)).toBe("");
  });
});

describe("text as a sentence", () => {
  it("takes a full stop unless it already ends a sentence, inside a closing quote too", () => {
    expect(asSentence("Halve VAP in the ICU")).toBe("Halve VAP in the ICU.");
    expect(asSentence("Halve VAP in the ICU.")).toBe("Halve VAP in the ICU.");
    expect(asSentence("Is it agreed?")).toBe("Is it agreed?");
    expect(asSentence("It said “agreed.”")).toBe("It said “agreed.”");
  });
});

describe("what belongs to a named organisation", () => {
  it("takes 's after a name that ends in a letter or a digit, and the apostrophe alone after a plural's s, as plural nouns do", () => {
    expect(possessive("Northshire Health System")).toBe("Northshire Health System's");
    expect(possessive("Clinic 12")).toBe("Clinic 12's");
    expect(possessive("Improvement Partners")).toBe("Improvement Partners'");
    expect(possessive("Holy Cross")).toBe("Holy Cross's");
  });

  it("takes none after a closing quotation mark, an apostrophe, a bracket or a full stop: the thing owned is said of the name", () => {
    for (const name of ['Partners\' "Network"', "Hospital “Dos de Mayo”", "St Johns'", "Ministry of Health (Ghana)", "Acme Health Ltd."]) {
      expect(possessive(name), name).toBeNull();
      expect(ofName(name, "senior sponsor"), name).toBe(`the senior sponsor of ${name}`);
    }
    expect(ofName("Northshire Health System", "senior sponsor")).toBe("Northshire Health System's senior sponsor");
    expect(ofName("Improvement Partners", "board")).toBe("Improvement Partners' board");
    // At the start of a sentence; and what is its own, of the organisation itself.
    expect(ofName('Partners\' "Network"', "executives", { capital: true })).toBe('The executives of Partners\' "Network"');
    expect(ofName('Partners\' "Network"', "own improvement capability")).toBe('the improvement capability of Partners\' "Network" itself');
    expect(ofName('Partners\' "Network"', "own")).toBe('Partners\' "Network" itself');
    expect(ofName("Northshire Health System", "own")).toBe("Northshire Health System's own");
  });
});

describe("an organisation named again", () => {
  it("is called by the words of its name before those that say its kind, or as “the” and what it is", () => {
    expect(shortName("Northshire Health System")).toBe("Northshire");
    expect(shortName("Eastmere Regional Health Authority")).toBe("Eastmere");
    expect(shortName("Kestrel Hospital Association")).toBe("Kestrel");
    expect(shortName("Ashford Valley Hospital")).toBe("Ashford Valley");
    // Words that name nothing on their own, or say more than a name, give way to what the organisation is.
    expect(shortName("Northern Hospitals Network")).toBe("the network");
    expect(shortName("St Mary's Hospital")).toBe("the hospital");
    // Neither can be told: the name is said again in full.
    expect(shortName("NHS Lothian")).toBeNull();
    expect(shortName('Coastal Partners\' "Network"')).toBeNull();
    expect(shortName("Northbridge")).toBeNull();
  });

  it("is never a people's adjective, a country or a fragment of the name: the name is said again, or what the organisation is", () => {
    // What is left before the kind words is an adjective or a country: "American can commit…", "US wants…".
    expect(shortName("American Hospital Association")).toBe("the association");
    expect(shortName("South African Medical Research Council")).toBe("the council");
    expect(shortName("Kenya Medical Research Institute")).toBe("the institute");
    expect(shortName("Indian Health Service")).toBeNull();
    expect(shortName("Congolese Ministry of Health")).toBeNull();
    // More than kind words follow: what is left would be a fragment.
    expect(shortName("US hospital quality network (100,000 Lives)")).toBeNull();
    expect(shortName("Northshire Health System (NHS)")).toBeNull();
    expect(shortName("UK Health Security Agency")).toBeNull();
    expect(shortName("Ministry of Health, Republic of Kenya")).toBeNull();
    expect(shortName("Institute for Healthcare Improvement")).toBeNull();
    // Names whose first words are the organisation's own still shorten.
    expect(shortName("Karolinska University Hospital")).toBe("Karolinska");
    expect(shortName("Aga Khan University Hospital")).toBe("Aga Khan");
    expect(shortName("Eastmere Health and Care Partnership")).toBe("Eastmere");
    expect(shortName("St Columba's General Hospital")).toBe("the hospital");
    expect(
      namedInFullOnce(
        [
          "US hospital quality network (100,000 Lives) can commit to at most 24 months.",
          "US hospital quality network (100,000 Lives) wants one bold numeric aim.",
        ],
        "US hospital quality network (100,000 Lives)"
      )
    ).toEqual([
      "US hospital quality network (100,000 Lives) can commit to at most 24 months.",
      "US hospital quality network (100,000 Lives) wants one bold numeric aim.",
    ]);
  });

  it("is named in full the first time, then by its short name, what is its own too, with a capital where a sentence starts", () => {
    expect(
      namedInFullOnce(
        [
          "Northshire Health System can commit to at most 18 months.",
          "A tailored initiative runs several years. Northshire Health System's aim is to be met by August 2028. Northshire Health System wants to start in March 2027.",
        ],
        "Northshire Health System"
      )
    ).toEqual([
      "Northshire Health System can commit to at most 18 months.",
      "A tailored initiative runs several years. Northshire's aim is to be met by August 2028. Northshire wants to start in March 2027.",
    ]);
    expect(
      namedInFullOnce(
        ["Northern Hospitals Network wants X.", "Campaign: Northern Hospitals Network's aim is Y; Northern Hospitals Network wants Z."],
        "Northern Hospitals Network"
      )
    ).toEqual(["Northern Hospitals Network wants X.", "Campaign: The network's aim is Y; the network wants Z."]);
    // Without a short name, as it was.
    expect(namedInFullOnce(["NHS Lothian wants X. NHS Lothian wants Y."], "NHS Lothian")).toEqual(["NHS Lothian wants X. NHS Lothian wants Y."]);
  });
});
