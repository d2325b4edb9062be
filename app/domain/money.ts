import { decimalFromText, stripControlChars } from "./text";

const WHOLE = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const byCurrency = new Map<string, Intl.NumberFormat | null>();

/** One formatter per currency code, made once; null for text that is not a currency code. */
function currencyFormat(currency: string): Intl.NumberFormat | null {
  const code = currency.toUpperCase();
  if (!byCurrency.has(code)) {
    let format: Intl.NumberFormat | null = null;
    if (isCurrencyCode(code)) {
      format = new Intl.NumberFormat("en-GB", {
        style: "currency",
        currency: code,
        currencyDisplay: "code",
        minimumFractionDigits: 0,
        maximumFractionDigits: 0,
      });
    }
    byCurrency.set(code, format);
  }
  return byCurrency.get(code)!;
}

/**
 * "USD 1,200,000": whole units, grouped, with the currency code first when there is one. The code
 * and the amount are joined by a no-break space, so a line never ends between them.
 */
export function money(amount: number, currency: string | null | undefined): string {
  const whole = Math.round(amount) || 0;
  const format = currency ? currencyFormat(currency) : null;
  if (format) return format.format(whole);
  return currency ? `${currency} ${WHOLE.format(whole)}` : WHOLE.format(whole);
}

/**
 * A budget range in words, its currency said once: "USD 600,000–900,000", one amount when both ends are
 * equal, "up to …", "at least …"; null when nothing is stated.
 */
export function budgetRange(min: number | null | undefined, max: number | null | undefined, currency: string | null | undefined): string | null {
  if (min != null && max != null && Math.round(min) === Math.round(max)) return money(max, currency);
  if (min != null && max != null) return `${money(min, currency)}–${money(max, null)}`;
  if (max != null) return `up to ${money(max, currency)}`;
  if (min != null) return `at least ${money(min, currency)}`;
  return null;
}

/**
 * Thousands, millions and billions typed after an amount: "250k", "1.2m", and "1,2 Mio" or "3 Mrd" as
 * German and much of Europe write a million and a milliard. Each with the power of ten it stands for.
 */
const SCALE_WORDS = "k|m|mio\\.?|mrd\\.?";
const SCALES: Record<string, number> = { k: 3, m: 6, mio: 6, mrd: 9 };
/** The scale words written the European way, with a decimal comma: "1,2 Mio". */
const COMMA_DECIMAL_SCALES = new Set(["mio", "mrd"]);

/** A currency sign or code typed with an amount: "£500,000", "500,000 GBP", "US$ 2,000"; never a scale word ("1,2 Mio" is in no currency called MIO). */
const LEADING_MARK = /^([A-Za-z]{3}|[A-Z]{1,2}\$|\p{Sc})\s*(?=[\d.+-])([\s\S]*)$/u;
const TRAILING_MARK = new RegExp(`^([\\s\\S]*\\d\\.?(?:\\s*(?:${SCALE_WORDS}))?)\\s*((?!(?:mio|mrd)$)[A-Za-z]{3}|\\p{Sc})$`, "iu");

/** The signs that name one currency only, so that "£500,000" can say which currency a blank Currency is. */
const ONE_CURRENCY_SIGNS: Record<string, string> = { "£": "GBP", "€": "EUR", "₹": "INR", "₦": "NGN", "₱": "PHP", "₩": "KRW" };

/** The amount typed without its currency, and the sign or code typed with it (null when none). */
export function splitMoneyText(text: string): { amount: string; mark: string | null } {
  const trimmed = text.trim();
  const leading = LEADING_MARK.exec(trimmed);
  if (leading) return { amount: leading[2]!.trim(), mark: leading[1]! };
  const trailing = TRAILING_MARK.exec(trimmed);
  if (trailing) return { amount: trailing[1]!.trim(), mark: trailing[2]! };
  return { amount: trimmed, mark: null };
}

const narrowSymbols = new Map<string, string | null>();
function narrowSymbol(code: string): string | null {
  if (!narrowSymbols.has(code)) {
    let symbol: string | null = null;
    try {
      const parts = new Intl.NumberFormat("en-GB", { style: "currency", currency: code, currencyDisplay: "narrowSymbol" }).formatToParts(0);
      symbol = parts.find((p) => p.type === "currency")?.value ?? null;
    } catch {
      symbol = null;
    }
    narrowSymbols.set(code, symbol);
  }
  return narrowSymbols.get(code)!;
}

