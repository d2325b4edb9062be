import { MERMAID_THEME_VARIABLES } from "~/lib/mermaid-theme";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page, Route } from "playwright-core";
import type { Picture } from "~/domain/proposal-content";
import { drawnOnce, withTimeout, withWarmPage } from "./browser.server";

/**
 * Draws generated mermaid source to an SVG and a 2× PNG in the shared headless Chromium, for the
 * proposal's pictures. The same mermaid build as the browser's, read from node_modules (no network),
 * with securityLevel "strict". One page per render slot is set up once and reused: a warm render is
 * a tenth of a second or two.
 */

export type DiagramKind = "flowchart" | "gantt";
export type RenderMermaidOptions = {
  kind: DiagramKind;
  /** CSS pixels. A gantt is as wide as its page; a flowchart takes its natural size up to this. */
  width?: number;
};

const RENDER_TIMEOUT_MS = 30_000;
const DEFAULT_WIDTH: Record<DiagramKind, number> = { flowchart: 1400, gantt: 1000 };
const SCALE = 2;

/**
 * The render page's own address. It is never looked up: the page's requests to it are answered from
 * mermaid's folder in node_modules (the page itself, then mermaid's modules), and every other request
 * is still refused (browser.server.ts).
 */
const ORIGIN = "http://mermaid.invalid";
const MERMAID_DIST = path.dirname(createRequire(import.meta.url).resolve("mermaid/dist/mermaid.esm.min.mjs"));
// Mermaid's module build loads the code of each kind of diagram when it first draws one, so a new
// render page evaluates a quarter of the code of the single-file build, in a fraction of the time.
const ENTRY = "mermaid.esm.min.mjs";

const files = new Map<string, Promise<Buffer | undefined>>();
/** A file of mermaid's build by its path under ORIGIN; undefined for anything outside that folder. */
function mermaidFile(pathname: string): Promise<Buffer | undefined> {
  const file = path.resolve(MERMAID_DIST, `.${pathname}`);
  if (!file.startsWith(MERMAID_DIST + path.sep) || !file.endsWith(".mjs")) return Promise.resolve(undefined);
  let body = files.get(file);
  if (!body) {
    // Only mermaid's own files are kept: a name that is not one is answered with nothing, and not remembered.
    body = readFile(file).catch(() => {
      files.delete(file);
      return undefined;
    });
    files.set(file, body);
  }
  return body;
}

const SHELL = `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
html, body { margin: 0; padding: 0; background: #fff; }
#out { display: inline-block; background: #fff; }
#out > svg { display: block; background: #fff; }
</style></head><body><div id="out"></div></body></html>`;

async function serve(route: Route): Promise<void> {
  const { pathname } = new URL(route.request().url());
  if (pathname === "/") return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: SHELL });
  const body = await mermaidFile(pathname);
  if (!body) return route.abort("blockedbyclient");
  return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body });
}

async function setUpPage(page: Page): Promise<void> {
  await page.route(`${ORIGIN}/**`, serve);
  await page.goto(`${ORIGIN}/`, { waitUntil: "load" });
  await page.evaluate(
    // A string, so that nothing rewrites the page's own import().
    `import(${JSON.stringify(`${ORIGIN}/${ENTRY}`)}).then((m) => { window.mermaid = m.default; })`
  );
  await page.evaluate(
    (themeVariables) => {
      const mermaid = (window as unknown as { mermaid: typeof import("mermaid").default }).mermaid;
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: "strict",
        layout: "dagre",
        theme: "neutral",
        themeVariables,
        fontFamily: '"Liberation Sans", Arial, sans-serif',
        // Plain SVG text, no foreignObject: LibreOffice, Word and an <img> all draw it the same.
        htmlLabels: false,
        flowchart: { htmlLabels: false, useMaxWidth: false },
        // Larger type than mermaid's 11px: the chart is shrunk to the width of an A4 page.
        gantt: { useMaxWidth: false, fontSize: 15, sectionFontSize: 15, barHeight: 26, barGap: 8, leftPadding: 150, topPadding: 30, gridLineStartPadding: 40 },
        themeCSS: ".grid .tick text { font-size: 13px; }",
      });
    },
    { ...MERMAID_THEME_VARIABLES }
  );
}

type Drawn = { svg: string; width: number; height: number } | { error: string };

