import { z } from "zod";
import { COUNTRY_CODES } from "./countries";
import { line, wholeNumber } from "./field-schemas";
import { TEXT_LIMITS } from "./limits";
import { PARTNER_KINDS } from "./partner-kinds";
import { stripControlChars } from "./text";
import { InviteExecutiveSchema } from "./user-forms";

/** The forms that start an engagement and edit its details. */

const country = z.enum(COUNTRY_CODES, { error: "Choose the country from the list." });

export const OrganisationSchema = z.object({
  orgName: line("Organisation name", { max: 160 }),
  orgKind: z.enum(PARTNER_KINDS, { error: "Choose the kind of organisation." }),
  orgCountry: country,
  orgSites: wholeNumber("Number of sites", { min: 1, max: 100_000 }),
  /** Not always known early: empty means not known yet. */
  orgPopulation: z
    .preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), wholeNumber("Population served", { min: 0, max: 2_000_000_000 }).optional())
    .transform((v) => v ?? null),
});

/** Choosing the country of an organisation whose country is not known yet (or correcting it). */
export const OrganisationCountrySchema = z.object({
  intent: z.literal("set-country"),
  orgCountry: country,
  orgVersion: z.coerce.number().int().positive(),
});
export type OrganisationCountryInput = z.infer<typeof OrganisationCountrySchema>;

/** The partner's name and profile as the proposal's context states them: its kind, sites and population (empty: not known yet). */
export const PartnerProfileSchema = OrganisationSchema.pick({ orgName: true, orgKind: true, orgSites: true, orgPopulation: true }).extend({
  intent: z.literal("set-profile"),
  orgVersion: z.coerce.number().int().positive(),
});
export type PartnerProfileInput = z.infer<typeof PartnerProfileSchema>;

/** The partner's record takes the population the intake's partner context gives, where the two differ. */
export const IntakePopulationSchema = z.object({
  intent: z.literal("use-intake-population"),
  orgVersion: z.coerce.number().int().positive(),
});
export type IntakePopulationInput = z.infer<typeof IntakePopulationSchema>;

/** The longest an engagement's title may be. */
export const TITLE_MAX = 160;

/**
 * The "new engagement" form: a title and either an existing partner organisation or a new one.
 * Field names are flat so that the form works without JavaScript and errors map to fields.
 */
export const NewEngagementSchema = z.discriminatedUnion(
  "partner",
  [
    z.object({
      partner: z.literal("existing"),
      title: line("Title", { min: 3, max: TITLE_MAX }),
      organisationId: z.coerce.number({ error: "Choose a partner organisation." }).int().positive("Choose a partner organisation."),
    }),
    OrganisationSchema.extend({
      partner: z.literal("new"),
      title: line("Title", { min: 3, max: TITLE_MAX }),
    }),
  ],
  { error: "Choose an existing or a new partner organisation." }
);
export type NewEngagementInput = z.infer<typeof NewEngagementSchema>;

export const EngagementDetailsSchema = z.object({
  title: line("Title", { min: 3, max: TITLE_MAX }),
  internalNotes: z
    .string()
    .default("")
    .transform((v) => stripControlChars(v).trim())
    .pipe(z.string().max(TEXT_LIMITS.internalNotes, `Internal notes must be at most ${TEXT_LIMITS.internalNotes.toLocaleString("en-GB")} characters.`)),
  version: z.coerce.number().int().positive(),
});
export type EngagementDetailsInput = z.infer<typeof EngagementDetailsSchema>;

/** A manager chosen from the page's list: the message names what the list is for. */
const chosenManager = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^[1-9]\d{0,8}$/, message)
    .transform(Number);

/** Adding a co-owner to the engagement (docs/domain.md §9.15). */
export const AddCoOwnerSchema = z.object({
  intent: z.literal("add-co-owner"),
  coOwnerId: chosenManager("Choose the manager to add as a co-owner."),
});

/** Removing one of the engagement's co-owners. */
export const RemoveCoOwnerSchema = z.object({
  intent: z.literal("remove-co-owner"),
  coOwnerId: chosenManager("That co-owner is no longer on the list; reload the page."),
});

/**
 * Handing the engagement over: another manager becomes its owner. `ownerId` is the owner the page
 * showed, so that two hand-overs at once do not pass each other; the previous owner stays on as a
 * co-owner when `keepPrevious` is ticked.
 */
export const HandOverSchema = z.object({
  intent: z.literal("hand-over"),
  newOwnerId: chosenManager("Choose the manager to hand the engagement over to."),
  ownerId: chosenManager("The form is out of date; reload the page."),
  keepPrevious: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});
export type OwnersInput = z.infer<typeof AddCoOwnerSchema> | z.infer<typeof RemoveCoOwnerSchema> | z.infer<typeof HandOverSchema>;

/** The engagement page's changes: its details, the partner organisation's country or profile, inviting one of its executives, or who owns it. */
export const EngagementPageSchema = z.discriminatedUnion(
  "intent",
  [
    EngagementDetailsSchema.extend({ intent: z.literal("update-details") }),
    OrganisationCountrySchema,
    PartnerProfileSchema,
    IntakePopulationSchema,
    InviteExecutiveSchema,
    AddCoOwnerSchema,
    RemoveCoOwnerSchema,
    HandOverSchema,
  ],
  { error: "That is not something this page can do. Reload the page and try again." }
);
