import { z } from "zod";
import { line, paragraph } from "./field-schemas";
import { BRAND_COLOUR_PATTERN, OFFER_VALID_DAYS } from "./organisation-profile";
import { decimalFromText } from "./text";

/** The organisation profile's form (docs/domain.md §9.8). Read on the server only (decision 7). */

const OFFER_VALID_DAYS_ERROR = `A proposal stands for a whole number of days, from ${OFFER_VALID_DAYS.min} to ${OFFER_VALID_DAYS.max}.`;

const optional = (label: string, max = 200) => line(label, { min: 0, max });

export const OrganisationProfileSchema = z.object({
  version: z.coerce.number({ error: "Reload the page and try again." }).int().nonnegative(),
  name: line("Name", { max: 200 }),
  shortName: line("Short name", { max: 60 }),
  address: paragraph("Address", { max: 500 }),
  brandColour: z
    .string({ error: "Brand colour is required." })
    .transform((v) => v.trim())
    .pipe(z.string().regex(BRAND_COLOUR_PATTERN, "Brand colour must be a colour such as #1f4e79: a # and six hexadecimal digits.")),
  contactName: optional("Contact name"),
  contactEmail: z
    .string()
    .default("")
    .transform((v) => v.trim())
    .pipe(z.union([z.literal(""), z.email("Enter a valid email address.").max(200, "Email must be at most 200 characters.")])),
  contactPhone: z
    .string()
    .default("")
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .max(40, "Phone must be at most 40 characters.")
        .regex(/^[+0-9 ()\-.]*$/, "Phone may hold only digits, spaces, +, brackets, dots and dashes.")
    ),
  signatoryName: optional("Signatory's name"),
  signatoryTitle: optional("Signatory's title"),
  legalFooter: paragraph("Legal footer", { max: 600 }),
  offerValidDays: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : decimalFromText(v)) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? "Enter how many days a proposal stands." : OFFER_VALID_DAYS_ERROR) })
      .int(OFFER_VALID_DAYS_ERROR)
      .min(OFFER_VALID_DAYS.min, OFFER_VALID_DAYS_ERROR)
      .max(OFFER_VALID_DAYS.max, OFFER_VALID_DAYS_ERROR)
  ),
  logo: z.instanceof(File).optional(),
  removeLogo: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

export type OrganisationProfileInput = z.output<typeof OrganisationProfileSchema>;
