import { z } from "zod";
import { NOTICE_KINDS, type NoticeKind } from "./mail";

/** The notices by mail a user keeps on: one checkbox per kind, ticked to keep it. Read on the server only. */
export const NoticeChoicesSchema = z
  .object({
    intent: z.literal("mail-notices", { error: "That is not something this page can do. Reload the page and try again." }),
    ...Object.fromEntries(NOTICE_KINDS.map((k) => [k, z.literal("on", { error: "Tick the box or leave it empty." }).optional()])),
  })
  .transform((v) => NOTICE_KINDS.filter((k) => (v as Record<string, unknown>)[k] === "on") as NoticeKind[]);
