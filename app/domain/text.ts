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
