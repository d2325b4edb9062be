/**
 * Every download's file name and headers. The name is the title's letters and digits, in any
 * script, lower case and joined by hyphens, then what the file is ("v2-draft.docx"). Browsers read
 * that name from `filename*` (RFC 6266, RFC 5987); `filename` carries the same name in plain ASCII
 * for the few that cannot.
 */

export type FileName = { utf8: string; ascii: string };

const BASE_LENGTH = 60;

// Letters that Unicode decomposition leaves alone, written as people usually spell them in ASCII.
const SPELLED_OUT: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", þ: "th", ł: "l", ı: "i" };

/** Runs of anything else become one hyphen; no more than BASE_LENGTH characters, never ending on a hyphen. */
function hyphenate(text: string, other: RegExp): string {
  const joined = text.replace(other, "-").replace(/^-+|-+$/g, "");
  return Array.from(joined).slice(0, BASE_LENGTH).join("").replace(/-+$/, "");
}

/**
 * The text without what is never seen: format characters and other invisible ones (a zero-width joiner
 * or space, a soft hyphen, an emoji's variation selector), and a mark left with no letter to sit on once
 * an emoji becomes a hyphen. A direction mark or override stands between words, so it still parts them.
 */
function visible(text: string): string {
  return text
    .replace(/(?![\u200E\u200F\u202A-\u202E\u2066-\u2069])[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, "")
    .replace(/(?<![\p{L}\p{N}\p{M}])\p{M}+/gu, "");
}

/**
 * One rule for every download's name. `what` says what the file is and ends with its extension
 * ("driver-diagram.csv"); `fallback` stands in for a title with no letters or digits.
 */
export function fileName(title: string, what: string, fallback = "engagement"): FileName {
  const words = hyphenate(visible(title.normalize("NFKC").toLowerCase()), /[^\p{L}\p{M}\p{N}]+/gu);
  const ascii = hyphenate(
    words
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[ßæœøđðþłı]/g, (c) => SPELLED_OUT[c]!),
    /[^a-z0-9]+/g
  );
  return { utf8: `${words || fallback}-${what}`, ascii: `${ascii || fallback}-${what}` };
}

/** RFC 5987 encoding: UTF-8, percent-encoded, keeping only the characters it allows as they are. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(name: FileName): string {
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeExtValue(name.utf8)}`;
}

/**
 * A file to save, never cached: what it holds may be confidential. The bytes are sent as they are, in
 * one piece: not copied into a Blob first, then read back out of it in small pieces.
 */
export function attachment(body: string | Uint8Array, name: FileName, contentType: string): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": contentDisposition(name),
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "no-store",
    },
  });
}

/**
 * What a proposal document's name says after the title: its version, whether it is still a draft or
 * was declined ("v2-declined.docx": not a draft, nor ever to be agreed) and, for the internal briefing,
 * that it is one ("v2-draft-internal-briefing.pdf"); the partner version carries no more than the version.
 */
export function proposalFileSuffix(
  number: number,
  made: { edition: "partner" | "internal"; approval: { status: string }; declined?: boolean },
  extension: "docx" | "pdf"
): string {
  const state = made.approval.status === "approved" ? "" : made.declined ? "-declined" : "-draft";
  return `v${number}${state}${made.edition === "internal" ? "-internal-briefing" : ""}.${extension}`;
}

/** Where a proposal version's document is downloaded: the partner version by default. */
export function proposalDocumentHref(engagementId: number, number: number, format: "docx" | "pdf", edition: "partner" | "internal" = "partner"): string {
  return `/engagements/${engagementId}/versions/${number}/${format}${edition === "internal" ? "?edition=internal" : ""}`;
}

/** A version's four documents: the partner version and the internal briefing, each in Word and as a PDF. */
export function proposalDocumentHrefs(engagementId: number, number: number) {
  return {
    docx: proposalDocumentHref(engagementId, number, "docx"),
    pdf: proposalDocumentHref(engagementId, number, "pdf"),
    internalDocx: proposalDocumentHref(engagementId, number, "docx", "internal"),
    internalPdf: proposalDocumentHref(engagementId, number, "pdf", "internal"),
  };
}
