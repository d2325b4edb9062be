export const ORGANISATION_KINDS = ["hospital", "health_system", "region", "nation"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  hospital: "Hospital",
  health_system: "Health system",
  region: "Region",
  nation: "Nation (ministry of health)",
};

/** Fields of an engagement a person edits, for showing "what the other person changed". */
export type EngagementDetails = { title: string; internalNotes: string };

export function describeChanges(mine: EngagementDetails, theirs: EngagementDetails) {
  const labels: Record<keyof EngagementDetails, string> = { title: "Title", internalNotes: "Internal notes" };
  return (Object.keys(labels) as (keyof EngagementDetails)[])
    .filter((k) => mine[k] !== theirs[k])
    .map((k) => ({ field: k, label: labels[k], yours: mine[k], theirs: theirs[k] }));
}
