import path from "node:path";
import fs from "node:fs";
import { AppServer, E2E_DIR, checkpoint, removeDatabase, versionsWaitingForPictures } from "../helpers/app-server";

/**
 * Builds the demo database once per run: the app seeds it and draws its versions' pictures, then
 * stops. Every spec file gets a copy of it (tests/e2e/support.ts), so none sees another's changes.
 */
export default async function globalSetup() {
  fs.mkdirSync(E2E_DIR, { recursive: true });
  const template = path.join(E2E_DIR, `demo-${process.pid}.sqlite`);
  removeDatabase(template);
  const started = Date.now();
  const server = new AppServer();
  await server.start(template);
  try {
    const deadline = Date.now() + 120_000;
    while (versionsWaitingForPictures(template) > 0) {
      if (Date.now() > deadline) {
        console.warn("The demo versions' pictures were not drawn within 120 s; pages will draw them when asked.");
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await server.stop();
  }
  checkpoint(template);
  console.log(`Demo database for the browser tests ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  process.env.E2E_TEMPLATE_DB = template;
  return () => removeDatabase(template);
}
