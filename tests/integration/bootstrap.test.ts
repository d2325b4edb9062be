import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { bootstrap } from "~/bootstrap.server";
import { getDb, setDb } from "~/services/db.server";
import { resetEnvCache } from "~/services/env.server";
import { clearTemplateCache } from "~/services/templates.server";

const dirs: string[] = [];

function freshPath() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-boot-"));
  dirs.push(dir);
  return path.join(dir, "nested", "folder", "planner.sqlite");
}

afterEach(() => {
  getDb().$client.close();
  setDb(undefined);
  delete process.env.DATABASE_PATH;
  process.env.SEED_DEMO = "1";
  resetEnvCache();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function count(table: string) {
  return getDb().get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;
}

describe("start-up", () => {
  it("creates the database and its folder, migrates, and seeds the demo data once", async () => {
    const file = freshPath();
    process.env.DATABASE_PATH = file;
    resetEnvCache();
    const first = await bootstrap();
    expect(first.seeded).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
    expect(count("users")).toBe(6);
    expect(first.demoLogins.join("\n")).toContain("partner2@demo.test");
    const second = await bootstrap();
    expect(second.seeded).toBe(false);
    expect(count("users")).toBe(6);
    expect(count("engagements")).toBe(6);
    expect(count("staff")).toBe(30);
  });

  it("runs with WAL, synchronous=FULL, foreign keys and a busy timeout", async () => {
    process.env.DATABASE_PATH = freshPath();
    resetEnvCache();
    await bootstrap();
    const client = getDb().$client;
    expect(client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(client.pragma("synchronous", { simple: true })).toBe(2);
    expect(client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(client.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("seeds nothing with SEED_DEMO=0", async () => {
    process.env.DATABASE_PATH = freshPath();
    process.env.SEED_DEMO = "0";
    resetEnvCache();
    const result = await bootstrap();
    expect(result).toEqual({ seeded: false, demoLogins: [] });
    expect(count("users")).toBe(0);
  });

  it("stops before anything starts when a template is bad, naming the file and the field", async () => {
    const file = freshPath();
    const root = path.dirname(path.dirname(path.dirname(file)));
    fs.cpSync(path.join(process.cwd(), "docs-templates"), path.join(root, "docs-templates"), { recursive: true });
    const broken = path.join(root, "docs-templates", "timelines", "campaign.json");
    const template = JSON.parse(fs.readFileSync(broken, "utf8"));
    template.items[2].duration = { weeks: 3 };
    fs.writeFileSync(broken, JSON.stringify(template));
    process.env.DATABASE_PATH = file;
    resetEnvCache();
    const cwd = process.cwd();
    process.chdir(root);
    try {
      await expect(bootstrap()).rejects.toThrow(
        "The template docs-templates/timelines/campaign.json is not valid:\n  items[2].duration: Give the duration in days or in months."
      );
    } finally {
      process.chdir(cwd);
      clearTemplateCache();
    }
    expect(fs.existsSync(file)).toBe(false);
  });
});
