/*
 * CSV cells as RFC 4180 writes them, with spreadsheet formulas neutralised: a cell a spreadsheet would
 * run as a formula (=, +, -, @, tab, carriage return first) is written with a leading apostrophe, and
 * read back without it.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises spreadsheet formulas; see readCell for the exact inverse. */
function protectCell(value: string): string {
  if (FORMULA_START.test(value) || (value.startsWith("'") && /^'[=+\-@\t\r']/.test(value))) return `'${value}`;
  return value;
}

export function readCell(value: string): string {
  return /^'[=+\-@\t\r']/.test(value) ? value.slice(1) : value;
}

/** One CSV cell (RFC 4180 quoting), with spreadsheet formulas neutralised. */
export function quoteCell(value: string): string {
  const protectedValue = protectCell(value);
  return /[",\r\n]|^\s|\s$/.test(protectedValue) ? `"${protectedValue.replace(/"/g, '""')}"` : protectedValue;
}
