// The HTTP server: security headers, the cross-site request check, static files and Remix.
// It migrates the database and seeds the demo data before it listens.
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import helmet from "helmet";

process.env.NODE_ENV ??= "production";
const root = path.dirname(fileURLToPath(import.meta.url));
const build = await import(path.join(root, "build/index.js"));
const { bootstrap } = build.entry.module;

const HOST = process.env.HOST || "127.0.0.1";
const PORT = Number(process.env.PORT || 3000);
const allowedOrigins = (process.env.APP_ORIGIN || `http://localhost:${PORT},http://127.0.0.1:${PORT}`)
  .split(",")
  .map((o) => o.trim().replace(/\/$/, ""))
  .filter(Boolean);

const started = await bootstrap();

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

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
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
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
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      clientAddress: req.ip || req.socket.remoteAddress || "unknown",
    }),
  })
);

const server = app.listen(PORT, HOST, () => {
  console.log(`Partnership Planner listening on http://${HOST}:${PORT}`);
  if (started.seeded) console.log("Demo data created.");
  if (started.demoLogins.length) console.log(["Demo logins:", ...started.demoLogins.map((l) => `  ${l}`)].join("\n"));
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
