import { LRUCache } from "lru-cache";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CHROMIUM_ARGS, resolveChromiumPath } from "./chromium.server.js";

/**
 * One warm headless Chromium per server process, for the document's pictures and its PDF. It is
 * launched on first use, launched again if it crashed, and lends out at most MAX_PAGES pages at a
 * time. Render pages reach nothing outside themselves: every request other than data: and
 * about:blank is aborted, and the context is offline (the diagram page answers its own made-up
 * address from mermaid's files on disk, mermaid-render.server.ts).
 */

const MAX_PAGES = 2;
// After a failed launch, say "no browser" at once for a while instead of trying again on every request.
const RETRY_LAUNCH_AFTER_MS = 30_000;

export type PageOptions = {
  /** The pictures need scripts (mermaid); the printed proposal does not, so it runs without. */
  javaScript: boolean;
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
};

let browserPromise: Promise<Browser> | undefined;
let current: Browser | undefined;
let lastLaunchFailure: { at: number; error: Error } | undefined;

async function launch(): Promise<Browser> {
  const executablePath = await resolveChromiumPath();
  // Loaded on first use: playwright-core alone adds about 70 MiB to the server's memory, and a server
  // that never draws a picture or prints a PDF never needs it.
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
  browser.on("disconnected", () => {
    if (browserPromise && current === browser) {
      browserPromise = undefined;
      current = undefined;
      warmPages.clear();
    }
  });
  current = browser;
  return browser;
}

async function getBrowser(): Promise<Browser> {
  if (browserPromise) {
    const browser = await browserPromise.catch(() => undefined);
    if (browser?.isConnected()) return browser;
    browserPromise = undefined;
  }
  if (lastLaunchFailure && Date.now() - lastLaunchFailure.at < RETRY_LAUNCH_AFTER_MS) throw lastLaunchFailure.error;
  browserPromise = launch();
  try {
    const browser = await browserPromise;
    lastLaunchFailure = undefined;
    return browser;
  } catch (cause) {
    browserPromise = undefined;
    const error = new Error(`No headless Chromium could be started: ${(cause as Error).message.split("\n")[0]}`, { cause });
    lastLaunchFailure = { at: Date.now(), error };
    throw error;
  }
}

/** True when a Chromium can be found and launched; callers leave the pictures out when it is false. */
export async function isBrowserAvailable(): Promise<boolean> {
  try {
    await getBrowser();
    return true;
  } catch {
    return false;
  }
}

// A small counting semaphore: at most MAX_PAGES pages render at once, the rest wait their turn.
let inUse = 0;
const waiting: (() => void)[] = [];

async function acquireSlot(): Promise<void> {
  if (inUse < MAX_PAGES) {
    inUse++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function releaseSlot() {
  const next = waiting.shift();
  if (next) next();
  else inUse--;
}

async function openPage(options: PageOptions): Promise<{ context: BrowserContext; page: Page }> {
  const browser = await getBrowser();
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    offline: true,
    serviceWorkers: "block",
    acceptDownloads: false,
    colorScheme: "light",
    locale: "en-GB",
    timezoneId: "UTC",
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    return url.startsWith("data:") || url === "about:blank" ? route.continue() : route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  return { context, page };
}

/** A fresh page in its own context, closed afterwards. */
export async function withPage<T>(options: PageOptions, use: (page: Page) => Promise<T>): Promise<T> {
  await acquireSlot();
  try {
    const { context, page } = await openPage(options);
    try {
      return await use(page);
    } finally {
      await context.close().catch(() => undefined);
    }
  } finally {
    releaseSlot();
  }
}

type WarmPage = { context: BrowserContext; page: Page };
const warmPages = new Map<string, WarmPage[]>();

/**
 * A page that was set up once (a script loaded, say) and is lent out again afterwards, so the set-up
 * cost is paid once per slot rather than once per render. A page whose use failed is thrown away.
 */
export async function withWarmPage<T>(key: string, options: PageOptions, setUp: (page: Page) => Promise<void>, use: (page: Page) => Promise<T>): Promise<T> {
  await acquireSlot();
  try {
    let warm = warmPages.get(key)?.pop();
    if (warm && (warm.page.isClosed() || !current?.isConnected())) warm = undefined;
    if (!warm) {
      warm = await openPage(options);
      try {
        await setUp(warm.page);
      } catch (error) {
        await warm.context.close().catch(() => undefined);
        throw error;
      }
    }
    try {
      const result = await use(warm.page);
      if (!warm.page.isClosed()) {
        const pool = warmPages.get(key) ?? [];
        pool.push(warm);
        warmPages.set(key, pool);
      }
      return result;
    } catch (error) {
      await warm.context.close().catch(() => undefined);
      throw error;
    }
  } finally {
    releaseSlot();
  }
}

type Drawing = { png: Uint8Array; svg?: string };
// A version's pictures are mostly those of the version before (an unchanged driver diagram, the same
// timeline): kept by exactly what they are drawn from, they are drawn once. A bound on their bytes.
const drawings = new LRUCache<string, Drawing>({ max: 64, maxSize: 32 * 1024 * 1024, sizeCalculation: (d) => d.png.byteLength + (d.svg?.length ?? 0) + 1 });
const drawing = new Map<string, Promise<Drawing>>();

/**
 * The picture drawn from `key` (everything it is drawn from, in full), drawn by `draw` unless it was
 * drawn lately; one drawing at a time per key. A failed drawing is not kept, and without a browser
 * `draw` runs (and says so) whatever was kept. Each caller gets its own copy.
 */
export async function drawnOnce<D extends Drawing>(key: string, draw: () => Promise<D>): Promise<D> {
  if (!(await isBrowserAvailable())) return draw();
  const kept = drawings.get(key) as D | undefined;
  if (kept) return structuredClone(kept);
  let pending = drawing.get(key) as Promise<D> | undefined;
  if (!pending) {
    pending = draw();
    drawing.set(key, pending);
    pending.then(
      (drawn) => {
        drawings.set(key, drawn);
        drawing.delete(key);
      },
      () => drawing.delete(key)
    );
  }
  return structuredClone(await pending);
}

/** Runs `work`, giving up after `ms` with an Error that names what timed out (and `onTimeout` to clean up). */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s and was stopped.`));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes the browser (tests, shutdown); the next render launches a new one. */
export async function closeBrowser(): Promise<void> {
  const pending = browserPromise;
  browserPromise = undefined;
  current = undefined;
  lastLaunchFailure = undefined;
  const pools = [...warmPages.values()].flat();
  warmPages.clear();
  await Promise.all(pools.map((w) => w.context.close().catch(() => undefined)));
  const browser = await pending?.catch(() => undefined);
  await browser?.close().catch(() => undefined);
}
