/**
 * The levers that shape a fee to a budget (docs/domain.md §8.8) and the names their panel gives them:
 * a module of its own, with nothing else, so that a page that names a lever (the audit trail) does not
 * bring the pricing rules to the browser.
 */
export const LEVERS = ["fewer_sites", "virtual_sessions", "longer_phasing", "fewer_faculty_days"] as const;
export type Lever = (typeof LEVERS)[number];

export const LEVER_LABELS: Record<Lever, string> = {
  fewer_sites: "Fewer sites in the first wave",
  virtual_sessions: "Events held online",
  longer_phasing: "A longer phasing",
  fewer_faculty_days: "Fewer faculty days",
};