/**
 * A currency field's text as its code is read: control characters dropped, trimmed, in capitals ("gbp " is "GBP").
 * The one way a currency's code is read, typed or stored, wherever two are compared; "" for none.
 */
export function currencyCodeText(typed: string): string {
  return stripControlChars(typed).trim().toUpperCase();
}

/** Whether text is a currency code's shape, three capital letters (ISO 4217). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code);
}

/** Whether a sign or code typed with an amount names `currency` ("£" and "gbp" name GBP; "$" and "US$" name USD). */
export function markNamesCurrency(mark: string, currency: string): boolean {
  const code = currencyCodeText(currency);
  if (!isCurrencyCode(code)) return false;
  if (mark.toUpperCase() === code) return true;
  const symbol = narrowSymbol(code);
  if (symbol !== null && mark === symbol) return true;
  // "US$", "A$", "C$": the country's letters before the sign.
  return /^[A-Z]{1,2}\$$/.test(mark) && symbol === "$" && code.startsWith(mark.slice(0, -1));
}

let knownCurrencies: Set<string> | null = null;
const isKnownCurrency = (code: string) => (knownCurrencies ??= new Set(Intl.supportedValuesOf("currency"))).has(code);

/** The currency a sign or code names by itself, or null when it could be several ("$") or none. */
export function currencyOfMark(mark: string): string | null {
  if (/^[A-Za-z]{3}$/.test(mark)) return mark.toUpperCase();
  if (mark === "US$") return "USD";
  return ONE_CURRENCY_SIGNS[mark] ?? null;
}

/**
 * Amounts of a form typed with their currency, read against the form's currency field: an amount whose
 * sign or code names that currency loses it ("£500,000" with GBP is "500,000"); with the currency
 * left blank, a sign or code that names one currency fills it in. An amount whose sign names another
 * currency, or none that can be told, becomes its `otherCurrency`, for its field to refuse in words
 * (`otherCurrencyMessage`). While the currency field holds no code at all ("pounds"), the amount is
 * read without its sign: the currency field's own error is the one to fix, and the sign is checked
 * against the code once there is one.
 */
export function amountsWithoutCurrency<T extends Record<string, unknown>>(values: T, amountFields: readonly string[], currencyField: string): T {
  const out: Record<string, unknown> = { ...values };
  for (const field of amountFields) {
    const typed = out[field];
    if (typeof typed !== "string") continue;
    const chosen = out[currencyField];
    // Read as the currency field's own schema reads it, so that the two never disagree on what is a code.
    const cleaned = typeof chosen === "string" ? currencyCodeText(chosen) : "";
    const currency = cleaned !== "" ? cleaned : null;
    if (currency !== null && !isCurrencyCode(currency)) {
      out[field] = splitMoneyText(typed).amount;
      continue;
    }
    const read = amountIn(typed, currency);
    if ("amount" in read) {
      out[field] = read.amount;
      continue;
    }
    const named = read.otherCurrency.named;
    if (currency === null && named !== null && isKnownCurrency(named)) {
      out[currencyField] = named;
      out[field] = splitMoneyText(typed).amount;
    } else out[field] = read;
  }
  return out as T;
}

/** An amount `amountsWithoutCurrency` or `amountIn` found typed in another currency. */
export function isOtherCurrency(v: unknown): v is Extract<TypedAmount, { otherCurrency: unknown }> {
  return typeof v === "object" && v !== null && "otherCurrency" in v;
}

/**
 * An amount typed in a form that must be in `currency` (null when the form leaves the currency to be
 * chosen): the amount without its sign or code when they name that currency or there are none, else
 * the sign or code that names another, or none that can be told.
 */
export type TypedAmount = { amount: string } | { otherCurrency: { mark: string; named: string | null; expected: string | null } };

export function amountIn(text: string, currency: string | null): TypedAmount {
  const { amount, mark } = splitMoneyText(text);
  if (mark === null) return { amount: text.trim() };
  const expected = currencyCodeText(currency ?? "") || null;
  if (expected && markNamesCurrency(mark, expected)) return { amount };
  return { otherCurrency: { mark, named: currencyOfMark(mark), expected } };
}

