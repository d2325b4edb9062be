// The HTTP shell around the app: security headers, the cross-site request check, static files,
// request bodies read up to each address's limit, and the app's own request handler. server.js
// starts it; tests start it too, on a port of their own.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import remixNode from "@remix-run/node";
import express from "express";
import helmet from "helmet";
import getRawBody from "raw-body";

const { writeReadableStreamToWritable } = remixNode;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** How long a connection whose body was refused may stay open (paused, unread) for the client to read the 413. */
const REFUSED_LINGER_MS = 5_000;

/**
 * `TRUST_PROXY` as Express wants it: a number of proxy hops, true/false, or addresses and subnets.
 * A bare "1" given as a string would be read as an address.
 */
export function trustProxySetting(value) {
  if (value === undefined || value === "") return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "true" || value === "false") return value === "true";
  return value;
}

/**
 * @param {object} options
 * @param {(request: Request, context: Record<string, unknown>) => Promise<Response>} options.handle the app's request handler
 * @param {(pathname: string) => { bytes: number; message: string }} options.bodyLimitFor the most a request body to an address may hold
 * @param {string[]} options.allowedOrigins origins whose form posts are accepted
 * @param {string | undefined} [options.trustProxy] Express's "trust proxy"
 * @param {string} options.root where public/ is
 */
export function createApp({ handle, bodyLimitFor, allowedOrigins, trustProxy, root }) {
  const app = express();
  app.disable("x-powered-by");
  const trust = trustProxySetting(trustProxy);
  if (trust !== undefined) app.set("trust proxy", trust);

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (req, res) => `'nonce-${res.locals.cspNonce}'`],
          // Mermaid writes <style> elements into the SVGs it draws.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:", "blob:"],
          fontSrc: ["'self'", "data:"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(allowedOrigins[0]?.startsWith("https://") ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "same-origin" },
      strictTransportSecurity: allowedOrigins[0]?.startsWith("https://"),
    })
  );

  // A browser always says where a cross-site request comes from; scripts send neither header and
  // meet the session and permission checks like everyone else.
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get("sec-fetch-site");
    const origin = req.get("origin");
    if (site === "cross-site" || (origin !== undefined && !allowedOrigins.includes(origin))) {
      res.status(403).type("text/plain").send("Cross-site requests are not accepted.");
      return;
    }
    next();
  });

  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  // The files at public/'s top level (the icon), found once: looking on disk for every page's address
  // before answering it cost a tenth of a light page.
  const publicDir = path.join(root, "public");
  const publicFiles = new Set(
    (fs.existsSync(publicDir) ? fs.readdirSync(publicDir, { withFileTypes: true }) : []).filter((entry) => entry.isFile()).map((entry) => `/${entry.name}`)
  );
  const publicStatic = express.static(publicDir, { maxAge: "1h" });
  app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));

  app.use(readBody(bodyLimitFor));

  app.all("*", async (req, res, next) => {
    let request;
    try {
      request = appRequest(req, res);
    } catch {
      res.status(400).type("text/plain").send("The address could not be read.");
      return;
    }
    try {
      // The app fetches its data as .data; the older ?_data form is not one of its addresses.
      if (new URL(request.url).searchParams.has("_data")) {
        res.status(400).type("text/plain").set("Cache-Control", "private, no-store").send("This address does not take a _data parameter.");
        return;
      }
      const response = await handle(request, { cspNonce: res.locals.cspNonce, clientAddress: req.ip || req.socket.remoteAddress || "unknown" });
      await send(res, privately(response));
    } catch (error) {
      next(error);
    }
  });
  return app;
}

/**
 * Reads a request's body into memory, counting bytes as they arrive, up to the limit for its
 * address; past it, stops reading and answers 413. Nothing has parsed the body by then.
 */
function readBody(bodyLimitFor) {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const limit = bodyLimitFor(req.path);
    getRawBody(req, { length: req.get("content-length"), limit: limit.bytes }, (error, body) => {
      if (!error) {
        res.locals.body = body;
        next();
      } else if (error.type === "entity.too.large") {
        tooLarge(req, res, limit.message);
      } else if (error.type !== "request.aborted") {
        res.status(400).type("text/plain").send("The request could not be read.");
      }
    });
  };
}

function tooLarge(req, res, message) {
  res.status(413).set("Cache-Control", "private, no-store");
  if (req.path.startsWith("/api/")) res.json({ errors: { "": message } });
  else res.type("html").send(refusalPage(message));
  // The rest of the body is never read. Closing our side (after the answer) tells the client the
  // connection is done; it stays paused, unread, long enough for the client to read the 413, since
  // closing it outright could reset it before they do.
  res.once("finish", () => {
    req.socket.end();
    setTimeout(() => req.socket.destroy(), REFUSED_LINGER_MS).unref();
  });
}

function refusalPage(message) {
  const text = message.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too large · Partnership Planner</title></head><body><main id="main"><h1>Too large to accept</h1><p>${text}</p><p>Nothing was saved. Go back to the page to try again.</p></main></body></html>`;
}

/** The Fetch API request the app handles: the address as the client sees it, and the body already read. */
function appRequest(req, res) {
  // req.hostname follows "trust proxy"; the port comes from the forwarded host, else the Host header.
  const port = [req.get("x-forwarded-host"), req.get("host")].map((h) => Number.parseInt(h?.split(":")[1] ?? "", 10)).find(Number.isSafeInteger);
  const url = new URL(`${req.protocol}://${req.hostname || "localhost"}${port ? `:${port}` : ""}${req.originalUrl}`);
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, values] of Object.entries(req.headers)) {
    for (const value of [values].flat()) if (value !== undefined) headers.append(name, value);
  }
  const init = { method: req.method, headers, signal: controller.signal };
  if (res.locals.body) init.body = res.locals.body;
  return new Request(url.href, init);
}

async function send(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** Pages, data and downloads are for the person who asked: never stored by a browser or a proxy. */
function privately(response) {
  if (/\bimmutable\b/.test(response.headers.get("Cache-Control") ?? "")) return response;
  const headers = new Headers(response.headers);
  headers.set("Cache-Control", "private, no-store");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
