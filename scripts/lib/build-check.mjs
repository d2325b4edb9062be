/* Whether `npm start` must build the app first, and why. */
import fs from "node:fs";
import path from "node:path";

const BUILD = "build/index.js";
/** What the build is made from: the sources, and what decides how they are built. */
const SOURCES = ["app", "db"];
const INPUTS = ["package.json", "package-lock.json", "remix.config.js", "tsconfig.json"];

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/**
 * Why the app in `root` must be built before it is served, or null when its build is current: there
 * is none; it is a development build (`npm run dev` leaves one, which a production server cannot
 * run); or the sources, the dependencies or the build configuration changed since it was made.
 */
export function buildNeeded(root = process.cwd()) {
  const built = path.join(root, BUILD);
  if (!fs.existsSync(built)) return "there is no build yet";
  // Remix writes the mode it built for into the server build.
  const mode = /\bmode\s*=\s*"(\w+)"/.exec(fs.readFileSync(built, "utf8"))?.[1];
  if (mode !== "production") return `the build is a ${mode ?? "unknown"} build, not a production one`;
  const builtAt = fs.statSync(built).mtimeMs;
  const changed = [...SOURCES, ...INPUTS].filter((p) => newestMtime(path.join(root, p)) > builtAt);
  return changed.length ? `${changed.join(", ")} changed since the last build` : null;
}