/**
 * An amount of money as it is typed, its currency already taken off (docs/domain.md §8.9): "250,000",
 * "250 000", "1,200.50"; "250k" and "1.2m" in thousands and millions, and "1,2 Mio" or "3 Mrd" in
 * millions and milliards; "1.250.000", whose dots can only be between thousands. A dot before exactly
 * three digits, as in "250.000", is a decimal point to some and a thousands separator to others, so it
 * is read neither way: `twoReadings` holds both, for the field to refuse in words (`twoReadingsMessage`).
 * Before a scale word a comma before one or two digits can only be a decimal one ("1,2m", "1,25 Mio");
 * before "Mio" or "Mrd", whose writers put a decimal comma, one before three digits ("1,250 Mio") is read
 * neither way either. Null when the text is no amount at all.
 */
export type TypedFigure = { amount: number } | { twoReadings: { typed: string; asDecimal: number; asThousands: number } };

const SCALED = new RegExp(`^(.*\\d\\.?)\\s*(${SCALE_WORDS})$`, "i");

export function amountFromText(text: string): TypedFigure | null {
  const typed = text.trim();
  const suffixed = SCALED.exec(typed);
  const figures = suffixed ? suffixed[1]! : typed;
  const scale = suffixed ? suffixed[2]!.toLowerCase().replace(/\.$/, "") : null;
  const power = scale ? SCALES[scale]! : 0;
  // Shifted as text, so that "1.1k" is 1,100 exactly, not 1.1 × 1,000 in binary.
  const scaled = (plain: string) => Number(`${plain}e${power}`);
  if (scale && /^[+-]?\d+,\d{1,2}$/.test(figures)) return { amount: scaled(figures.replace(",", ".")) };
  if (scale && COMMA_DECIMAL_SCALES.has(scale) && /^[+-]?\d{1,3},\d{3}$/.test(figures))
    return { twoReadings: { typed, asDecimal: scaled(figures.replace(",", ".")), asThousands: scaled(figures.replace(",", "")) } };
  if (/^[+-]?\d{1,3}(\.\d{3}){2,}$/.test(figures)) return { amount: scaled(figures.replace(/\./g, "")) };
  if (Number.isNaN(decimalFromText(figures))) return null;
  const plain = figures.replace(/[, _]/g, "");
  if (/\.\d{3}$/.test(plain)) return { twoReadings: { typed, asDecimal: scaled(plain), asThousands: scaled(plain.replace(".", "")) } };
  return { amount: scaled(plain) };
}

const EITHER_READING = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 6 });

/**
 * The words for an amount that could be read two ways, naming both and how to write it:
 * "Minimum budget: 250.000 could be 250 or 250,000. Write the amount with commas between thousands,
 * like 250,000, or none, like 250000."
 */
export function twoReadingsMessage(label: string, o: { typed: string; asDecimal: number; asThousands: number }, example = "250,000", noun = "amount"): string {
  return `${label}: ${o.typed} could be ${EITHER_READING.format(o.asDecimal)} or ${EITHER_READING.format(
    o.asThousands
  )}. Write the ${noun} with commas between thousands, like ${example}, or none, like ${example.replace(/,/g, "")}.`;
}

/** The words for an amount that cannot be read as one, the same wherever money is typed. */
export function notAnAmount(label: string, example = "250,000"): string {
  return `${label} must be an amount like ${example}.`;
}

/**
 * The words for an amount typed in another currency than the one it is in, naming the one expected
 * and how it may be typed: "The fee is in USD, not GBP: type the amount alone, or with USD or $."
 * `where` names the field the currency is chosen in, when the form has one.
 */
export function otherCurrencyMessage(label: string, o: { mark: string; named: string | null; expected: string | null }, where?: string): string {
  if (o.expected === null)
    return `${label}: “${o.mark}” does not say which currency. Type the currency's code with the amount, such as 250,000 USD${
      where ? `, or fill in ${where}` : ""
    }.`;
  const symbol = narrowSymbol(o.expected);
  const ways = symbol && symbol !== o.expected ? `${o.expected} or ${symbol}` : o.expected;
  const not = o.named && o.named !== o.expected ? `, not ${o.named}` : `, and “${o.mark}” is not its sign`;
  return `${label} is in ${o.expected}${where ? `, as ${where} says` : ""}${not}: type the amount alone, or with ${ways}.`;
}
