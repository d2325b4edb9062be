const WHOLE = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const byCurrency = new Map<string, Intl.NumberFormat | null>();

/** One formatter per currency code, made once; null for text that is not a currency code. */
function currencyFormat(currency: string): Intl.NumberFormat | null {
  const code = currency.toUpperCase();
  if (!byCurrency.has(code)) {
    let format: Intl.NumberFormat | null = null;
    if (/^[A-Z]{3}$/.test(code)) {
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

/** A budget range in words: "USD 600,000–USD 900,000", one amount when both ends are equal, "up to …", "at least …"; null when nothing is stated. */
export function budgetRange(min: number | null | undefined, max: number | null | undefined, currency: string | null | undefined): string | null {
  if (min != null && max != null && Math.round(min) === Math.round(max)) return money(max, currency);
  if (min != null && max != null) return `${money(min, currency)}–${money(max, currency)}`;
  if (max != null) return `up to ${money(max, currency)}`;
  if (min != null) return `at least ${money(min, currency)}`;
  return null;
}
