import { z } from "zod";

/** The proposal page's one change: freeze the live draft as the next numbered version. */
export const ProposalIntentSchema = z.object({
  intent: z.literal("create-version", { error: "That is not something this page can do. Reload the page and try again." }),
});
