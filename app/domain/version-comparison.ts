/**
 * How a version's page compares it with another version of the same proposal. What changed is always
 * read from the older version to the newer, whichever of the two the page shows, so that a later
 * version is said to change this one, never to be changed "since".
 */
export function comparedInOrder(shown: number, other: number): [from: number, to: number] {
  return other < shown ? [other, shown] : [shown, other];
}

/** The heading over what changed between the version shown and the one it is compared with. */
export function comparisonHeading(shown: number, other: number): string {
  return other < shown ? `What changed since version ${other}` : `What changes in version ${other}, compared with this version ${shown}`;
}

/**
 * What the page says of the first version, which has none before it to be compared with: that there
 * is nothing to compare only while it is the only version; once later ones exist, that one of them
 * can be chosen.
 */
export function firstVersionWords(later: number[]): string {
  return later.length === 0
    ? "This is the first version: there is nothing to compare it with yet."
    : "This is the first version: choose a later one to see what changes in it.";
}

/**
 * The version a version's page compares it with when none is chosen: an amendment (a version made
 * after the one in force) with the version in force, as its leaders and the partner judge it
 * (docs/domain.md §9.9); any other with the one just before it. Null for the first version.
 */
export function defaultComparison(shown: number, others: number[], inForce: number | null): number | null {
  if (inForce !== null && inForce < shown && others.includes(inForce)) return inForce;
  return others.filter((n) => n < shown).sort((a, b) => b - a)[0] ?? null;
}

/** The other comparison a version's page offers beside the one shown: the version in force, or the one just before. */
export function otherComparison(shown: number, compared: number, others: number[], inForce: number | null): { number: number; label: string } | null {
  const previous = others.filter((n) => n < shown).sort((a, b) => b - a)[0];
  if (inForce === null || inForce >= shown || previous === undefined || inForce === previous) return null;
  if (compared === inForce) return { number: previous, label: `Compare with version ${previous}, the one just before` };
  return others.includes(inForce) ? { number: inForce, label: `Compare with version ${inForce}, the version in force` } : null;
}

/** The heading over what changed since the version in force, which the partner may have accepted (agreed with them then). */
export function inForceHeading(inForce: number, accepted: boolean): string {
  return `What changed since version ${inForce}, the version in force${accepted ? ", agreed with the partner" : ""}`;
}
