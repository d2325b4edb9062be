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
