import { z } from "zod";
import type { ApprovalThresholds } from "./workflow";

/** docs-templates/approval-thresholds.json: above these, a proposal's resourcing needs a second leader. */
export const ApprovalThresholdsSchema = z.object({
  version: z.literal(1),
  note: z.string().optional(),
  fteMonths: z.number().positive(),
  facultyDays: z.number().positive(),
  secondLeaderOnShortfall: z.boolean(),
  /** A fee set by hand more than this far below the pricing rules' fee takes a second leader (docs/domain.md §8.9). */
  discountPercent: z.number().min(0).max(100).optional(),
}) satisfies z.ZodType<ApprovalThresholds>;
