/** A server-built attachment filename: letters, digits and dashes only. */
export function attachmentName(title: string, suffix: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${base || "proposal"}-${suffix}`;
}

export function attachment(body: Uint8Array, filename: string, contentType: string): Response {
  return new Response(new Blob([body as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(body.byteLength),
      "Cache-Control": "no-store",
    },
  });
}
