import type { Page } from "playwright-core";
import { drawnOnce, withTimeout, withWarmPage } from "./browser.server";

/**
 * A chart's PNG, from the SVG the page shows, in the shared headless Chromium (no script, no
 * network): twice the chart's size, white behind it.
 */

const RENDER_TIMEOUT_MS = 20_000;
const SCALE = 2;

const SHELL = `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
html, body { margin: 0; padding: 0; background: #fff; }
#out { display: inline-block; background: #fff; }
#out > svg { display: block; }
</style></head><body><div id="out"></div></body></html>`;

export async function renderChartPng(svg: string): Promise<Uint8Array> {
  return (await drawnOnce(`chart\n${svg}`, async () => ({ png: await drawChartPng(svg) }))).png;
}

async function drawChartPng(svg: string): Promise<Uint8Array> {
  let current: Page | undefined;
  const png = await withTimeout(
    withWarmPage(
      "chart",
      { javaScript: false, deviceScaleFactor: SCALE, viewport: { width: 1200, height: 900 } },
      async (page) => void (await page.setContent(SHELL, { waitUntil: "load" })),
      async (page) => {
        current = page;
        // The page runs no script, so the SVG goes in through the protocol rather than from inside the page.
        await page.setContent(SHELL.replace('<div id="out"></div>', `<div id="out">${svg}</div>`), { waitUntil: "load" });
        return page.locator("#out > svg").screenshot({ type: "png", animations: "disabled", timeout: RENDER_TIMEOUT_MS });
      }
    ),
    RENDER_TIMEOUT_MS,
    "Drawing the chart",
    () => void current?.close().catch(() => undefined)
  );
  return new Uint8Array(png);
}
