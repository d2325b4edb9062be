// Builds the app for production when it has no current production build (see scripts/lib/build-check.mjs).
import { execSync } from "node:child_process";
import fs from "node:fs";
import { buildNeeded } from "./lib/build-check.mjs";

const why = buildNeeded();
if (why) {
  console.log(`Building the app: ${why}…`);
  // A development build leaves source maps with server code in public/build: start clean.
  fs.rmSync("build", { recursive: true, force: true });
  fs.rmSync("public/build", { recursive: true, force: true });
  execSync("npx remix build", { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}
