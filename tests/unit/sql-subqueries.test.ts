import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { describe, expect, it } from "vitest";
import { engagements, proposalVersions } from "../../db/schema";
import { qualified } from "~/services/db.server";

/**
 * A subquery written in a query's select list names every column through `qualified`. In the select
 * list of a query of one table, drizzle writes a column as its name alone ("id"), and SQL reads a bare
 * name inside a subquery as the subquery's own table's column first: `exists (select 1 from
 * proposal_versions where engagement_id = "id")` compared each version with itself, not with the
 * engagement, and told the permission table that every engagement was shared alike, or none was.
 */
const APP = path.resolve(__dirname, "../../app");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Select-list fields (`name: sql\`…\``) holding a subquery, with the columns they interpolate bare. */
function bareColumnsInSubqueries(text: string): { field: string; line: number; columns: string[] }[] {
  const found = [];
  for (const m of text.matchAll(/(\w+):\s*sql(?:<[^`]*?>)?`((?:[^`\\]|\\.)*)`/gs)) {
    if (!/\(\s*select\b|exists\s*\(\s*select\b/i.test(m[2]!)) continue;
    const columns = [...m[2]!.matchAll(/\$\{\s*([A-Za-z]+\.[A-Za-z]+)\s*\}/g)].map((c) => c[1]!);
    if (columns.length) found.push({ field: m[1]!, line: text.slice(0, m.index).split("\n").length, columns });
  }
  return found;
}

describe("subqueries in a select list", () => {
  it("name every column with its table, in every query of the app", () => {
    const bare = sourceFiles(APP).flatMap((file) =>
      bareColumnsInSubqueries(fs.readFileSync(file, "utf8")).map((f) => `${path.relative(APP, file)}:${f.line} ${f.field}: ${f.columns.join(", ")}`)
    );
    expect(bare).toEqual([]);
  });

  it("the check finds a bare column, and qualified reaches the outer row where a bare name would not", () => {
    expect(
      bareColumnsInSubqueries("shared: sql<number>`exists (select 1 from ${proposalVersions} where ${proposalVersions.engagementId} = ${engagements.id})`,")
    ).toEqual([{ field: "shared", line: 1, columns: ["proposalVersions.engagementId", "engagements.id"] }]);
    const sqlite = new Database(":memory:");
    sqlite.exec(`create table engagements (id integer primary key);
      create table proposal_versions (id integer primary key, engagement_id integer, shared_at text);
      insert into engagements values (1), (2);
      insert into proposal_versions values (1, 2, '2027-01-01'), (2, 1, null);`);
    const db = drizzle(sqlite);
    const sharedOf = (subquery: ReturnType<typeof sql<number>>) =>
      db.select({ id: engagements.id, shared: subquery }).from(engagements).where(eq(engagements.id, 2)).get()!.shared;
    // Engagement 2's one version is shared.
    const bareShared = sql<number>`exists (select 1 from ${proposalVersions} where ${proposalVersions.engagementId} = ${engagements.id} and ${proposalVersions.sharedAt} is not null)`;
    const qualifiedShared = sql<number>`exists (select 1 from ${proposalVersions} where ${qualified(proposalVersions.engagementId)} = ${qualified(
      engagements.id
    )} and ${qualified(proposalVersions.sharedAt)} is not null)`;
    expect(sharedOf(bareShared)).toBe(0);
    expect(sharedOf(qualifiedShared)).toBe(1);
    sqlite.close();
  });
});
