/**
 * The levers that shape a fee to a budget (docs/domain.md §8.8) and the names their panel gives them:
 * a module of its own, with nothing else, so that a page that names a lever (the audit trail) or groups
 * them (the budget panel) does not bring the pricing rules to the browser.
 */
export const LEVERS = ["fewer_sites", "fewer_supported_sites", "virtual_sessions", "longer_phasing", "fewer_faculty_days"] as const;
export type Lever = (typeof LEVERS)[number];

export const LEVER_LABELS: Record<Lever, string> = {
  fewer_sites: "Fewer sites in the first wave",
  // A campaign enrols openly and has no waves: what the sites change is how many our staff support.
  fewer_supported_sites: "Fewer sites supported by our staff",
  virtual_sessions: "Events held online",
  longer_phasing: "A longer phasing",
  fewer_faculty_days: "Fewer faculty days",
};

/**
 * The levers on offer split by what they do to the fee: those that lower it close the gap; those the
 * pricing rules' rounding leaves at the same fee cannot close it alone, though taken with the others
 * they may (leversTogether), so they are listed apart; those that raise it only an option may take.
 */
export function splitByFee<L extends { feeChange: number }>(levers: readonly L[]): { lowering: L[]; level: L[]; raising: L[] } {
  return {
    lowering: levers.filter((l) => l.feeChange < 0),
    level: levers.filter((l) => l.feeChange === 0),
    raising: levers.filter((l) => l.feeChange > 0),
  };
}
