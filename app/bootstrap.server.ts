import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "../db/seed";
import { queuePendingDocuments } from "~/models/proposal-documents.server";
import { versionsWithoutPictures } from "~/models/proposal.server";
import { renderVersionPictures } from "~/models/proposal-pictures.server";
import { allPicturesSettled, markPicturesToDraw, picturesSettled } from "~/models/pictures-drawing.server";
import { getDb } from "~/services/db.server";
import { getEnv } from "~/services/env.server";
import { startOutbox } from "~/services/mailer.server";
import { loadTemplates } from "~/services/templates.server";

/**
 * Draws, in the background, the pictures of any version that has none yet. Their documents wait until
 * each version's are drawn, or the drawing stops (pictures-drawing.server.ts).
 */
async function drawMissingPictures() {
  const versions = versionsWithoutPictures();
  markPicturesToDraw(versions.map((v) => v.id));
  try {
    for (const version of versions) {
      const outcome = await renderVersionPictures(version.id, version.content);
      picturesSettled(version.id);
      if (!outcome.ok) return;
    }
  } finally {
    allPicturesSettled();
  }
}

/** After start-up, in the background: pictures first, then the documents that carry them. */
async function finishPendingWork(drawPictures: boolean) {
  try {
    if (drawPictures) await drawMissingPictures();
  } catch (e) {
    console.warn(`Pictures could not be drawn at start-up: ${(e as Error).message}`);
  }
  queuePendingDocuments();
}

/**
 * Runs before the server listens: checks the environment and every template in docs-templates/,
 * opens the database (applying any pending migrations) and seeds the demo data into a new database
 * unless SEED_DEMO=0. A bad template throws, naming the file and the field, and nothing starts.
 */
export async function bootstrap(): Promise<{ seeded: boolean; demoLogins: string[] }> {
  const env = getEnv();
  loadTemplates();
  const db = getDb();
  const seeded = env.SEED_DEMO === "1" ? await seedDemo(db) : false;
  // Mail a previous run committed but did not send goes now.
  startOutbox(db);
  void finishPendingWork(env.DRAW_PICTURES_AT_START === "1");
  const demoLogins = env.SEED_DEMO === "1" ? DEMO_LOGINS.map((l) => `${l.email.padEnd(20)} ${l.what}`).concat(`password: ${DEMO_PASSWORD}`) : [];
  return { seeded, demoLogins };
}
