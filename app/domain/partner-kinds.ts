/**
 * The kinds of partner, one list for the intake, partner organisations, the engagement bundle and its
 * JSON Schema (docs/domain.md §2.1): hospitals, health systems, associations or networks that can
 * mobilise many hospitals, regions and nations.
 */
export const PARTNER_KINDS = ["hospital", "health_system", "association", "region", "nation"] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** The kind as a noun, for an organisation's details. */
export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  hospital: "Hospital",
  health_system: "Health system",
  association: "Association or network of hospitals",
  region: "Region",
  nation: "Nation (ministry of health)",
};

/**
 * The kind as the proposal says what the partner is ("Eastmere Regional Health Authority is a regional
 * health body in Ireland"): an organisation, never the place it serves, which a region or a nation is.
 */
export const PARTNER_KIND_IN_SENTENCE: Record<PartnerKind, string> = {
  hospital: "a hospital",
  health_system: "a health system",
  association: "an association or network of hospitals",
  region: "a regional health body",
  nation: "a national ministry of health",
};
