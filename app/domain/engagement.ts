/** Fields of an engagement a person edits, for showing "what the other person changed". */
export type EngagementDetails = { title: string; internalNotes: string };

export function describeChanges(mine: EngagementDetails, theirs: EngagementDetails) {
  const labels: Record<keyof EngagementDetails, string> = { title: "Title", internalNotes: "Internal notes" };
  return (Object.keys(labels) as (keyof EngagementDetails)[])
    .filter((k) => mine[k] !== theirs[k])
    .map((k) => ({ field: k, label: labels[k], yours: mine[k], theirs: theirs[k] }));
}
