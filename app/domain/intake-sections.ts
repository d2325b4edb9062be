/**
 * The intake's sections, in order, with their names. Apart from the intake's topics and rules, so that
 * a page naming a section (the proposal's list of parts still to complete) loads no more than these.
 */
export const INTAKE_SECTIONS = [
  { key: "context", label: "Partner context" },
  { key: "needs", label: "Needs and priorities" },
  { key: "evidence", label: "Evidence and ambition" },
  { key: "scale", label: "Scale and horizon" },
  { key: "capacity", label: "Partner capacity" },
  { key: "budget", label: "Budget" },
] as const;
export type IntakeSectionKey = (typeof INTAKE_SECTIONS)[number]["key"];
