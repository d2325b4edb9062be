// One place that finds the headless Chromium for the app (diagram pictures, PDF) and the tests.
// Plain JavaScript so that the test runner script can use it before anything is built.
import fs from "node:fs";

/** The one flag list: no sandbox as root, and no background network traffic on a closed network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--no-default-browser-check",
];

/**
 * Debian's Chromium builds, the lighter first. The headless shell is the same engine without the
 * browser's windowing layers (what Playwright itself runs headless): pictures, PDFs and the browser
 * tests take about a quarter less CPU in it than in the full browser (docs/decisions/0027).
 */
const DEBIAN_BUILDS = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

/**
 * CHROMIUM_PATH if set, else Debian's headless shell or chromium, whichever is installed first in
 * that order; undefined when none is.
 * @returns {string | undefined}
 */
export function installedChromium() {
  return process.env.CHROMIUM_PATH || DEBIAN_BUILDS.find((file) => fs.existsSync(file));
}

/**
 * The installed Chromium (installedChromium), else the build that @sparticuz/chromium ships inside
 * its npm package (unpacked on first use).
 * @returns {Promise<string>}
 */
export async function resolveChromiumPath() {
  const installed = installedChromium();
  if (installed) return installed;
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
}
