import { DOMParser } from "@xmldom/xmldom";
import { LOGO_BYTES, type LogoType } from "./organisation-profile";

/**
 * Whether an uploaded file can be our logo (docs/domain.md §9.8): a real PNG, or an SVG with nothing
 * that runs, embeds or fetches. Kept apart from the profile's view so the browser never loads the XML
 * parser.
 */

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
