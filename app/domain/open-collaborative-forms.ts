import { z } from "zod";
import { isIsoDate, daysBetween, notADateWords } from "./calendar";
import { DRIVER_DIAGRAM_TOPICS } from "./driver-diagram-templates";
import { line, RemoveIntent, wholeNumber } from "./field-schemas";

/** The dates an administrator gives for the next learning sessions: the first required, up to three. */
export const SESSION_FIELDS = ["session1", "session2", "session3"] as const;

const sessionDate = (label: string, required: boolean) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    required
      ? z.string({ error: `${label} is required.` }).refine(isIsoDate, { error: (issue) => notADateWords(label, issue.input) })
      : z
          .string()
          .refine(isIsoDate, { error: (issue) => notADateWords(label, issue.input) })
          .optional()
  );

const fields = {
  topic: z.enum(DRIVER_DIAGRAM_TOPICS, { error: "Choose one of the listed topics." }),
  title: line("Title", { max: 160 }),
  host: line("Host", { max: 160 }),
  session1: sessionDate("Next learning session", true),
  session2: sessionDate("The learning session after", false),
  session3: sessionDate("A third learning session", false),
  placesLeft: wholeNumber("Places left", { min: 0, max: 500 }),
};

type Sessions = { session1?: string; session2?: string; session3?: string };

/** The sessions in order, none left out between two given. */
function checkSessions(v: Sessions, ctx: z.RefinementCtx) {
  const dates = [v.session1, v.session2, v.session3];
  for (let i = 1; i < dates.length; i++) {
    const before = dates.slice(0, i).filter(Boolean).at(-1);
    const d = dates[i];
    if (d && before && isIsoDate(d) && isIsoDate(before) && daysBetween(before, d) <= 0) {
      ctx.addIssue({ code: "custom", path: [SESSION_FIELDS[i]!], message: "Give the sessions in order: each after the one before." });
    }
  }
  if (!v.session2 && v.session3) ctx.addIssue({ code: "custom", path: ["session2"], message: "Give the session after the next one before a third." });
}

function toEntry<T extends Sessions>({ session1, session2, session3, ...rest }: T) {
  return { ...rest, sessionDates: [session1, session2, session3].filter((d): d is string => Boolean(d)) };
}

/** A new open collaborative, as the admin page's form sends it. */
export const OpenCollaborativeFormSchema = z.object(fields).superRefine(checkSessions).transform(toEntry);

const Version = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, "The form is out of date; reload the page.")
  .transform(Number);

/** An open collaborative's own page: save it as edited from `version`, or remove it. */
export const OpenCollaborativeIntents = z
  .discriminatedUnion("intent", [z.object({ intent: z.literal("save"), version: Version, ...fields }), RemoveIntent], {
    error: "That is not something this page can do. Reload the page and try again.",
  })
  .superRefine((v, ctx) => {
    if (v.intent === "save") checkSessions(v, ctx);
  })
  .transform((v) => (v.intent === "save" ? { ...toEntry(v), intent: v.intent } : v));
