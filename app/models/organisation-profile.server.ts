import { eq } from "drizzle-orm";
import { organisationProfile } from "../../db/schema";
import { Conflict, Forbidden, Refusal } from "~/domain/errors";
import { checkLogo } from "~/domain/organisation-logo";
import { DEFAULT_PROPOSER, type LogoType, type Proposer } from "~/domain/organisation-profile";
import { may } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { getDb, type DB, type Tx } from "~/services/db.server";

/** Our organisation's profile (docs/domain.md §9.8): one row, read by every document and page that names us. */

const PROFILE_ID = 1;

type Row = typeof organisationProfile.$inferSelect;

function toProposer(row: Row | undefined): Proposer {
  if (!row) return DEFAULT_PROPOSER;
  return {
    name: row.name,
    shortName: row.shortName,
    address: row.address,
    brandColour: row.brandColour,
    contact: { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    signatory: { name: row.signatoryName, title: row.signatoryTitle },
    legalFooter: row.legalFooter,
    offerValidDays: row.offerValidDays,
    logo: row.logo && row.logoType ? { type: row.logoType, dataUri: `data:${row.logoType};base64,${Buffer.from(row.logo).toString("base64")}` } : null,
  };
}

/** The profile as documents carry it; the product's own name until an administrator writes one. */
export function readProposer(db: DB | Tx = getDb()): Proposer {
  return toProposer(db.select().from(organisationProfile).where(eq(organisationProfile.id, PROFILE_ID)).get());
}

/** What the sign-in page and the partner's pages show of us: the name and the logo, nothing else. */
export function publicIdentity(db: DB | Tx = getDb()): { name: string; logo: string | null; brandColour: string } {
  const p = readProposer(db);
  return { name: p.name, logo: p.logo?.dataUri ?? null, brandColour: p.brandColour };
}

function requireAdmin(actor: Actor) {
  if (!may(actor, "organisation:manage")) throw new Forbidden("Only administrators keep the organisation's profile.");
}

/** The profile for its form, with the version a save must name. */
export function getProfileForEditing(actor: Actor) {
  requireAdmin(actor);
  const row = getDb().select().from(organisationProfile).where(eq(organisationProfile.id, PROFILE_ID)).get();
  return { proposer: toProposer(row), version: row?.version ?? 0 };
}

export type ProfileChange = {
  name: string;
  shortName: string;
  address: string;
  brandColour: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  signatoryName: string;
  signatoryTitle: string;
  legalFooter: string;
  offerValidDays: number;
  /** A new logo as uploaded, none to keep the one there is, or "remove". */
  logo: { bytes: Uint8Array; fileName: string } | null | "remove";
};

/** Saves the profile, if nobody saved it meanwhile; a logo that is not a clean PNG or SVG is refused next to its field. */
export function saveProfile(actor: Actor, change: ProfileChange, version: number, db: DB = getDb()): void {
  requireAdmin(actor);
  let logo: { logo: Buffer | null; logoType: LogoType | null } | object = {};
  if (change.logo === "remove") logo = { logo: null, logoType: null };
  else if (change.logo) {
    const checked = checkLogo(change.logo.bytes, change.logo.fileName);
    if (!checked.ok) throw new Refusal(checked.message, "logo");
    logo = { logo: Buffer.from(change.logo.bytes), logoType: checked.type };
  }
  const { logo: _logo, ...fields } = change;
  db.transaction((tx) => {
    const current = tx.select({ version: organisationProfile.version }).from(organisationProfile).where(eq(organisationProfile.id, PROFILE_ID)).get();
    if ((current?.version ?? 0) !== version) throw new Conflict("Someone else saved the profile meanwhile. Their version is shown; make your change again.");
    const values = { ...fields, ...logo, version: version + 1, updatedById: actor.id, updatedAt: new Date().toISOString() };
    if (current) tx.update(organisationProfile).set(values).where(eq(organisationProfile.id, PROFILE_ID)).run();
    else
      tx.insert(organisationProfile)
        .values({ id: PROFILE_ID, ...values })
        .run();
    writeAudit(tx, {
      userId: actor.id,
      action: "organisation.profile.update",
      detail: { name: fields.name, logo: change.logo === "remove" ? "removed" : change.logo ? "replaced" : "kept" },
    });
  });
}

/** The demo's profile, written once by the seed. */
export function seedProfile(
  db: DB | Tx,
  profile: Omit<ProfileChange, "logo" | "offerValidDays"> & { offerValidDays?: number } & { logo: { bytes: Uint8Array; type: LogoType } | null }
) {
  const { logo, ...fields } = profile;
  db.insert(organisationProfile)
    .values({ id: PROFILE_ID, ...fields, logo: logo ? Buffer.from(logo.bytes) : null, logoType: logo?.type ?? null, updatedAt: new Date().toISOString() })
    .onConflictDoNothing()
    .run();
}
