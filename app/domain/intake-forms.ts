import { z } from "zod";
import type { Intake, IntakeSectionKey, SavingDates } from "./intake";
import { FIELD_LIST, unlistedFields, unlistedMessage } from "./intake-form";
import { IntakeSections, savingSectionSchema } from "./intake-schema";

/**
 * The intake page's forms, one per section (the page's `?section=`). Each posts the section's answers,
 * the intake `version` it was drawn from, the list of its fields (`intake-form.ts`), and which button
 * was pressed: "Save and continue" (`then`), or a priority's "Move up" (`move`). Server-side only
 * (decision 7).
 */

const VERSION = "The form is missing the intake's version: reload the page and try again.";

const Envelope = z.object({
  version: z
    .string({ error: VERSION })
    .regex(/^\d{1,9}$/, VERSION)
    .transform(Number),
  then: z.unknown().optional(),
  move: z.unknown().optional(),
});

/**
 * A post that lacks fields its form shows is refused, naming them, before any answer is read: it would
 * blank answers nobody touched.
 */
const Listed = (section: IntakeSectionKey) =>
  z.looseObject({}).superRefine((form, ctx) => {
    const sent = Array.isArray(form[FIELD_LIST]) ? form[FIELD_LIST][0] : form[FIELD_LIST];
    const listed = typeof sent === "string" ? sent.split(/\s+/).filter(Boolean) : [];
    const unlisted = unlistedFields(section, listed);
    if (unlisted.length) ctx.addIssue({ code: "custom", path: [], message: unlistedMessage(unlisted) });
  });

function sectionForm<K extends IntakeSectionKey>(section: K, dates?: SavingDates) {
  const answers = dates ? savingSectionSchema(section, dates) : IntakeSections[section];
  return Listed(section)
    .pipe(z.intersection(Envelope, answers) as z.ZodType<z.output<typeof Envelope> & Intake[K], { [k: string]: unknown }>)
    .transform((form) => {
      const { version, then, move, ...answers } = form;
      return { version, then: then === "continue", move: move !== undefined, answers: answers as unknown as Intake[K] };
    });
}

/** Each section's form, by the section's key. */
export const IntakeSectionForms = {
  context: sectionForm("context"),
  needs: sectionForm("needs"),
  evidence: sectionForm("evidence"),
  scale: sectionForm("scale"),
  capacity: sectionForm("capacity"),
  budget: sectionForm("budget"),
} satisfies Record<IntakeSectionKey, z.ZodType>;

/**
 * A section's form as a page saves it: its dates also checked against today and the answers saved
 * until now, so that every problem with a date is said at once, beside the others.
 */
export function savingSectionForm<K extends IntakeSectionKey>(section: K, dates: SavingDates) {
  return sectionForm(section, dates);
}
