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

/**
 * Whether the partner's name already says its kind, so that the proposal does not tell them what they
 * are ("Northshire Health System is a health system"): every word of the kind as the proposal says it,
 * but its article, stands in the name, a plural for a singular too ("Northern Hospitals Network" says
 * "network of hospitals"). A kind given as alternatives ("an association or network of hospitals") is
 * said by a name that says one of them.
 */
export function nameSaysKind(name: string, kind: PartnerKind): boolean {
  const said = PARTNER_KIND_IN_SENTENCE[kind] as string | undefined;
  if (!said) return false;
  const stem = (word: string) => word.toLowerCase().replace(/s$/, "");
  const inName = new Set((name.match(/\p{L}+/gu) ?? []).map(stem));
  return said
    .replace(/^an? /, "")
    .split(" or ")
    .some((alternative) =>
      alternative
        .split(" ")
        .filter((w) => w !== "of")
        .every((w) => inName.has(stem(w)))
    );
}
