/**
 * How long free text may be, field by field. The schemas refuse longer text; the forms show the
 * limit as people type. Kept apart from the schemas so a page can show a limit without loading them.
 */
export const TEXT_LIMITS = {
  comment: 5000,
  partnerReason: 5000,
  approvalConditions: 4000,
  approvalReason: 4000,
  methodJustification: 4000,
  internalNotes: 5000,
  existingWork: 3000,
  problems: 5000,
  sectionWords: 20000,
  intakeReturnNote: 2000,
} as const;
