import { z } from "zod";
import type { ApprovalThresholds } from "./workflow";

/** docs-templates/approval-thresholds.json: above these, a proposal's resourcing needs a second leader. */
export const ApprovalThresholdsSchema = z.object({
  version: z.literal(1),
  note: z.string().optional(),
  fteMonths: z.number().positive(),
  facultyDays: z.number().positive(),
  secondLeaderOnShortfall: z.boolean(),
}) satisfies z.ZodType<ApprovalThresholds>;
