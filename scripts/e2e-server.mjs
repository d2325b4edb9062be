// Starts the built app on a fresh database for the browser tests.
import fs from "node:fs";

const db = process.env.DATABASE_PATH;
if (!db) throw new Error("DATABASE_PATH must be set for the browser-test server.");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(db + suffix, { force: true });
await import("../server.js");
