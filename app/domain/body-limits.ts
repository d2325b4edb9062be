/**
 * How large a request body may be, address by address (decision 9): apart from the text fields' limits
 * (limits.ts), so that a page showing a field's limit does not load these.
 */
const KB = 1024;
const MB = 1024 * KB;

/** The largest engagement bundle an import takes (the file itself, or the JSON posted to the API). */
export const BUNDLE_BYTES = 5 * MB;
/** The largest driver-diagram CSV an upload takes. */
export const CSV_BYTES = 5 * MB;
/** Room for a multipart form's boundaries and its other fields around an uploaded file. */
const MULTIPART_ROOM = 64 * KB;

export type BodyLimit = { bytes: number; message: string };

export const BODY_LIMITS = {
  signIn: { bytes: 16 * KB, message: "The sign-in form sent more than 16 KB, far more than an email address and a password." },
  bundle: { bytes: BUNDLE_BYTES + MULTIPART_ROOM, message: "The bundle is larger than 5 MB, the most an import takes." },
  csv: { bytes: CSV_BYTES + MULTIPART_ROOM, message: "The file is larger than 5 MB, the most a driver diagram import takes." },
  logo: { bytes: 100 * KB + MULTIPART_ROOM, message: "The logo is larger than 100 KB, the most the profile takes. Save a smaller one." },
  form: { bytes: 256 * KB, message: "The form sent more than 256 KB, the most a page takes. Shorten the longest text and send it again." },
} satisfies Record<string, BodyLimit>;

/**
 * How many bytes a request body to this address may have. The server counts them as they arrive
 * and stops reading at the limit (413), before anything parses them.
 */
export function bodyLimitFor(pathname: string): BodyLimit {
  if (pathname === "/login") return BODY_LIMITS.signIn;
  if (pathname === "/engagements/import" || pathname === "/api/engagements") return BODY_LIMITS.bundle;
  if (/^\/engagements\/[^/]+\/driver-diagram$/.test(pathname)) return BODY_LIMITS.csv;
  if (pathname === "/admin/organisation") return BODY_LIMITS.logo;
  return BODY_LIMITS.form;
}
