/** "USD 1,200,000": whole units, grouped, with the currency code first when there is one. */
export function money(amount: number, currency: string | null | undefined): string {
  return `${currency ? `${currency} ` : ""}${Math.round(amount).toLocaleString("en-GB")}`;
}

/** A budget range in words: "USD 600,000–900,000", "up to …", "at least …"; null when nothing is stated. */
export function budgetRange(min: number | null | undefined, max: number | null | undefined, currency: string | null | undefined): string | null {
  if (min != null && max != null) return `${money(min, currency)}–${money(max, currency)}`;
  if (max != null) return `up to ${money(max, currency)}`;
  if (min != null) return `at least ${money(min, currency)}`;
  return null;
}
