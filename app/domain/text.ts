import { countryFromText } from "./countries";

// C0 and C1 controls except tab, line feed and carriage return; also lone surrogates and U+FFFE/FFFF,
// which are not allowed in XML (and so would break the .docx); and the invisible direction controls
// (embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069), which make text read other than
// it is ("\u202Eevil" shows as "live"). Right-to-left letters are text and stay.
const CONTROL_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Removes characters that can never be meant as text (pasted from PDFs, for instance): the one rule
 * every free-text field, document and diagram label goes through.
 */
export function stripControlChars(value: string): string {
  return value.replace(CONTROL_CHARS, "");
}

/**
 * A number as people write it: digits with an optional sign, a decimal point, and commas only where they
 * group thousands ("1,200", "1,200,000.5", " 12 ", "-3.5"). A comma anywhere else ("4,5", a decimal comma
 * in much of Europe) is refused rather than read as 45. Anything else, including what `Number` would
 * also read ("0x10", "1e308", "Infinity"), is NaN, so the schema refuses it rather than storing
 * something nobody typed.
 */
export function decimalFromText(v: string): number {
  const text = v.trim();
  // Commas, spaces or underscores only between groups of three digits: "1,200", "1 200 000".
  if (!/^[+-]?(\d{1,3}([, _]\d{3})+|\d+)?(\.\d*)?$/.test(text) || !/\d/.test(text)) return Number.NaN;
  return Number(text.replace(/[, _]/g, ""));
}

/** Text to match as itself inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Text as it reads inside a sentence, its first letter in lower case ("Short tailored engagement" → "short …"); an acronym ("VAP") stays. */
export function lowerFirst(text: string): string {
  return /^\p{Lu}(?!\p{Lu})/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * A name someone typed, as it reads inside a sentence: an ordinary capitalised first word, a capital
 * and then lower-case letters only, loses its capital ("Delirium" → "delirium", "Dementia care" →
 * "dementia care"); an acronym ("COVID-19", "MRSA"), a possessive ("Parkinson's disease") or a word
 * joined to more ("Covid-19", "X-ray") keeps what was typed.
 */
export function nameInSentence(text: string): string {
  return /^\p{Lu}\p{Ll}+(?=\s|$)/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * A statement that stands alone or starts a sentence, with a capital first letter ("reduce falls …" →
 * "Reduce falls …"); a first word typed with a capital inside it ("eGFR", "mRNA") stays as typed.
 */
export function sentenceStart(text: string): string {
  return /^\p{Ll}+(?=\P{L}|$)/u.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * Sentences and clauses read one after the other: each after the first begins after a full stop, unless
 * the one before already ends a sentence ("…before signing." stays one full stop). Empty ones are left out.
 */
export function sentencesOf(...parts: (string | null | undefined | false)[]): string {
  return parts
    .map((p) => (p ? p.trim() : ""))
    .filter(Boolean)
    .reduce((text, part) => (!text ? part : endsSentence(text) || text.endsWith(":") ? `${text} ${part}` : `${text}. ${part}`), "");
}

/** Whether text already ends a sentence: a full stop, question or exclamation mark, or an ellipsis, perhaps inside a closing quote or bracket. */
export function endsSentence(text: string): boolean {
  return /[.!?…]["”’)]?$/.test(text.trimEnd());
}

/** Text as a sentence: with a full stop, unless it already ends one. */
export function asSentence(text: string): string {
  return endsSentence(text) ? text : `${text}.`;
}

/**
 * A name with its possessive ending, where one reads well after it: "Northshire Health System's"; a name
 * ending in a plural's "s" takes the apostrophe alone, as plural nouns do ("Improvement Partners'"). Null
 * for a name that ends in anything but a letter or a digit (a closing quotation mark or bracket, an
 * apostrophe, a full stop), after which neither reads well.
 */
export function possessive(name: string): string | null {
  const n = name.trim();
  if (!/[\p{L}\p{N}]$/u.test(n)) return null;
  return /[^s]s$/i.test(n) ? `${n}'` : `${n}'s`;
}

/**
 * What belongs to a named organisation: "Northshire Health System's senior sponsor", or, for a name that
 * takes no possessive, "the senior sponsor of Partners' "Network"" ("The …" to start a sentence). What is
 * its own is said of the organisation itself: "the improvement capability of … itself".
 */
export function ofName(name: string, phrase: string, { capital = false }: { capital?: boolean } = {}): string {
  const whose = possessive(name);
  if (whose) return `${whose} ${phrase}`;
  const own = /^own\b\s*/.exec(phrase);
  if (own && own[0].length === phrase.length) return name.trim() + " itself";
  const said = `the ${own ? phrase.slice(own[0].length) : phrase} of ${name.trim()}${own ? " itself" : ""}`;
  return capital ? sentenceStart(said) : said;
}

/*
 * The words a short name is told by, as sets made when first needed: this module reaches the browser
 * with every page's sentences, and sets made as it loads would go with it to pages that never shorten
 * a name.
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
