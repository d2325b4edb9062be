import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR } from "~/services/db.server";

/** A copy, under `dir`, of the migrations folder as it stood before the migration `tag`: to make a database as an older release did. */
export function migrationsBefore(dir: string, tag: string): string {
  const folder = path.join(dir, `before-${tag}`);
  fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e: { tag: string }) => e.tag === tag)
  );
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  return folder;
}
