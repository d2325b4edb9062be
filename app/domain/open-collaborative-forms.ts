import { z } from "zod";
import { isIsoDate, daysBetween, formatDate, notADateWords } from "./calendar";
import { DRIVER_DIAGRAM_TOPICS } from "./driver-diagram-templates";
import { FormVersion, line, RemoveIntent, wholeNumber } from "./field-schemas";

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

/**
 * The sessions in order, none left out between two given, and the next still to come on `today`: a
 * collaborative whose sessions have all passed is offered to no one (small-requests.ts, isOpenToJoin).
 */
function checkSessions(v: Sessions, ctx: z.RefinementCtx, today: string) {
  if (v.session1 && isIsoDate(v.session1) && isIsoDate(today) && daysBetween(today, v.session1) < 0)
    ctx.addIssue({
      code: "custom",
      path: ["session1"],
      message: `${formatDate(v.session1)} has passed: give the next learning session still to come.`,
    });
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

/** A new open collaborative, as the admin page's form sends it, on `today` (YYYY-MM-DD). */
export function openCollaborativeFormSchema(today: string) {
  return z
    .object(fields)
    .superRefine((v, ctx) => checkSessions(v, ctx, today))
    .transform(toEntry);
}

/** An open collaborative's own page, on `today`: save it as edited from `version`, or remove it. */
export function openCollaborativeIntents(today: string) {
  return z
    .discriminatedUnion("intent", [z.object({ intent: z.literal("save"), version: FormVersion, ...fields }), RemoveIntent], {
      error: "That is not something this page can do. Reload the page and try again.",
    })
    .superRefine((v, ctx) => {
      if (v.intent === "save") checkSessions(v, ctx, today);
    })
    .transform((v) => (v.intent === "save" ? { ...toEntry(v), intent: v.intent } : v));
}
