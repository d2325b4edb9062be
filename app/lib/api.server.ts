import { DomainError } from "~/domain/errors";

/**
 * The JSON API's one shape for errors: `{ "error": "what went wrong, in a sentence" }`, plus
 * `"fields": { "path.in.the.body": "message" }` when a body is refused for what it holds.
 */
export type ApiError = { error: string; fields?: Record<string, string> };

export function apiError(status: number, error: string, fields?: Record<string, string>, headers?: HeadersInit) {
  const body: ApiError = fields && Object.keys(fields).length ? { error, fields } : { error };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** A refused body's messages by path ("" for the body as a whole) as an API error. */
export function apiRefusal(status: 400 | 413, errors: Record<string, string>, summary: string) {
  const { "": whole, ...fields } = errors;
  return apiError(status, whole ?? summary, fields);
}

/**
 * An API route's body, with what models throw answered in the API's shape: the typed domain errors,
 * and the plain-text error responses of the session guards, so no API answer is ever an HTML page.
 */
export async function api(run: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof DomainError) return apiError(e.status, e.message, e.field ? { [e.field]: e.message } : undefined);
    if (e instanceof Response && e.status >= 400 && !(e.headers.get("Content-Type") ?? "").includes("json")) {
      return apiError(e.status, (await e.text()) || e.statusText);
    }
    throw e;
  }
}
