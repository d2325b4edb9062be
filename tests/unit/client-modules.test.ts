import fs from "node:fs";
import path from "node:path";
// The compiler Remix builds the browser bundles with (a dependency of @remix-run/dev).
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * The browser never gets zod or the schemas (decision 7): a form is read on the server only. The
 * components are the page's own script, so nothing they import, however indirectly, may import zod
 * or Conform, nor the Markdown parser. (Route modules mix server and page code; the build drops their server half, and
 * `npm run bench` reports what each route ships.)
 */
const APP = path.resolve(__dirname, "../../app");
const SERVER_ONLY = /^(zod|@conform-to\/|markdown-it)/;

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith(".") && !spec.startsWith("~/")) return null;
  const base = spec.startsWith("~/") ? path.join(APP, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Imports that bring code along: not `import type`, not `export type`. */
function valueImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)) specs.push(m[1]!);
  return specs;
}

function serverOnlyReach(entry: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (file: string, trail: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of valueImports(file)) {
      if (SERVER_ONLY.test(spec)) found.push([...trail, path.relative(APP, file), spec].join(" → "));
      const next = resolve(file, spec);
      if (next && !/\.server\.tsx?$/.test(next)) visit(next, [...trail, path.relative(APP, file)]);
    }
  };
  visit(entry, []);
  return found;
}

describe("the page's own script", () => {
  const components = fs
    .readdirSync(path.join(APP, "components"), { recursive: true, encoding: "utf8" })
    .map((f) => path.join(APP, "components", f))
    .filter((f) => fs.statSync(f).isFile());
  const entries = [path.join(APP, "root.tsx"), ...components];

  it("reaches neither zod nor Conform from any component", () => {
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.flatMap((e) => serverOnlyReach(e))).toEqual([]);
  });
});

/*
 * What each route ships, as the build makes it: Remix keeps a route module's browser exports and
 * drops the loader and action, and with them whatever only they import; *.server modules never
 * reach the browser. Each route's browser half is bundled here with the same compiler, packages
 * other than zod, Conform and the Markdown parser left out, and must carry none of them.
 */
const ROUTES = path.join(APP, "routes");
const BROWSER_EXPORTS = ["meta", "links", "handle", "ErrorBoundary", "shouldRevalidate", "clientLoader", "clientAction", "HydrateFallback", "Layout"];

async function browserHalfShips(file: string): Promise<string[]> {
  const text = fs.readFileSync(file, "utf8");
  const names = BROWSER_EXPORTS.filter((n) =>
    new RegExp(`export\\s+(?:const|let|function|async\\s+function)\\s+${n}\\b|export\\s*\\{[^}]*\\b${n}\\b`).test(text)
  );
  const hasDefault = /export\s+default\b/.test(text);
  if (!names.length && !hasDefault) return []; // a resource route: nothing of it reaches the browser
  const entry = `export { ${[...(hasDefault ? ["default"] : []), ...names].join(", ")} } from ${JSON.stringify(file)};`;
  const result = await build({
    stdin: { contents: entry, resolveDir: APP, loader: "ts" },
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "browser",
    tsconfig: path.resolve(APP, "../tsconfig.json"),
    logLevel: "silent",
    plugins: [
      {
        name: "browser-half",
        setup(b) {
          // Packages other than zod and Conform, server modules and stylesheets are left out.
          b.onResolve({ filter: /.*/ }, (args) => {
            if (SERVER_ONLY.test(args.path)) return undefined;
            if (/\.server(\.tsx?)?$/.test(args.path) || /\.css$/.test(args.path)) return { path: args.path, external: true };
            if (!args.path.startsWith(".") && !args.path.startsWith("~/") && !path.isAbsolute(args.path)) return { path: args.path, external: true };
            return undefined;
          });
        },
      },
    ],
  });
  return Object.entries(result.metafile.outputs)
    .flatMap(([, o]) => Object.entries(o.inputs))
    .filter(([input, used]) => /node_modules\/(zod|@conform-to|markdown-it)\//.test(input) && used.bytesInOutput > 0)
    .map(([input]) => input.replace(/.*node_modules\//, ""));
}

describe("what each route ships to the browser", () => {
  const routes = fs.readdirSync(ROUTES).filter((f) => /\.tsx?$/.test(f));

  it("carries neither zod nor Conform nor the Markdown parser, on any route", { timeout: 60_000 }, async () => {
    expect(routes.length).toBeGreaterThan(20);
    const shipping: Record<string, number> = {};
    for (const route of routes) {
      const found = await browserHalfShips(path.join(ROUTES, route));
      if (found.length) shipping[route] = found.length;
    }
    expect(shipping).toEqual({});
  });

  it("would notice zod if a page imported a schema", { timeout: 60_000 }, async () => {
    // A page that names its labels from a module that defines its schemas, as the timeline page once did.
    expect((await browserHalfShips(path.resolve(__dirname, "../fixtures/page-with-schema.tsx"))).some((i) => i.startsWith("zod/"))).toBe(true);
  });
});
