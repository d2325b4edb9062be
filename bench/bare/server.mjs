// The bare Remix app served as server.js serves the real one: the same security headers, cross-site
// check, static files and @remix-run/express request handler, with no database and no app code.
//   BARE_OUT=<build folder> PORT=<port> node bench/bare/server.mjs
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import helmet from "helmet";

process.env.NODE_ENV ??= "production";
const out = process.env.BARE_OUT;
if (!out) throw new Error("BARE_OUT must name the bare app's build folder.");
const build = await import(pathToFileURL(path.join(out, "build/index.js")).href);
const HOST = "127.0.0.1";
const PORT = Number(process.env.PORT || 3100);
const allowedOrigins = [`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`];

const app = express();
app.disable("x-powered-by");
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
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: false,
  })
);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.get("origin");
  if (req.get("sec-fetch-site") === "cross-site" || (origin !== undefined && !allowedOrigins.includes(origin))) {
    res.status(403).type("text/plain").send("Cross-site requests are not accepted.");
    return;
  }
  next();
});
app.use("/build", express.static(path.join(out, "public/build"), { immutable: true, maxAge: "1y" }));
// Static files of given sizes, the baseline for downloads (bench/run.mjs writes them).
if (process.env.BARE_FILES) app.use("/files", express.static(process.env.BARE_FILES));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientAddress: req.ip || "unknown" }),
  })
);
const server = app.listen(PORT, HOST, () => console.log(`Bare Remix listening on http://${HOST}:${PORT}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