// Mermaid rejecting the source is an answer, not a broken page: the page stays warm for the next render.
async function draw(page: Page, source: string, width: number): Promise<Picture | { error: string }> {
  await page.setViewportSize({ width, height: 800 });
  const drawn: Drawn = await page.evaluate(async (src) => {
    const mermaid = (window as unknown as { mermaid: typeof import("mermaid").default }).mermaid;
    const out = document.getElementById("out")!;
    out.replaceChildren();
    try {
      // A fixed id: the same source gives the same SVG, and nothing of an earlier render is left to clash with.
      const { svg } = await mermaid.render("diagram", src);
      out.innerHTML = svg;
      const el = out.querySelector("svg");
      if (!el) return { error: "mermaid returned no SVG" };
      // A gantt's line that only starts its axis on a tick (timelineToMermaidGantt) is not shown.
      for (const hidden of Array.from(el.querySelectorAll('[id$="-axisstart"], [id$="-axisstart-text"]'))) hidden.remove();
      const box = el.getBoundingClientRect();
      // Serialised as XML, not as mermaid's HTML string: a standalone .svg (an <img>, Word) must be well-formed.
      return { svg: new XMLSerializer().serializeToString(el), width: Math.ceil(box.width), height: Math.ceil(box.height) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    } finally {
      // Mermaid leaves its scratch element (and an error picture) in the body when a render fails.
      for (const node of Array.from(document.body.children)) if (node !== out) node.remove();
    }
  }, source);
  if ("error" in drawn) return drawn;
  if (drawn.width < 1 || drawn.height < 1) return { error: "the diagram came out empty" };
  const png = await page.locator("#out > svg").screenshot({ type: "png", omitBackground: false, animations: "disabled", timeout: RENDER_TIMEOUT_MS });
  return { svg: drawn.svg, png: new Uint8Array(png), width: drawn.width, height: drawn.height };
}

/**
 * The picture of one diagram: its SVG, and a PNG at twice its size for Word and LibreOffice.
 * Throws an Error saying what went wrong when mermaid rejects the source or no browser can run,
 * and gives up after 30 seconds.
 */
export async function renderMermaid(source: string, options: RenderMermaidOptions): Promise<Picture> {
  const width = Math.max(320, Math.min(4000, Math.round(options.width ?? DEFAULT_WIDTH[options.kind])));
  return drawnOnce(`mermaid ${options.kind} ${width}\n${source}`, () => drawMermaid(source, options.kind, width));
}

async function drawMermaid(source: string, kind: DiagramKind, width: number): Promise<Picture> {
  let current: Page | undefined;
  let drawn: Picture | { error: string };
  try {
    drawn = await withTimeout(
      withWarmPage("mermaid", { javaScript: true, deviceScaleFactor: SCALE, viewport: { width, height: 800 } }, setUpPage, (page) => {
        current = page;
        return draw(page, source, width);
      }),
      RENDER_TIMEOUT_MS,
      `Drawing the ${kind}`,
      () => void current?.close().catch(() => undefined)
    );
  } catch (cause) {
    const message = (cause as Error).message ?? String(cause);
    throw new Error(`The ${kind} could not be drawn: ${message}`, { cause });
  }
  if ("error" in drawn) throw new Error(`The ${kind} could not be drawn: ${drawn.error}`);
  return drawn;
}

/**
 * The picture of an SVG the application drew itself (the printed gantt, docs/domain.md §9.7): the SVG
 * as given, and a PNG at twice its size for Word and LibreOffice, shot on the same warm page. The SVG
 * is parsed as XML and inserted as a node, never as HTML.
 */
export async function renderSvgPicture(svg: string, size: { width: number; height: number }): Promise<Picture> {
  return drawnOnce(`svg ${size.width}x${size.height}\n${svg}`, () => drawSvgPicture(svg, size));
}

async function drawSvgPicture(svg: string, size: { width: number; height: number }): Promise<Picture> {
  let current: Page | undefined;
  const png = await withTimeout(
    withWarmPage("mermaid", { javaScript: true, deviceScaleFactor: SCALE, viewport: { width: size.width, height: 800 } }, setUpPage, async (page) => {
      current = page;
      await page.setViewportSize({ width: Math.max(320, size.width), height: Math.max(200, size.height) });
      const ok = await page.evaluate((markup) => {
        const out = document.getElementById("out")!;
        out.replaceChildren();
        const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
        if (doc.querySelector("parsererror") || doc.documentElement.nodeName !== "svg") return false;
        out.appendChild(document.importNode(doc.documentElement, true));
        return true;
      }, svg);
      if (!ok) throw new Error("the SVG is not well-formed");
      return page.locator("#out > svg").screenshot({ type: "png", omitBackground: false, animations: "disabled", timeout: RENDER_TIMEOUT_MS });
    }),
    RENDER_TIMEOUT_MS,
    "Drawing the picture",
    () => void current?.close().catch(() => undefined)
  );
  return { svg, png: new Uint8Array(png), width: size.width, height: size.height };
}
