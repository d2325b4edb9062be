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

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/**
 * CHROMIUM_PATH if set, else Debian's chromium if installed, else the build that
 * @sparticuz/chromium ships inside its npm package (unpacked on first use).
 * @returns {Promise<string>}
 */
export async function resolveChromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
}
