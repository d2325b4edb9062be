/**
 * Our own organisation as the proposal, the partner's page and the sign-in page name it
 * (docs/domain.md §9.8): who proposes, who to contact, who signs for us, and the logo and colour the
 * documents carry. Pure: the profile is read and saved by `app/models/organisation-profile.server.ts`.
 */

export type LogoType = "image/png" | "image/svg+xml";

/** The profile as the documents carry it, frozen with each version. The logo is a data URI, small by rule. */
export type Proposer = {
  name: string;
  shortName: string;
  address: string;
  brandColour: string;
  contact: { name: string; email: string; phone: string };
  signatory: { name: string; title: string };
  legalFooter: string;
  /** How many days from its date a proposal stands until the partner accepts it; absent in versions made before it was a setting. */
  offerValidDays?: number;
  logo: { type: LogoType; dataUri: string } | null;
};

/** What a profile says before an administrator writes one: the product's own name, no logo. */
export const DEFAULT_PROPOSER: Proposer = {
  name: "Partnership Planner",
  shortName: "Partnership Planner",
  address: "",
  brandColour: "#1f4e79",
  contact: { name: "", email: "", phone: "" },
  signatory: { name: "", title: "" },
  legalFooter: "",
  offerValidDays: 90,
  logo: null,
};

/** The fewest and most days a proposal may stand: a profile setting, with a clear error beyond. */
export const OFFER_VALID_DAYS = { min: 1, max: 365 } as const;

/** The largest logo an upload takes: a logo is printed a few centimetres wide, and each version carries it. */
export const LOGO_BYTES = 100 * 1024;

export const BRAND_COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** The colour a text on the brand colour is printed in, so that it can be read. */
export function textOnBrand(hex: string): "#ffffff" | "#1a1a1a" {
  const m = BRAND_COLOUR_PATTERN.test(hex) ? hex.slice(1) : "1f4e79";
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(m.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return luminance > 0.35 ? "#1a1a1a" : "#ffffff";
}

/** "Dr Ana Ruiz, Chief Executive": our signatory as the signature block names them. */
export function signatoryText(p: Proposer): string | null {
  if (!p.signatory.name) return null;
  return p.signatory.title ? `${p.signatory.name}, ${p.signatory.title}` : p.signatory.name;
}

/**
 * How the documents name us: the profile's full or short name, frozen with the version; "the
 * Institute" in versions made before the profile existed.
 */
export function ourName(p: Pick<Proposer, "name" | "shortName"> | null | undefined, form: "name" | "shortName" = "name"): string {
  return p ? p[form] : "the Institute";
}

/** Who to contact, on one line. */
export function contactText(p: Proposer): string | null {
  const parts = [p.contact.name, p.contact.email, p.contact.phone].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}
