import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * docs/domain.md is where the code's domain facts are sourced. These checks keep every citation
 * pointing at something that exists: section numbers, source keys, demand parameters, and no
 * reference to notes kept outside the repository.
 */

const root = path.resolve(__dirname, "../..");
const doc = fs.readFileSync(path.join(root, "docs/domain.md"), "utf8");
const [body, sourcesPart] = doc.split(/^## 12\. Sources$/m);

const sections = new Set([...doc.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]));
const sourceKeys = new Set([...(sourcesPart ?? "").matchAll(/\*\*([A-Z]{1,3}\d{1,3})\*\*/g)].map((m) => m[1]));

const CITING_FOLDERS = ["app", "db", "tests", "docs-templates", "docs", "bench", "scripts"];
const CITING_FILES = ["README.md", "server.js"];
const TEXT_FILE = /\.(ts|tsx|js|mjs|cjs|json|md|sql)$/;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "migrations" ? [] : filesUnder(full);
    return TEXT_FILE.test(e.name) ? [full] : [];
  });
}

const citingFiles = [...CITING_FOLDERS.flatMap((d) => filesUnder(path.join(root, d))), ...CITING_FILES.map((f) => path.join(root, f))].filter(
  (f) => f !== __filename
);
const read = (file: string) => ({ file: path.relative(root, file), text: fs.readFileSync(file, "utf8") });

/** "§2–5", "§6.2–6.4", "§3.2" → each section named at either end of the range. */
function sectionsIn(citation: string): string[] {
  return citation.split(/[–-]/).map((s) => s.trim());
}

describe("docs/domain.md", () => {
  it("has its chapters and a sources list", () => {
    for (const n of ["1", "2", "2.4", "3", "6.5", "8.2", "12"]) expect(sections, `§${n}`).toContain(n);
    expect(sourceKeys.size).toBeGreaterThan(100);
  });

  it("lists every source key it cites in its own text", () => {
    const cited = new Set([...body.matchAll(/\[([A-Z]{1,3}\d{1,3})\]/g)].map((m) => m[1]));
    expect([...cited].filter((k) => !sourceKeys.has(k))).toEqual([]);
  });

  it("lists every source key the templates cite", () => {
    const missing: string[] = [];
    for (const { file, text } of filesUnder(path.join(root, "docs-templates")).map(read)) {
      const keys = [
        // A "sources" list of keys; holiday rules list full references under the same name, which are not keys.
        ...[...text.matchAll(/"sources"\s*:\s*\[([^\]]*)\]/g)]
          .filter((m) => !m[1].includes("{"))
          .flatMap((m) => [...m[1].matchAll(/"([^"]+)"/g)].map((k) => k[1])),
        ...[...text.matchAll(/"source"\s*:\s*"([A-Z]{1,3}\d{1,3})"/g)].map((m) => m[1]),
        ...[...text.matchAll(/\[([A-Z]{1,3}\d{1,3})\]/g)].map((m) => m[1]),
      ];
      for (const key of keys) if (!sourceKeys.has(key)) missing.push(`${file}: ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it("documents every demand parameter", () => {
    const params = JSON.parse(fs.readFileSync(path.join(root, "docs-templates/demand-parameters.json"), "utf8")) as { parameters: Record<string, unknown> };
    const chapter = doc.slice(doc.indexOf("### 8.2 "), doc.indexOf("### 8.3 "));
    const undocumented = Object.keys(params.parameters).filter((key) => !chapter.includes(`\`${key}\``));
    expect(undocumented).toEqual([]);
  });

  it("is where every docs/domain.md citation in the repository points", () => {
    const broken: string[] = [];
    for (const { file, text } of citingFiles.map(read)) {
      for (const m of text.matchAll(/docs\/domain\.md`? (§[\d.,–§ -]+\d)/g)) {
        for (const part of m[1].split(/,\s*/)) {
          for (const n of sectionsIn(part.replace(/§/g, ""))) if (!sections.has(n)) broken.push(`${file}: ${m[0]}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("replaces the notes kept outside the repository: nothing cites them", () => {
    const outside = (text: string) => /\b(DOMAIN|DESIGN|STACK|STYLE)\.md\b/.test(text) || /\bdesign §/i.test(text);
    const offenders = citingFiles
      .map(read)
      .filter(({ text }) => outside(text))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });
});
