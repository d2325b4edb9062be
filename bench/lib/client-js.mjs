// Client JavaScript shipped per route, from a Remix (classic compiler) build: the browser manifest
// (public/build/manifest-*.js) says what each route loads; the esbuild metafile (build/metafile.js.json)
// says which chunks are imported lazily (import()) and from where.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
// The compiler Remix builds the browser bundles with (a dependency of @remix-run/dev).
import { build } from "esbuild";

export function readManifest(appDir) {
  const dir = path.join(appDir, "public/build");
  const file = fs.readdirSync(dir).find((f) => /^manifest-[A-Z0-9]+\.js$/.test(f));
  if (!file) throw new Error(`No Remix manifest in ${dir}`);
  const sandbox = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(dir, file), "utf8"), sandbox);
  return sandbox.window.__remixManifest;
}

function sizer(appDir) {
  const cache = new Map();
  return (url) => {
    if (!cache.has(url)) {
      const bytes = fs.readFileSync(path.join(appDir, "public", url.replace(/^\//, "")));
      cache.set(url, { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 6 }).length });
    }
    return cache.get(url);
  };
}

const sum = (files, size) => files.reduce((a, f) => ({ raw: a.raw + size(f).raw, gzip: a.gzip + size(f).gzip }), { raw: 0, gzip: 0 });

/** The route and its parents, root first. */
function chain(manifest, id) {
  const out = [];
  for (let r = manifest.routes[id]; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) out.unshift(r);
  return out;
}

/** What a document request for the route makes the browser load: entry, root, each matched route, their imports. */
export function routeFiles(manifest, id) {
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (const r of chain(manifest, id)) {
    if (r.module) files.add(r.module);
    for (const i of r.imports ?? []) files.add(i);
  }
  return [...files];
}

/**
 * Chunks reachable only through import() from a set of files, with everything they import
 * statically: what the page may fetch later, on demand.
 */
function lazyClosure(metafile, files) {
  const outputs = outputsByUrl(metafile);
  const staticClosure = (start) => {
    const seen = new Set();
    const stack = [...start];
    while (stack.length) {
      const p = stack.pop();
      if (seen.has(p) || !outputs[p]) continue;
      seen.add(p);
      for (const i of outputs[p].imports ?? []) if (i.kind === "import-statement") stack.push(i.url);
    }
    return seen;
  };
  const loaded = staticClosure(files);
  const lazy = new Set();
  const stack = [];
  for (const p of loaded) for (const i of outputs[p]?.imports ?? []) if (i.kind === "dynamic-import") stack.push(i.url);
  while (stack.length) {
    const p = stack.pop();
    if (loaded.has(p) || lazy.has(p) || !outputs[p]) continue;
    lazy.add(p);
    for (const i of outputs[p].imports ?? []) if (i.kind === "import-statement" || i.kind === "dynamic-import") stack.push(i.url);
  }
  return { loaded: [...loaded], lazy: [...lazy] };
}

// The metafile names outputs relative to where the build ran ("public/build/…", or "../x/public/build/…"
// for a build folder elsewhere); the manifest by URL ("/build/…"). Everything here goes by URL.
const toUrl = (p) => `/build/${p.split("public/build/").pop()}`;
const byUrl = new WeakMap();
function outputsByUrl(metafile) {
  if (!byUrl.has(metafile)) {
    const out = {};
    for (const [p, o] of Object.entries(metafile.outputs)) {
      if (!p.includes("public/build/")) continue;
      out[toUrl(p)] = { ...o, imports: (o.imports ?? []).map((i) => ({ ...i, url: toUrl(i.path) })) };
    }
    byUrl.set(metafile, out);
  }
  return byUrl.get(metafile);
}

/** The output chunk that holds a package's entry point, e.g. mermaid's core. */
function chunkOf(metafile, entryPattern) {
  const hit = Object.entries(outputsByUrl(metafile)).find(([, o]) => o.entryPoint && entryPattern.test(o.entryPoint));
  return hit ? hit[0] : null;
}

/** Per route: what loads with the page (gzip), and whether mermaid is loaded with it or on demand. */
export function clientJs(appDir) {
  const manifest = readManifest(appDir);
  const metafile = JSON.parse(fs.readFileSync(path.join(appDir, "build/metafile.js.json"), "utf8"));
  const size = sizer(appDir);
  const mermaidCore = chunkOf(metafile, /node_modules\/mermaid\/dist\/mermaid\.core\.mjs$/);
  const runtimeFiles = [manifest.entry.module, ...manifest.entry.imports];
  const rootFiles = routeFiles(manifest, "root");
  const routes = {};
  for (const id of Object.keys(manifest.routes)) {
    const r = manifest.routes[id];
    if (!r.module || (!r.imports && !r.hasErrorBoundary && id !== "root")) continue; // resource routes: no UI
    const files = routeFiles(manifest, id);
    const { loaded, lazy } = lazyClosure(metafile, files);
    const shipped = sum(files, size);
    const missing = loaded.filter((f) => !files.includes(f)); // statically imported but not in the manifest (should be none)
    const outputs = outputsByUrl(metafile);
    // Forms are read on the server only: a page that ships zod has a schema module in its imports.
    const zodWithPage = loaded.some((f) => Object.keys(outputs[f]?.inputs ?? {}).some((i) => i.includes("node_modules/zod/")));
    routes[id] = {
      path: chain(manifest, id)
        .map((x) => x.path)
        .filter(Boolean)
        .join("/"),
      files: files.length,
      raw: shipped.raw,
      gzip: shipped.gzip,
      mermaidWithPage: mermaidCore ? loaded.includes(mermaidCore) : false,
      mermaidOnDemand: mermaidCore ? lazy.includes(mermaidCore) : false,
      lazyGzip: sum(lazy, size).gzip,
      zodWithPage,
      unlistedStaticImports: missing.length,
    };
  }
  // Mermaid's runtime as fetched on demand: its core and what the core imports statically.
  let mermaid = null;
  if (mermaidCore) {
    const { loaded } = lazyClosure(metafile, [mermaidCore]);
    const coreSize = sum(loaded, size);
    const diagram = (re) => {
      const chunk = chunkOf(metafile, re);
      if (!chunk) return null;
      const extra = lazyClosure(metafile, [chunk]).loaded.filter((f) => !loaded.includes(f));
      return sum(extra, size).gzip;
    };
    mermaid = {
      chunk: mermaidCore,
      gzip: coreSize.gzip,
      raw: coreSize.raw,
      flowchartGzip: diagram(/flowDiagram-[A-Z0-9]+\.mjs$/),
      ganttGzip: diagram(/ganttDiagram-[A-Z0-9]+\.mjs$/),
    };
  }
  return { runtime: sum(runtimeFiles, size), root: sum(rootFiles, size), routes, mermaid };
}

/** The bare app's entry + root (+ its one route), the same way. */
export function bareJs(appDir) {
  const manifest = readManifest(appDir);
  const size = sizer(appDir);
  return {
    entryAndRoot: sum(routeFiles(manifest, "root"), size),
    withRoute: sum(routeFiles(manifest, "routes/_index"), size),
    runtime: sum([manifest.entry.module, ...manifest.entry.imports], size),
  };
}

// ------------------------------------------------------------------------------------------------
// App code a page loads and never runs (docs/decisions/0040)

const BROWSER_EXPORTS = [
  "default",
  "meta",
  "links",
  "handle",
  "ErrorBoundary",
  "shouldRevalidate",
  "clientLoader",
  "clientAction",
  "HydrateFallback",
  "Layout",
];

/** The app's modules a route module's browser half runs: bundled alone, packages and *.server modules left out, tree-shaken. */
async function runBy(appDir, file, { whole = false } = {}) {
  const text = fs.readFileSync(file, "utf8");
  const names = BROWSER_EXPORTS.filter((n) =>
    n === "default"
      ? /export\s+default\b/.test(text)
      : new RegExp(`export\\s+(?:const|let|function|async\\s+function)\\s+${n}\\b|export\\s*\\{[^}]*\\b${n}\\b`).test(text)
  );
  const result = await build({
    // entry.client runs as a whole (it hydrates the page); a route module's browser half is what Remix keeps of it.
    ...(whole
      ? { entryPoints: [file] }
      : { stdin: { contents: `export { ${names.join(", ")} } from ${JSON.stringify(file)};`, resolveDir: path.join(appDir, "app"), loader: "ts" } }),
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    format: "esm",
    platform: "browser",
    jsx: "automatic",
    tsconfig: path.join(appDir, "tsconfig.json"),
    logLevel: "silent",
    plugins: [
      {
        name: "app-only",
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (/\.server(\.[jt]sx?)?$/.test(args.path) || /\.css$/.test(args.path)) return { path: args.path, external: true };
            if (!args.path.startsWith(".") && !args.path.startsWith("~/") && !path.isAbsolute(args.path)) return { path: args.path, external: true };
            return undefined;
          });
        },
      },
    ],
  });
  const run = new Set();
  for (const o of Object.values(result.metafile.outputs)) for (const [input, used] of Object.entries(o.inputs)) if (used.bytesInOutput > 0) run.add(input);
  return run;
}

