import { countryFromText } from "./countries";
import { escapeRegExp, possessive, sentenceStart } from "./text";

/*
 * An organisation named in full once, then by its short name (docs/domain.md §9.1). Apart from text.ts,
 * which reaches the browser with every page's sentences: telling a country from a name reads the list
 * of every country, which only the proposal's words need.
 */

/*
 * The words a short name is told by, as sets made when first needed.
 */
let nameWords: { organisation: Set<string>; notAlone: Set<string>; calledBy: Set<string> } | null = null;
function shortNameWords() {
  return (nameWords ??= {
    /** Words that say what kind of organisation a name is rather than which one: "Health", "System", "Regional", "Authority". */
    organisation: new Set(
      (
        "health healthcare system systems regional region authority partnership hospital hospitals association network trust board service services " +
        "foundation group ministry council care alliance institute clinic clinics centre center medical university nhs national district county community integrated department " +
        "and & social acute primary mental"
      ).split(" ")
    ),
    /**
     * Words that name no organisation on their own: the "Northern" of "Northern Hospitals Network", the
     * "Memorial" of "Memorial Hospital", the "American" of "American Hospital Association" (a people's
     * adjective, told too by its ending: "Kenyan", "Scottish", "Congolese").
     */
    notAlone: new Set(
      (
        "north northern south southern east eastern west western central mid royal united greater new general great upper lower city metropolitan coastal rural urban inland island " +
        "memorial christian catholic presbyterian baptist methodist adventist lutheran mission children's women's specialist teaching public private academic federal " +
        "provincial state civil military veterans international global african asian european arab american british english scottish welsh irish"
      ).split(" ")
    ),
    /** What an organisation may be called after "the", where its name's own words cannot be shortened: "the network", "the authority". */
    calledBy: new Set(
      "system authority association network trust board hospital foundation group ministry council alliance institute clinic centre center".split(" ")
    ),
  });
}

/** A word that names a people or a place rather than an organisation: "US", "Kenya", "American", "Scottish", "Congolese". */
function countryOrPeople(word: string, notAlone: Set<string>): boolean {
  return notAlone.has(word.toLowerCase()) || countryFromText(word) !== null || /^\p{Lu}\p{Ll}+(?:an|ese|ish|i)$/u.test(word);
}

/**
 * How a careful writer names an organisation after naming it in full (docs/domain.md §9.1): by the words
 * of its name before those that say its kind ("Northshire Health System" → "Northshire", "Eastmere Regional
 * Health Authority" → "Eastmere"), or, where those words alone name nothing ("Northern Hospitals
 * Network", "American Hospital Association"), name a country ("US hospital quality network"), or say more
 * than a name ("St Mary's Hospital"), as "the" and what it is ("the network", "the hospital"). Only a name
 * whose every word after the short one says its kind is shortened so: the rest of "US hospital quality
 * network (100,000 Lives)" is more than its kind, and what was left of it would be a fragment. Null where
 * no short form can be told ("NHS Lothian", "Ministry of Health, Republic of Kenya"): the full name is
 * said again.
 */
export function shortName(name: string): string | null {
  const words = name.trim().split(/\s+/);
  const { organisation, notAlone, calledBy } = shortNameWords();
  const isKind = (w: string) => organisation.has(w.toLowerCase());
  const first = words.findIndex(isKind);
  const lead = first > 0 ? words.slice(0, first) : [];
  const kindOnly = first > 0 && words.slice(first).every(isKind);
  if (
    kindOnly &&
    lead.every((w) => /^[\p{L}\p{N}][\p{L}\p{N}.-]*$/u.test(w)) &&
    !lead.every((w) => countryOrPeople(w, notAlone)) &&
    !lead.some((w) => countryFromText(w) !== null) &&
    countryFromText(lead.join(" ")) === null
  )
    return lead.join(" ");
  const last = words.at(-1)!.toLowerCase();
  return words.length > 1 && calledBy.has(last) ? `the ${last}` : null;
}

/**
 * Text that names an organisation, as a careful writer names it: in full the first time, then by its
 * short name (`shortName`), what is its own too ("Northshire's aim"), with a capital where a sentence
 * starts. The texts are read in order, as one passage.
 */
export function namedInFullOnce(texts: readonly string[], name: string): string[] {
  const full = name.trim();
  const short = full ? shortName(full) : null;
  if (!short) return [...texts];
  const whose = possessive(full);
  const shortWhose = possessive(short) ?? `${short}'s`;
  const pattern = new RegExp(`${whose ? `${escapeRegExp(whose)}|` : ""}${escapeRegExp(full)}(?![\\p{L}\\p{N}])`, "gu");
  let named = false;
  return texts.map((text) =>
    text.replace(pattern, (match: string, at: number) => {
      if (!named) {
        named = true;
        return match;
      }
      const said = match === whose ? shortWhose : short;
      return at === 0 || /[.!?:]\s+$/.test(text.slice(0, at)) ? sentenceStart(said) : said;
    })
  );
}
