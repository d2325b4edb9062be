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
