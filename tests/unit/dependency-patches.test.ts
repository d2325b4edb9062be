import fs from "node:fs";
import { createRequire } from "node:module";
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

describe("route matching with the paths' matches kept", () => {
  // The server's own copy of the router (the one the patch changes), as Remix loads it.
  const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as typeof import("@remix-run/router");
  const routes = [{ id: "root", path: "/", children: [{ id: "engagement", path: "engagements/:id", children: [{ id: "fit", path: "fit" }] }] }];

  it("answers a path asked again as it did the first time, with each caller's own copy", () => {
    const first = matchRoutes(routes, "/engagements/7/fit")!;
    const again = matchRoutes(routes, "/engagements/7/fit")!;
    expect(again.map((m) => [m.route.id, m.pathname, m.params])).toEqual(first.map((m) => [m.route.id, m.pathname, m.params]));
    expect(again[2].params).toEqual({ id: "7" });
    // What one caller changes, the next never sees.
    for (const answer of [first, again]) {
      (answer[2].params as Record<string, string>).id = "8";
      answer.pop();
    }
    const third = matchRoutes(routes, "/engagements/7/fit")!;
    expect(third).toHaveLength(3);
    expect(third[2].params).toEqual({ id: "7" });
    // The matches of one answer still share one params object, as the router made them.
    expect(third[0].params).toBe(third[2].params);
  });

  it("tells paths apart, and finds no match where there is none", () => {
    expect(matchRoutes(routes, "/engagements/9/fit")![2].params).toEqual({ id: "9" });
    expect(matchRoutes(routes, "/nowhere/at/all")).toBeNull();
    expect(matchRoutes(routes, "/nowhere/at/all")).toBeNull();
  });
});
