import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// docs/decisions/0022: the framework's per-request route work is done once per build by patches
// applied on install (scripts/patches). An install that skipped them (`--ignore-scripts`, or a
// package upgraded without its patch) still works, but every page is slower: say so here.
const PATCHES = path.resolve("scripts/patches");

function patchedFiles() {
  return fs.readdirSync(PATCHES).flatMap((name) => {
    const text = fs.readFileSync(path.join(PATCHES, name), "utf8");
    const version = /\+([^+]+)\.patch$/.exec(name)?.[1];
    const files = [...text.matchAll(/^\+\+\+ b\/(node_modules\/\S+)$/gm)].map((m) => m[1]);
    const added = text
      .split("\n")
      .filter((line) => line.startsWith("+") && !line.startsWith("+++"))
      .map((line) => line.slice(1));
    return files.map((file) => ({ name, version, file, added }));
  });
}

describe("the framework patches of decision 22", () => {
  const files = patchedFiles();

  it("are four, on the packages the decision names", () => {
    expect(files.map((f) => f.file).sort()).toEqual([
      "node_modules/@remix-run/react/dist/server.js",
      "node_modules/@remix-run/router/dist/router.cjs.js",
      "node_modules/@remix-run/server-runtime/dist/data.js",
      "node_modules/react-router-dom/server.js",
    ]);
  });

  it.each(files.map((f) => [f.file, f] as const))("are applied to the installed %s, of the version patched", (_, f) => {
    const installed = fs.readFileSync(path.resolve(f.file), "utf8");
    const pkgDir = f.file.replace(/\/(dist\/)?[^/]+\.js$/, "").replace(/\/dist$/, "");
    const pkg = JSON.parse(fs.readFileSync(path.resolve(pkgDir, "package.json"), "utf8"));
    expect(pkg.version).toBe(f.version);
    for (const line of f.added) expect(installed).toContain(line);
  });
});
