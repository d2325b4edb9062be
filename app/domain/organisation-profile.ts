import { DOMParser } from "@xmldom/xmldom";

/**
 * Our own organisation as the proposal, the partner's page and the sign-in page name it
 * (docs/domain.md §9.6): who proposes, who to contact, who signs for us, and the logo and colour the
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
  logo: null,
};

/** The largest logo an upload takes: a logo is printed a few centimetres wide, and each version carries it. */
export const LOGO_BYTES = 100 * 1024;

export const BRAND_COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height of a PNG, read from its header; null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  // The first chunk of every PNG is IHDR, 13 bytes: width and height come first, big-endian.
  const chunk = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
  if (chunk !== "IHDR") return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Elements a logo may be drawn with: shapes, text, gradients. Nothing that runs, embeds or fetches. */
const SVG_ELEMENTS = new Set([
  "svg",
  "g",
  "path",
  "rect",
  "circle",
  "ellipse",
  "line",
  "polyline",
  "polygon",
  "text",
  "tspan",
  "defs",
  "lineargradient",
  "radialgradient",
  "stop",
  "title",
  "desc",
  "clippath",
  "mask",
  "symbol",
  "use",
]);

/** Any reference that is not to something inside the same picture. */
const EXTERNAL_URL = /url\(\s*['"]?(?!#)/i;

/**
 * Why an SVG cannot be a logo, or null when it can. An SVG with a script, an event handler, a
 * reference outside itself (a link, an external image or stylesheet, an entity) is refused as a
 * whole: it is not cleaned.
 */
export function svgRefusal(text: string): string | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return "The SVG declares a document type or entities; save it as plain SVG and upload it again.";
  let broken = false;
  const doc = new DOMParser({
    locator: {},
    errorHandler: {
      warning: () => undefined,
      error: () => {
        broken = true;
      },
      fatalError: () => {
        broken = true;
      },
    },
  }).parseFromString(text, "image/svg+xml");
  const root = doc?.documentElement;
  if (broken || !root || root.localName !== "svg") return "The file is not a readable SVG picture.";
  const stack: Element[] = [root as unknown as Element];
  while (stack.length) {
    const el = stack.pop()!;
    const name = (el.localName ?? el.nodeName).toLowerCase();
    if (!SVG_ELEMENTS.has(name))
      return `The SVG holds a <${name}> element, which a logo may not have (scripts, links, embedded pictures and foreign content are refused).`;
    for (let i = 0; i < el.attributes.length; i++) {
      const attr = el.attributes.item(i)!;
      const attrName = (attr.localName ?? attr.name).toLowerCase();
      const value = attr.value ?? "";
      if (attrName.startsWith("on")) return `The SVG has an event handler (${attr.name}), which a logo may not have.`;
      if (attrName === "href" && !value.trim().startsWith("#")) return "The SVG refers to something outside itself, which a logo may not do.";
      if (EXTERNAL_URL.test(value) || /javascript:|@import/i.test(value)) return "The SVG refers to something outside itself, which a logo may not do.";
    }
    for (let i = 0; i < el.childNodes.length; i++) {
      const child = el.childNodes.item(i)!;
      if (child.nodeType === 1) stack.push(child as unknown as Element);
      // A processing instruction (an xml-stylesheet) fetches a stylesheet.
      if (child.nodeType === 7) return "The SVG refers to a stylesheet, which a logo may not do.";
    }
  }
  return null;
}

/** The logo as uploaded: its type, or why it is refused. The bytes are kept exactly as sent. */
export function checkLogo(bytes: Uint8Array, declaredName: string): { ok: true; type: LogoType } | { ok: false; message: string } {
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty." };
  if (bytes.byteLength > LOGO_BYTES) return { ok: false, message: `The logo is larger than ${LOGO_BYTES / 1024} KB; save a smaller one.` };
  if (pngSize(bytes)) return { ok: true, type: "image/png" };
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 512)).trimStart();
  const looksSvg = /\.svg$/i.test(declaredName) || head.startsWith("<svg") || head.startsWith("<?xml");
  if (!looksSvg) return { ok: false, message: "The logo must be a PNG or an SVG picture." };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: "The file is not a readable SVG picture." };
  }
  const refusal = svgRefusal(text);
  return refusal ? { ok: false, message: refusal } : { ok: true, type: "image/svg+xml" };
}

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

/** Who to contact, on one line. */
export function contactText(p: Proposer): string | null {
  const parts = [p.contact.name, p.contact.email, p.contact.phone].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}
