import { apiError } from "./api.server";

/**
 * The action of an address that is only read — a download, a calendar, the API's reads, the home
 * redirect. Without one, Remix answers anything but GET with 405 and `{"message":"Unexpected Server
 * Error"}`, as if the app had failed. This says what went wrong and what the address takes: in the
 * API's JSON shape under /api/, in plain text elsewhere. Nothing is read from the request.
 */
export function readOnly({ request }: { request: Request }): Response {
  const headers = { Allow: "GET, HEAD", "Cache-Control": "no-store" };
  if (new URL(request.url).pathname.startsWith("/api/")) {
    return apiError(405, `This address is only read: ask for it with GET, not ${request.method}.`, undefined, headers);
  }
  return new Response(`This address is only read: open it as a link, which asks for it with GET, not ${request.method}.`, {
    status: 405,
    headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
  });
}
