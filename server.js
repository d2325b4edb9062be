// Starts Partnership Planner: migrates and seeds the database, then serves the app through the
// HTTP shell in server/app.js. Under `npm run dev` (Remix's manual mode) it takes each new build as
// the dev server writes it, without restarting.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import remixNode from "@remix-run/node";
import { createApp } from "./server/app.js";

const { broadcastDevReady, createRequestHandler } = remixNode;

process.env.NODE_ENV ??= "production";
const root = path.dirname(fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(root, "build/index.js");
const VERSION_PATH = path.join(root, "build/version.txt");

/** The server build, imported afresh (a query string defeats the module cache after a rebuild). */
async function importBuild() {
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${fs.statSync(BUILD_PATH).mtimeMs}`);
}

let build = await importBuild();
let handle = createRequestHandler(build, build.mode);

const HOST = process.env.HOST || "127.0.0.1";
const PORT = Number(process.env.PORT || 3000);
const allowedOrigins = (process.env.APP_ORIGIN || `http://localhost:${PORT},http://127.0.0.1:${PORT}`)
  .split(",")
  .map((o) => o.trim().replace(/\/$/, ""))
  .filter(Boolean);

const started = await build.entry.module.bootstrap();

const app = createApp({
  // Each request in a scope of its own: its loaders read its session and notices once between them, and mail it
  // sends links to where the app was opened.
  handle: (request, context) => build.entry.module.inRequestScope(() => handle(request, context), new URL(request.url).origin),
  bodyLimitFor: (pathname) => build.entry.module.bodyLimitFor(pathname),
  allowedOrigins,
  trustProxy: process.env.TRUST_PROXY,
  root,
});

const server = app.listen(PORT, HOST, () => {
  console.log(`Partnership Planner listening on http://${HOST}:${PORT}`);
  if (started.seeded) console.log("Demo data created.");
  if (started.demoLogins.length) console.log(["Demo logins:", ...started.demoLogins.map((l) => `  ${l}`)].join("\n"));
  if (build.mode === "development") broadcastDevReady(build);
});

// The dev server writes build/version.txt last, once a rebuild is complete.
if (build.mode === "development") {
  fs.watchFile(VERSION_PATH, { interval: 250 }, async () => {
    build = await importBuild();
    handle = createRequestHandler(build, build.mode);
    broadcastDevReady(build);
  });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
