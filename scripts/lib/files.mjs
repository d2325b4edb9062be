/* What `npm run backup` and `npm run restore` both need: file names, sizes and durable writes. */
import fs from "node:fs";

/** 2026-03-04T05:06:07.890Z -> 20260304-050607 */
export function stamp(date = new Date()) {
  return date.toISOString().slice(0, 19).replace(/-|:/g, "").replace("T", "-");
}

export function formatSize(bytes) {
  const human = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`;
  return `${human}, ${bytes.toLocaleString("en")} bytes`;
}

export function fsyncPath(p, flags = "r+") {
  const fd = fs.openSync(p, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable. Not every platform can fsync a directory; that is not an error. */
export function fsyncDir(dir) {
  try {
    fsyncPath(dir, "r");
  } catch {
    /* best effort */
  }
}

export class UsageError extends Error {}
