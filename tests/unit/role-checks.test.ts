/**
 * The permission table is the only place that tells roles apart. Everywhere else in app/ asks it
 * (may, mayEver, readsSharedOnly, belongsToOrganisation), so a change of who may do what is one edit
 * in one table. This reads every source file and finds comparisons of a role with a role's name.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROLES } from "~/domain/roles";

const PERMISSION_MODULE = path.normalize("app/domain/permissions.ts");
const NAME = `["'\`](${ROLES.join("|")})["'\`]`;
const ROLE = String.raw`(?:[\w$]+(?:\?)?\.)*role\b`;
const COMPARISONS = [
  // user.role === "partner", role !== "admin", "leader" === actor.role
  new RegExp(String.raw`\b${ROLE}\s*[!=]==?\s*${NAME}`),
  new RegExp(String.raw`${NAME}\s*[!=]==?\s*${ROLE}`),
  // eq(users.role, "partner"), ne(...), inArray(users.role, ["manager", ...])
  new RegExp(String.raw`\b(eq|ne|inArray|notInArray)\(\s*${ROLE}\s*,\s*\[?\s*${NAME}`),
  // ["manager", "leader"].includes(user.role)
  new RegExp(String.raw`\[[^\]]*${NAME}[^\]]*\]\s*\.includes\(\s*${ROLE}`),
  // role = 'partner' in SQL
  new RegExp(String.raw`\brole\s*(=|<>|!=|in\s*\()\s*'(${ROLES.join("|")})'`, "i"),
];
const SWITCH_ON_ROLE = new RegExp(String.raw`switch\s*\(\s*${ROLE}\s*\)`);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

/** "file:line: text" for every line that tells roles apart by name. */
export function roleComparisons(files: { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) =>
    text.split("\n").flatMap((line, i) => (COMPARISONS.some((re) => re.test(line)) || SWITCH_ON_ROLE.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
  );
}

describe("roles are told apart only by the permission table", () => {
  it("finds no comparison of a role with a role's name in app/ outside app/domain/permissions.ts", () => {
    const files = sourceFiles("app")
      .filter((f) => path.normalize(f) !== PERMISSION_MODULE)
      .map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));
    expect(files.length).toBeGreaterThan(50);
    expect(roleComparisons(files)).toEqual([]);
  });

  it("would find the forms such a check takes", () => {
    const samples = [
      `if (user.role !== "partner") throw forbidden();`,
      `if (actor?.role === 'leader') {`,
      `const p = "admin" === session.user.role;`,
      `.where(eq(users.role, "partner"))`,
      `if (["manager", "leader"].includes(actor.role)) {`,
      "sql`select count(*) from users u where u.role = 'partner'`",
      `switch (user.role) {`,
      `organisationId: role === "partner" ? id : null,`,
    ];
    for (const line of samples) expect(roleComparisons([{ file: "x.ts", text: line }]), line).toHaveLength(1);
    // A comment's visibility and a staff member's role are not a user's role.
    const innocent = [`if (parent.visibility !== "partner") {`, `staff.filter((s) => s.role === r.key)`, `d.role === "faculty"`];
    for (const line of innocent) expect(roleComparisons([{ file: "x.ts", text: line }]), line).toEqual([]);
  });
});
