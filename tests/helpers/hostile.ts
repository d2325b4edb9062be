/**
 * Hostile input: values a careless paste, a curious user or an attacker might type into any field.
 * Used by tests/integration/bad-input.test.ts (every form field × every value) and by the browser
 * tests in tests/e2e/bad-input.spec.ts. Each must be refused with a message
 * next to its field, or stored and shown back as inert text.
 */

export type Hostile = { name: string; value: string };

/** A page that runs any of these sets `window.__pwned`; the browser tests check it stays unset. */
export const PWNED_HTML = `<img src=x onerror="window.__pwned=1">`;
export const PWNED_SCRIPT = `<script>window.__pwned=1</script>`;
export const PWNED_SVG = `<svg onload="window.__pwned=1"></svg>`;

export const LONG_100KB = "A".repeat(100 * 1024);

export const HOSTILE: readonly Hostile[] = [
  // HTML and script
  { name: "script tag", value: "<script>alert(1)</script>" },
  { name: "attribute break-out", value: `"><img src=x onerror=alert(1)>` },
  { name: "javascript: URL", value: "javascript:alert(1)" },
  { name: "pwned img", value: PWNED_HTML },
  { name: "pwned svg", value: PWNED_SVG },
  { name: "html entity", value: "&lt;b&gt;&amp;&#x3C;script&#x3E;" },
  // mermaid syntax and directives
  { name: "mermaid init directive", value: `%%{init: {"securityLevel":"loose"}}%%` },
  { name: "mermaid click", value: "click n1 call alert(1)" },
  { name: "mermaid end", value: "end" },
  { name: "mermaid edge", value: "A-->B" },
  { name: "mermaid class", value: ":::x" },
  { name: "mermaid backticks", value: "`**bold** ${x}` ``" },
  { name: "mermaid line break-out", value: `x"]\nclick n1 call alert(1)\n%%{init: {"securityLevel":"loose"}}%%\nA["y` },
  { name: "gantt syntax", value: "a :crit, t1, 2027-01-01, 3d ; section x # y" },
  // control characters
  { name: "control characters only", value: "\u0000\u0007\u001b\u0085\uFFFE" },
  { name: "control characters in text", value: "a\u0000b\u0007c\u001bd\u0085e\uFFFEf\u007Fg" },
  { name: "lone surrogate", value: "x\uD800y" },
  // right-to-left, combining, emoji
  { name: "right-to-left override", value: "\u202Eevil" },
  { name: "combining marks", value: "Ḁ̶̡" },
  { name: "emoji", value: "🏥👩‍⚕️" },
  // whitespace
  { name: "blank", value: "" },
  { name: "whitespace only", value: "  \t \r\n " },
  // length
  { name: "100 kB", value: LONG_100KB },
  // numbers out of range or not numbers
  { name: "minus one", value: "-1" },
  { name: "1e308", value: "1e308" },
  { name: "twenty digits", value: "99999999999999999999" },
  { name: "NaN", value: "NaN" },
  { name: "Infinity", value: "Infinity" },
  { name: "hex", value: "0x10" },
  // malformed dates and months
  { name: "30 February", value: "2027-02-30" },
  { name: "month 13", value: "2027-13" },
  { name: "day-first date", value: "27/03/2027" },
  { name: "tomorrow", value: "tomorrow" },
  // SQL-ish text
  { name: "SQL", value: "'; DROP TABLE engagements;--" },
  // prototype keys
  { name: "__proto__", value: "__proto__" },
  { name: "constructor", value: "constructor" },
  { name: "proto JSON", value: `{"__proto__":{"polluted":true}}` },
];

/** Numbers a JSON client might send where the schema wants a bounded whole number. */
export const HOSTILE_NUMBERS: readonly unknown[] = [-1, 1e308, -1e308, 1.5, 2 ** 53 + 2, 1e20, "NaN", "0x10", null, true, [], {}];

/** What the server receives for a typed value: forms and JSON are UTF-8, so a lone surrogate arrives as U+FFFD. */
export function asSent(value: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(value));
}

// C0 and C1 controls except tab, line feed and carriage return, the invisible direction controls,
// U+FFFE/FFFF and lone surrogates: the same set as stripControlChars in app/domain/text.ts, written
// out again here on purpose.
export const CONTROL_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_CHARS_G = new RegExp(CONTROL_CHARS.source, "g");

export function hasControlChars(value: string): boolean {
  return CONTROL_CHARS.test(value);
}

/**
 * The forms a value may be stored in: control characters removed, then either as one line (line
 * breaks and tabs become a space) or as a paragraph (line breaks kept), trimmed. Empty if nothing is
 * left, in which case an optional field is simply left blank.
 */
export function storedForms(value: string, via: "form" | "json" = "form"): string[] {
  // JSON escapes a lone surrogate ("\ud800"), so it arrives as sent and must be stripped; a form sends U+FFFD.
  const clean = (via === "form" ? asSent(value) : value).replace(CONTROL_CHARS_G, "");
  const asLine = clean.replace(/[\r\n\t]+/g, " ").trim();
  const asParagraph = clean.replace(/\r\n?/g, "\n").trim();
  return [...new Set([asLine, asParagraph])].filter((s) => s !== "");
}

/** Does this value carry characters that must never be stored? */
export function needsStripping(value: string): boolean {
  return hasControlChars(value) || asSent(value) !== value;
}
