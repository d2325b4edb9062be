// Builds the app when there is no build yet or the sources changed since the last one.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const built = "build/index.js";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

const sources = Math.max(newestMtime("app"), newestMtime("db"), fs.statSync("remix.config.js").mtimeMs);
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log("Building the app…");
  execSync("npx remix build", { stdio: "inherit" });
}