/**
 * Per route (`appDir` holds the build, `sourceDir` the app's sources): the app's code (raw bytes, minified, as the build has it) in the chunks the page loads that
 * neither the route, nor the routes it sits in, nor root, nor entry.client ever run. A route module importing a shared
 * module for its loader alone puts that module here: esbuild's split build assigns modules to the pages
 * that import them, used or not. Chunk boundaries add some of their own (a chunk shared with pages that
 * use more of it).
 */
export async function unusedAppCode(appDir, sourceDir = appDir) {
  const manifest = readManifest(appDir);
  const metafile = JSON.parse(fs.readFileSync(path.join(appDir, "build/metafile.js.json"), "utf8"));
  const outputs = outputsByUrl(metafile);
  const fileOf = (id) => ["tsx", "ts", "jsx", "js"].map((ext) => path.join(sourceDir, "app", `${id}.${ext}`)).find((f) => fs.existsSync(f));
  const runCache = new Map();
  const runByRoute = async (id) => {
    if (!runCache.has(id)) runCache.set(id, fileOf(id) ? await runBy(sourceDir, fileOf(id)) : new Set());
    return runCache.get(id);
  };
  const entry = await runBy(sourceDir, fileOf("entry.client"), { whole: true });
  const out = {};
  for (const id of Object.keys(manifest.routes)) {
    const r = manifest.routes[id];
    if (!r.module || (!r.imports && !r.hasErrorBoundary && id !== "root")) continue;
    const run = new Set(entry);
    for (const x of chain(manifest, id)) for (const input of await runByRoute(x.id)) run.add(input);
    const unused = {};
    for (const file of routeFiles(manifest, id))
      for (const [input, used] of Object.entries(outputs[file]?.inputs ?? {}))
        if (input.startsWith("app/") && !input.startsWith("app/routes/") && !input.endsWith(".css") && !run.has(input) && used.bytesInOutput > 40)
          unused[input.slice(4)] = used.bytesInOutput;
    out[id] = { bytes: Object.values(unused).reduce((a, b) => a + b, 0), modules: unused };
  }
  return out;
}
