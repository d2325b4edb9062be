import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";

// The server shell (server.js) reads these from the build: start-up, each route's body limit, and the
// scope each request is handled in (what its loaders share).
export { bootstrap } from "./bootstrap.server";
export { bodyLimitFor } from "./domain/body-limits";
export { inRequestScope } from "./services/request-scope.server";

/*
 * How long a page may take once its loaders have finished. The app defers nothing, so nothing is ever
 * left waiting on a promise: what remains is serializing the loaders' data into the page and rendering
 * it, done a step at a time between other requests' work. On a busy server that can take longer than
 * Remix's default 5 seconds of wall time for a large page (the Fit page at 5,000 engagements, 32 first
 * visits at once: 2 of 352 were aborted and answered 500), though it needs well under a second of CPU.
 * Remix stops serializing (`streamTimeout`, which it reads from this module) a moment before React
 * stops rendering, so that a page cut short still says why.
 */
export const streamTimeout = 30_000;
const ABORT_DELAY = streamTimeout + 50;

/**
 * What reaches the log. Remix answers a request no route can handle itself — a POST to a page that
 * has no action is a 405 — and would log it with a stack trace, as if the app had failed: a bot or a
 * mistyped form would fill the log with them. Those are the sender's mistakes, answered and not
 * logged; everything else is logged as Remix logs it.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error);
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  // A page answers a request its route has no action for with 405, and says what it does take.
  if (responseStatusCode === 405) responseHeaders.set("Allow", "GET, HEAD");
  // Every loader has finished before the page renders (the app defers nothing), so the page is sent
  // whole, once React has rendered all of it: one write to the socket and a known length, instead of
  // a stream of small chunks, each a write of its own, passed through two kinds of stream.
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const chunks: Buffer[] = [];
    const page = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(timer);
        const body = Buffer.concat(chunks);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("Content-Length", String(body.length));
        resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
          // The delay guards content still waiting behind a Suspense boundary, so it counts from the
          // moment the shell is rendered. Counted from the call, a busy server (every request's
          // loaders run on the same thread) could abort a page whose render had not yet begun.
          timer = setTimeout(abort, ABORT_DELAY);
        },
        onAllReady() {
          pipe(page);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      }
    );
  });
}
