// Client JavaScript shipped per route, from a Remix (classic compiler) build: the browser manifest
// (public/build/manifest-*.js) says what each route loads; the esbuild metafile (build/metafile.js.json)
// says which chunks are imported lazily (import()) and from where.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

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
