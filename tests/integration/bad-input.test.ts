/// <reference types="vite/client" />
/**
 * Bad input: every form field of every action in the authorisation matrix, and of a few
 * more forms, is sent each hostile value of tests/helpers/hostile.ts in turn, as a user allowed to
 * make that change. The answer must be a success or a 400/409/413 (never a 500 or a thrown error);
 * a 400 names the field (or the form) and gives back what was typed, passwords excepted; the page
 * still loads afterwards; and what was stored is the typed text with control characters removed.
 *
 * Speed: one database per row, and each case runs inside a SAVEPOINT that is rolled back afterwards,
 * so every case starts from the same state (the same version numbers) without copying a database.
 */
import path from "node:path";
import { eq, getTableName } from "drizzle-orm";
import { describe as group, expect, it, vi } from "vitest";
import { auditLog, driverDiagrams, engagements, intakes, methodDecisions, organisations, timelines, users } from "../../db/schema";
import { exportBundle } from "~/models/bundle.server";
import { WHO, type Ctx, type Row, type Who } from "../helpers/authz";
import { db, useTestDatabase } from "../helpers/db";
import { createOtherManagerEngagement, demoEngagementId, openIntakeSections, shareAVersion } from "../helpers/fixtures";
import { intakeForm } from "../helpers/intake";
import { HOSTILE, HOSTILE_NUMBERS, asSent, hasControlChars, storedForms, type Hostile } from "../helpers/hostile";
import { BASE, callAction, callLoader, formAnswer, sessionCookie, type Outcome } from "../helpers/requests";
import { sentValue } from "~/lib/forms";

// Password hashing is memory-hard on purpose (100 ms or more a hash); sign-in and "add user" are sent
// a hundred hostile values here, so hashes are made with scrypt's smallest cost. The stored hash names
// its parameters, so the app's own verifyPassword checks them unchanged. Hashing itself is tested in
// tests/integration/auth.test.ts with the real cost.
vi.mock("~/services/password.server", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/services/password.server")>();
  const crypto = await import("node:crypto");
  const cheap = (password: string) => {
    const salt = crypto.randomBytes(16);
    const key = crypto.scryptSync(password.normalize("NFC"), salt, 32, { N: 16, r: 1, p: 1 });
    return ["scrypt", 16, 1, 1, salt.toString("base64"), key.toString("base64")].join("$");
  };
  const dummy = cheap("not-a-real-password");
  return {
    ...real,
    hashPassword: async (password: string) => cheap(password),
    verifyAgainstDummy: async (password: string) => {
      await real.verifyPassword(password, dummy);
      return false as const;
    },
  };
});

useTestDatabase({ seed: "here" });

const rowModules = import.meta.glob<{ ROWS: Row[] }>("./authz-rows/*.ts", { eager: true });
const MATRIX: Row[] = Object.values(rowModules).flatMap((m) => m.ROWS);
const routeModules = import.meta.glob("../../app/routes/*.{ts,tsx}");
const ROUTE_FILES = Object.keys(routeModules).map((k) => path.basename(k).replace(/\.tsx?$/, ""));

type Handler = (args: never) => unknown;
type RouteModule = { loader?: Handler; action?: Handler };

function moduleFor(route: string): Promise<RouteModule> {
  const key = Object.keys(routeModules).find((k) => path.basename(k).replace(/\.tsx?$/, "") === route);
  if (!key) throw new Error(`No route module ${route}`);
  return routeModules[key]!() as Promise<RouteModule>;
}

// ---------------------------------------------------------------------------------------------
// Which forms, as whom, which fields

type Case = {
  name: string;
  route: string;
  who: Who;
  path: (c: Ctx) => string;
  params?: (c: Ctx) => Record<string, string>;
  form: (c: Ctx) => Record<string, string>;
};

const SUCCESS = new Set([303, 201]);
const WHO_ORDER: Who[] = ["manager", "managerOther", "leader", "admin", "partnerA", "partnerB", "anonymous"];

/**
 * Fields a person never types: what the form is, the version it was drawn from, which record, and the
 * page's own hidden inputs (which form it was, the confirmation of a deletion, the values it was drawn
 * with). They are sent hostile values too, in their own pass, where a 403 or 404 is also a fair answer.
 */
// "take": the key of an answer ticked to take into the intake, one the page itself lists.
const STRUCTURAL = new Set(["intent", "version", "requestVersion", "parentId", "number", "form", "confirm", "then", "move", "fields", "take"]);
function isStructural(field: string) {
  return STRUCTURAL.has(field) || /(^id$|Id$|Version$|^original[A-Z])/.test(field);
}

/** Ticked or not: what is stored is true or false, never the text sent. */
const CHECKBOXES = new Set(["assumption", "hasLearningSystem", "hasImprovementTeam", "previousWorkWithUs", "acknowledgedConflict", "keepPrevious"]);

/** The role that may make the change, preferring one whose page then loads with 200 (not a login redirect). */
function successRole(row: Row): Who | null {
  const candidates = WHO_ORDER.filter((w) => SUCCESS.has(row.expect[w]));
  const pageRows = MATRIX.filter((r) => r.route === row.route && r.kind === "loader");
  return candidates.find((w) => pageRows.some((r) => r.expect[w] === 200)) ?? candidates[0] ?? null;
}

const fromMatrix: Case[] = MATRIX.flatMap((row) => {
  if (row.kind !== "action" || !row.form) return [];
  const who = successRole(row);
  if (!who) return [];
  return [{ name: row.name, route: row.route, who, path: row.path, params: row.params, form: row.form }];
});

const own = (c: Ctx) => ({ id: String(c.own) });
const ownPath = (suffix: string) => (c: Ctx) => `/engagements/${c.own}${suffix}`;

/** Forms the matrix does not post, with the fields people type most. The seeded demo data is what they edit. */
const EXTRA: Case[] = [
  {
    name: "create engagement for a new partner",
    route: "engagements.new",
    who: "manager",
    path: () => "/engagements/new",
    form: () => ({
      partner: "new",
      title: "A new partnership",
      orgName: "Hostile Input Health",
      orgKind: "hospital",
      orgCountry: "CL",
      orgSites: "3",
      orgPopulation: "250000",
    }),
  },
  {
    name: "edit own engagement's internal notes",
    route: "engagements.$id._index",
    who: "manager",
    path: ownPath(""),
    params: own,
    form: () => ({ intent: "update-details", title: "Northshire patient safety partnership", internalNotes: "Procurement wants a fixed price.", version: "1" }),
  },
  {
    name: "choose own partner's country",
    route: "engagements.$id._index",
    who: "manager",
    path: ownPath(""),
    params: own,
    form: () => ({ intent: "set-country", orgCountry: "IE", orgVersion: "1" }),
  },
  {
    name: "change own partner's profile",
    route: "engagements.$id._index",
    who: "manager",
    path: ownPath(""),
    params: own,
    form: () => ({
      intent: "set-profile",
      orgName: "Northshire Health System",
      orgKind: "health_system",
      orgSites: "14",
      orgPopulation: "2100000",
      orgVersion: "1",
    }),
  },
  {
    name: "save own intake: partner context",
    route: "engagements.$id.intake",
    who: "manager",
    path: ownPath("/intake?section=context"),
    params: own,
    form: () =>
      intakeForm("context", {
        version: "1",
        partnerKind: "health_system",
        sites: "14",
        population: "2100000",
        geographyScope: "system",
        improvementExperience: "some",
        hasLearningSystem: "on",
        existingWork: "A central quality team of six.",
      }),
  },
  {
    name: "save own intake: needs and priorities",
    route: "engagements.$id.intake",
    who: "manager",
    path: ownPath("/intake?section=needs"),
    params: own,
    form: () =>
      intakeForm("needs", {
        version: "1",
        problems: "Infections in our ICUs are above the benchmark.",
        "priorities[0].topic": "other",
        "priorities[0].custom": "Hand hygiene",
        "priorities[0].baselineMeasure": "Compliance audits passed",
        "priorities[0].baselineValue": "61.5",
        "priorities[0].baselineDate": "2026-09-30",
        "priorities[0].baselineSource": "Infection prevention team",
      }),
  },
  {
    name: "save own intake: evidence and ambition",
    route: "engagements.$id.intake",
    who: "manager",
    path: ownPath("/intake?section=evidence"),
    params: own,
    form: () =>
      intakeForm("evidence", {
        version: "1",
        "priorityEvidence[0].priority": "vap",
        "priorityEvidence[0].changePackage": "yes",
        "priorityEvidence[0].degreeOfBelief": "high",
        "priorityEvidence[0].brightSpots": "yes",
        aimHowMuch: "Halve VAP rates",
        aimByWhen: "2028-08",
        aimForWhom: "Adult ICU patients",
        aimStyle: "team",
        breadth: "focused",
      }),
  },
  {
    name: "save own intake: scale and horizon",
    route: "engagements.$id.intake",
    who: "manager",
    path: ownPath("/intake?section=scale"),
    params: own,
    form: () => intakeForm("scale", { version: "1", expectedSites: "14", desiredStart: "2027-03", longestDurationMonths: "18", hardDeadline: "2028-12-31" }),
  },
  {
    name: "add a primary driver to own driver diagram",
    route: "engagements.$id.driver-diagram",
    who: "manager",
    path: ownPath("/driver-diagram"),
    params: own,
    form: () => ({ form: "add-primary", intent: "add-node", version: "1", kind: "primary", label: "Reliable staffing", parentId: "" }),
  },
  {
    name: "add a change idea to own driver diagram",
    route: "engagements.$id.driver-diagram",
    who: "manager",
    path: ownPath("/driver-diagram"),
    params: own,
    form: () => ({ intent: "add-node", version: "1", kind: "secondary", label: "Daily sedation hold", parentId: "n1", strength: "strong" }),
  },
  {
    name: "set the aim of own driver diagram",
    route: "engagements.$id.driver-diagram",
    who: "manager",
    path: ownPath("/driver-diagram?tab=aim"),
    params: own,
    form: () => ({
      intent: "set-aim",
      version: "1",
      statement: "Halve VAP rates by August 2028",
      baseline: "7.2 per 1,000 ventilator days",
      target: "3.6 per 1,000 ventilator days",
      byWhen: "August 2028",
      population: "Adult ICU patients",
    }),
  },
  {
    name: "add a fully described measure to own driver diagram",
    route: "engagements.$id.driver-diagram",
    who: "manager",
    path: ownPath("/driver-diagram?tab=measures"),
    params: own,
    form: () => ({
      intent: "upsert-measure",
      version: "1",
      measureId: "",
      kind: "process",
      name: "Bundle compliance",
      attachedTo: "n1",
      definition: "Ventilated patients with every bundle element done",
      numerator: "Patients with all elements",
      denominator: "Ventilated patients",
      source: "ICU audit",
      frequency: "Weekly",
      target: "95%",
      assumption: "on",
    }),
  },
  {
    name: "rename and move an item of own timeline",
    route: "engagements.$id.timeline",
    who: "manager",
    path: ownPath("/timeline"),
    params: own,
    form: () => ({
      intent: "edit-item",
      version: "2",
      itemId: "topic_charter",
      label: "Topic selection, charter and scope",
      originalLabel: "Topic selection and charter",
      start: "2027-03-02",
      originalStart: "2027-03-01",
      end: "2027-04-02",
      originalEnd: "2027-03-31",
    }),
  },
  {
    name: "partner asks for changes",
    route: "partner.engagements.$id",
    who: "partnerA",
    path: (c) => `/partner/engagements/${c.own}`,
    params: own,
    form: () => ({ intent: "respond", number: "1", response: "changes_requested", reason: "Please move the second learning session." }),
  },
  {
    name: "leader approves with conditions",
    route: "approvals.$requestId",
    who: "leader",
    path: () => "/approvals/2",
    params: () => ({ requestId: "2" }),
    form: () => ({ decision: "approve_with_conditions", conditions: "Confirm travel costs first.", reason: "Fits the portfolio.", requestVersion: "1" }),
  },
  {
    name: "edit a roster entry",
    route: "admin.staff.$id",
    who: "admin",
    path: () => "/admin/staff/1",
    params: () => ({ id: "1" }),
    form: () => ({
      intent: "save",
      name: "Dr Amara Nwosu",
      role: "chair",
      fte: "0.5",
      availableFrom: "2027-01",
      availableTo: "2027-12",
      dayRate: "1200",
      version: "1",
    }),
  },
  {
    name: "change a user's role",
    route: "admin.users.$id",
    who: "admin",
    path: (c) => `/admin/users/${c.userId}`,
    params: (c) => ({ id: String(c.userId) }),
    form: () => ({ intent: "update-role", role: "partner", organisationId: "2", version: "1" }),
  },
];

/** One case per form: the matrix's second row for the same form (another owner) adds nothing here. */
function dedupe(cases: Case[]): Case[] {
  const seen = new Set<string>();
  const probe: Ctx = { own: 1, other: 2, userId: 3, managerId: 0, managerOtherId: 0 };
  return cases.filter((c) => {
    const form = c.form(probe);
    const key = `${c.route} ${form.intent ?? ""} ${Object.keys(form).sort().join(",")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const CASES = dedupe([...fromMatrix, ...EXTRA]);
const typedFields = (c: Case) => Object.keys(c.form({ own: 1, other: 2, userId: 3, managerId: 0, managerOtherId: 0 })).filter((f) => !isStructural(f));
const WITH_FIELDS = CASES.filter((c) => typedFields(c).length > 0);

// ---------------------------------------------------------------------------------------------
// The database: per-case savepoints, and what is stored

function setUp(): Ctx {
  const { engagementId: other, managerEmail } = createOtherManagerEngagement();
  const ownId = demoEngagementId();
  shareAVersion(ownId);
  openIntakeSections(ownId);
  const userId = db().select({ id: users.id }).from(users).where(eq(users.email, "partner2@demo.test")).get()!.id;
  const idOf = (email: string) => db().select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
  return { own: ownId, other, userId, managerId: idOf("manager@demo.test"), managerOtherId: idOf(managerEmail) };
}

async function inSavepoint<T>(run: () => Promise<T>): Promise<T> {
  const client = db().$client;
  client.exec("SAVEPOINT bad_input_case");
  try {
    return await run();
  } finally {
    client.exec("ROLLBACK TO bad_input_case");
    client.exec("RELEASE bad_input_case");
  }
}

type Column = { table: string; column: string };

function textColumns(): Column[] {
  const client = db().$client;
  const tables = client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as {
    name: string;
  }[];
  return tables.flatMap(({ name }) =>
    (client.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[])
      .filter((c) => /TEXT|^$/i.test(c.type))
      .map((c) => ({ table: name, column: c.name }))
  );
}

const JSON_ESCAPED_CONTROL = /\\u00(0[0-8bcef]|1[0-9a-f]|7f)|\\u(fffe|ffff|d[89ab][0-9a-f]{2}|d[c-f][0-9a-f]{2})/i;

/** Every stored text that carries a control character, raw or JSON-escaped. */
function storedControlChars(columns: Column[]): string[] {
  const client = db().$client;
  const found: string[] = [];
  for (const { table, column } of columns) {
    const rows = client.prepare(`SELECT rowid AS r, "${column}" AS v FROM "${table}" WHERE typeof("${column}") = 'text'`).all() as { r: number; v: string }[];
    for (const { r, v } of rows) {
      if (hasControlChars(v) || JSON_ESCAPED_CONTROL.test(v)) found.push(`${table}.${column} row ${r}: ${JSON.stringify(v.slice(0, 120))}`);
    }
  }
  return found;
}

/**
 * Which rows a case wrote: temporary triggers (this connection only, never in the file) log every
 * insert and update. The log lives in the case's savepoint, so it is empty again for the next case.
 */
function installChangeLog(columns: Column[]) {
  const client = db().$client;
  client.exec("CREATE TEMP TABLE IF NOT EXISTS bad_input_changes (t TEXT NOT NULL, r INTEGER NOT NULL)");
  for (const table of new Set(columns.map((c) => c.table))) {
    for (const event of ["INSERT", "UPDATE"]) {
      client.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS "bad_input_${table}_${event}" AFTER ${event} ON main."${table}" BEGIN INSERT INTO bad_input_changes VALUES ('${table}', NEW.rowid); END`
      );
    }
  }
}

/** The text of every row written since the savepoint began, by "table.column row n". */
function writtenTexts(): Map<string, string> {
  const client = db().$client;
  const texts = new Map<string, string>();
  const rows = client.prepare("SELECT DISTINCT t, r FROM bad_input_changes").all() as { t: string; r: number }[];
  for (const { t, r } of rows) {
    const row = client.prepare(`SELECT * FROM "${t}" WHERE rowid = ?`).get(r) as Record<string, unknown> | undefined;
    for (const [column, value] of Object.entries(row ?? {})) if (typeof value === "string") texts.set(`${t}.${column} row ${r}`, value);
  }
  return texts;
}

/** Is this text among what was written (as a column's text, or inside a JSON document), ignoring case? */
function isStored(written: Map<string, string>, text: string): boolean {
  const needles = [...new Set([text, JSON.stringify(text).slice(1, -1)])].map((n) => n.toLowerCase());
  for (const value of written.values()) {
    const lower = value.toLowerCase();
    if (needles.some((n) => lower.includes(n))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Reading answers

const ALLOWED = new Set([303, 201, 400, 409, 413]);
/** For fields that pick a record or a version: a wrong one may also be "not yours" or "not found". */
const ALLOWED_STRUCTURAL = new Set([...ALLOWED, 403, 404]);

/** Whether the answer is a form's answer in the one shape (a Conform submission result). */
const isFormReply = (res: Outcome) => Boolean(res.data && typeof res.data === "object" && "result" in res.data);

function errorsOf(res: Outcome): Record<string, unknown> | null {
  if (isFormReply(res)) return formAnswer(res).errors;
  // The JSON API: a sentence, and messages by path when it can name them.
  const api = res.data as { error?: unknown; fields?: Record<string, unknown> } | null;
  if (api && typeof api === "object" && typeof api.error === "string") return api.fields && Object.keys(api.fields).length ? api.fields : { "": api.error };
  const errors = res.data && typeof res.data === "object" ? (res.data as { errors?: unknown }).errors : undefined;
  return errors && typeof errors === "object" ? (errors as Record<string, unknown>) : null;
}

/** What the answer gives back for a field, for the page to show it again. */
function typedBack(res: Outcome, field: string): unknown {
  const d = res.data as Record<string, unknown> | null;
  if (!d || typeof d !== "object") return undefined;
  if (isFormReply(res)) {
    // Rows come back nested ("priorities[0].topic" is priorities → 0 → topic), as the page reads them; a field sent empty comes back absent.
    const values = formAnswer(res).values;
    return sentValue(values, field) ?? values[field] ?? "";
  }
  const values = d.values as Record<string, unknown> | undefined;
  if (values && field in values) return values[field];
  if (field === "json" && "pasted" in d) return d.pasted; // the import page gives the pasted bundle back as `pasted`
  if (field === "email" && "email" in d) return d.email; // the sign-in page gives back the email only
  return undefined;
}

const isNumberLike = (v: string) => /^-?[\d.,]+$/.test(v);
const isDateLike = (v: string) => /^\d{4}-\d{2}(-\d{2})?$/.test(v);
const NEVER_A_NUMBER = new Set(["1e308", "99999999999999999999", "NaN", "Infinity", "0x10"]);
const NEVER_A_DATE = new Set(["2027-02-30", "2027-13", "27/03/2027", "tomorrow"]);

/** Routes by file name, to load the page a redirect lands on. */
function routeFor(pathname: string): string[] {
  const patternOf = (file: string) => {
    const segments = file
      .replace(/\[\.\]/g, "\u0001")
      .split(".")
      .filter((s) => s !== "_index")
      .map((s) => (s === "$" ? ".*" : s.startsWith("$") ? "[^/]+" : s.replace(/[-\\^$*+?()|{}]/g, "\\$&").replace(/\u0001/g, "\\.")));
    return new RegExp(`^/${segments.join("/")}$`.replace(/\/\$$/, "/?$"));
  };
  const exact = ROUTE_FILES.filter((f) => f !== "$" && patternOf(f).test(pathname));
  // A leaf's own module and the layouts above it (engagements.$id for /engagements/1/intake).
  const layouts = ROUTE_FILES.filter(
    (f) =>
      f !== "$" &&
      ROUTE_FILES.some((g) => g.startsWith(`${f}.`)) &&
      !exact.includes(f) &&
      new RegExp(patternOf(f).source.replace(/\$$/, "(/|$)")).test(pathname)
  );
  return [...layouts, ...exact];
}

// ---------------------------------------------------------------------------------------------
// The cases

async function runCase(
  c: Case,
  ctx: Ctx,
  cookie: string | undefined,
  field: string,
  value: string,
  problems: string[],
  columns: Column[],
  opts: { structural: boolean }
) {
  const mod = await moduleFor(c.route);
  const form = { ...c.form(ctx), [field]: value };
  const label = `${c.name} · ${field} = ${show(value)}`;
  await inSavepoint(async () => {
    let res: Outcome;
    const changesBefore = totalChanges();
    try {
      res = await callAction(mod.action as never, { path: c.path(ctx), params: c.params?.(ctx), cookie, form });
    } catch (e) {
      problems.push(`${label}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      return;
    }
    const allowed = opts.structural ? ALLOWED_STRUCTURAL : ALLOWED;
    if (!allowed.has(res.status)) {
      problems.push(`${label}: answered ${res.status} ${typeof res.data === "string" ? res.data.slice(0, 200) : JSON.stringify(res.data)?.slice(0, 200)}`);
      return;
    }

    if (res.status === 400 || res.status === 409) {
      const errors = errorsOf(res);
      const messages = errors ? Object.values(errors).filter((m) => typeof m === "string" && m.trim() !== "") : [];
      // A thrown Response("Unknown action.", 400) for a tampered hidden field carries its message as text.
      const textMessage = typeof res.data === "string" && res.data.trim() !== "";
      if (res.status === 400 && messages.length === 0 && !(opts.structural && textMessage)) problems.push(`${label}: ${res.status} without an error message`);
      else if (res.status === 409 && !errors) problems.push(`${label}: 409 without errors`);
      else if (res.status === 400 && !opts.structural && errors && !(field in errors) && !("" in errors))
        problems.push(`${label}: 400 with errors for ${Object.keys(errors).join(", ")}, none for ${field} or the form`);
      if (field === "password") {
        if (JSON.stringify(res.data ?? "").includes(JSON.stringify(value).slice(1, -1)) && value.length > 3)
          problems.push(`${label}: the password came back in the answer`);
      } else if (!opts.structural) {
        const back = typedBack(res, field);
        if (back !== asSent(value) && !(field === "json" && back === "" && value.trim() === ""))
          problems.push(`${label}: ${res.status} did not give back what was typed (got ${show(back)})`);
      }
    }

    if (SUCCESS.has(res.status) && !opts.structural) {
      const base = c.form(ctx)[field] ?? "";
      if (isNumberLike(base) && NEVER_A_NUMBER.has(value)) problems.push(`${label}: accepted as a number`);
      if (isDateLike(base) && NEVER_A_DATE.has(value)) problems.push(`${label}: accepted as a date or month`);
      const forms = storedForms(value);
      const written = writtenTexts();
      if (
        field !== "password" &&
        !CHECKBOXES.has(field) &&
        forms.length &&
        !isNumberLike(base) &&
        !NEVER_A_NUMBER.has(value) &&
        !forms.some((f) => isStored(written, f))
      )
        problems.push(`${label}: accepted, but the typed text is stored nowhere as typed`);
      const dirty = [...written]
        .filter(([, v]) => hasControlChars(v) || JSON_ESCAPED_CONTROL.test(v))
        .map(([where, v]) => `${where}: ${JSON.stringify(v.slice(0, 120))}`);
      if (dirty.length) problems.push(`${label}: control characters stored: ${dirty.slice(0, 3).join("; ")}`);
    }

    // The page still loads, and so does the page a success leads to. When the answer wrote nothing at
    // all (no row changed on this connection), the database is exactly as it was when the page was
    // last loaded with 200 before this row's cases, so loading it again would prove nothing new.
    if (totalChanges() === changesBefore && res.status !== 303 && res.status !== 201) return;
    const pages = [{ path: c.path(ctx), route: c.route, params: c.params?.(ctx) ?? {} }];
    if (res.status === 303 && res.location?.startsWith("/")) {
      const url = new URL(res.location, BASE);
      for (const route of routeFor(url.pathname)) pages.push({ path: url.pathname + url.search, route, params: paramsFor(route, url.pathname) });
    }
    const visited = new Set<string>();
    for (const page of pages) {
      if (visited.has(`${page.route} ${page.path}`)) continue;
      visited.add(`${page.route} ${page.path}`);
      const pageModule = await moduleFor(page.route);
      if (!pageModule.loader) continue;
      try {
        const loaded = await callLoader(pageModule.loader as never, { path: page.path, params: page.params, cookie });
        if (loaded.status !== 200 && !(c.route === "login" && loaded.status === 302))
          problems.push(`${label}: afterwards ${page.path} (${page.route}) answered ${loaded.status}`);
      } catch (e) {
        problems.push(`${label}: afterwards ${page.path} (${page.route}) threw ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  });
}

function totalChanges(): number {
  return (db().$client.prepare("SELECT total_changes() AS n").get() as { n: number }).n;
}

/** Before the cases: the row's page loads with 200 for this user. */
async function pageLoads(c: Case, ctx: Ctx, cookie: string | undefined) {
  const mod = await moduleFor(c.route);
  if (!mod.loader) return;
  const res = await callLoader(mod.loader as never, { path: c.path(ctx), params: c.params?.(ctx), cookie });
  expect(res.status, `${c.path(ctx)} before the cases`).toBe(c.route === "login" && cookie ? 302 : 200);
}

function paramsFor(route: string, pathname: string): Record<string, string> {
  const names = route
    .replace(/\[\.\]/g, "\u0001")
    .split(".")
    .filter((s) => s !== "_index");
  const parts = pathname.split("/").slice(1);
  const params: Record<string, string> = {};
  names.forEach((n, i) => {
    if (n.startsWith("$") && n.length > 1 && parts[i] !== undefined) params[n.slice(1)] = parts[i]!;
  });
  return params;
}

function show(value: unknown): string {
  if (typeof value !== "string") return JSON.stringify(value) ?? String(value);
  const named = HOSTILE.find((h) => h.value === value);
  if (named) return `«${named.name}»`;
  return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} chars)` : JSON.stringify(value);
}

const STRUCTURAL_VALUES: Hostile[] = HOSTILE.filter((h) =>
  ["SQL", "minus one", "1e308", "twenty digits", "NaN", "hex", "__proto__", "blank", "100 kB", "script tag", "control characters in text"].includes(h.name)
);

group("every typed field of every form, with every hostile value", () => {
  it("covers the forms of the matrix and more", () => {
    expect(WITH_FIELDS.length).toBeGreaterThan(20);
  });

  it.each(WITH_FIELDS.map((c) => [c.name, c] as const))(
    "%s",
    async (_name, c) => {
      const ctx = setUp();
      const cookie = WHO[c.who] ? sessionCookie(WHO[c.who]!) : undefined;
      const columns = textColumns();
      const before = storedControlChars(columns);
      expect(before, "the demo data itself carries control characters").toEqual([]);
      installChangeLog(columns);
      await pageLoads(c, ctx, cookie);
      const problems: string[] = [];
      for (const field of typedFields(c)) {
        for (const { value } of HOSTILE) await runCase(c, ctx, cookie, field, value, problems, columns, { structural: false });
      }
      expect(problems).toEqual([]);
    },
    120_000
  );
});

group("the hidden fields (versions, record numbers, ids) never cause a 500 either", () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    "%s",
    async (_name, c) => {
      const ctx = setUp();
      const cookie = WHO[c.who] ? sessionCookie(WHO[c.who]!) : undefined;
      const columns = textColumns();
      await pageLoads(c, ctx, cookie);
      const problems: string[] = [];
      const fields = Object.keys(c.form(ctx)).filter(isStructural);
      for (const field of fields)
        for (const { value } of STRUCTURAL_VALUES) await runCase(c, ctx, cookie, field, value, problems, columns, { structural: true });
      expect(problems).toEqual([]);
    },
    120_000
  );
});

// ---------------------------------------------------------------------------------------------
// The JSON API

type Leaf = { path: (string | number)[]; value: string | number };

/** Parts of the bundle that the import ignores (computed or listed for readers). */
const IGNORED = ["readiness", "method.scores", "method.recommended", "proposalVersions", "exportedAt"];
const FIXED = ["format", "formatVersion"];

function leaves(value: unknown, at: (string | number)[] = []): Leaf[] {
  if (typeof value === "string" || typeof value === "number") return [{ path: at, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
  return [];
}

const dotted = (p: (string | number)[]) => p.map(String).join(".");
const isIgnored = (p: (string | number)[]) => IGNORED.some((i) => dotted(p) === i || dotted(p).startsWith(`${i}.`));

/**
 * The bundle with one leaf changed: a new object or list along the path to it, the rest shared with
 * `root` (nothing reads the changed bundle but to send it).
 */
function setAt(root: unknown, p: (string | number)[], v: unknown): unknown {
  if (p.length === 0) return v;
  const [k, ...rest] = p;
  const node = root as Record<string | number, unknown>;
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
  copy[k!] = setAt(node[k!], rest, v);
  return copy;
}

/** Sets a leaf in place (for building one bundle with every leaf changed). */
function putAt(root: unknown, p: (string | number)[], v: unknown) {
  let node = root as Record<string | number, unknown>;
  for (const k of p.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[p[p.length - 1]!] = v;
}

function getAt(root: unknown, p: (string | number)[]): unknown {
  let node = root as Record<string | number, unknown> | undefined;
  for (const k of p) node = node?.[k] as Record<string | number, unknown> | undefined;
  return node;
}

/** The tables an import writes to, counted in one statement (a case counts them twice). */
const COUNTED = { engagements, organisations, intakes, decisions: methodDecisions, diagrams: driverDiagrams, timelines, audit: auditLog };
const COUNT_ROWS = `select ${Object.entries(COUNTED)
  .map(([name, table]) => `(select count(*) from "${getTableName(table)}") as "${name}"`)
  .join(", ")}`;

function rowCounts(): Record<keyof typeof COUNTED, number> {
  return db().$client.prepare(COUNT_ROWS).get() as Record<keyof typeof COUNTED, number>;
}

group("POST /api/engagements with hostile bundles", () => {
  const MAX_BUNDLE_BYTES = 5 * 1024 * 1024;

  async function importAs(cookie: string, bundle: unknown) {
    const { action } = await moduleFor("api.engagements");
    return callAction(action as never, { path: "/api/engagements", cookie, json: bundle });
  }

  /** The error keys that count as naming the changed path. */
  function names(keys: string[], changed: (string | number)[]): boolean {
    const p = dotted(changed);
    // The path itself, a parent (an object or list refused as a whole), something inside it, or the bundle as a whole.
    if (keys.some((k) => k === p || k === "" || p.startsWith(`${k}.`) || k.startsWith(`${p}.`))) return true;
    // A changed identifier is refused where something refers to it (a dependency, a link): same part of the bundle.
    const last = String(changed[changed.length - 1]);
    return /^(id|key|on|from|to|priority|attachedTo|parents|\d+)$/.test(last) && keys.some((k) => k.split(".")[0] === String(changed[0]));
  }

  /** A 400 must name paths and leave nothing behind; a 201 must store only inert text. */
  async function check(cookie: string, bundle: unknown, label: string, problems: string[], changed?: (string | number)[], typed?: string) {
    await inSavepoint(async () => {
      const before = rowCounts();
      let res: Outcome;
      try {
        res = await importAs(cookie, bundle);
      } catch (e) {
        problems.push(`${label}: threw ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (res.status === 400 || res.status === 413) {
        const errors = errorsOf(res);
        const entries = errors ? Object.entries(errors) : [];
        if (!entries.length || entries.some(([, m]) => typeof m !== "string" || !m))
          problems.push(`${label}: ${res.status} without {error, fields: {path: message}}: ${JSON.stringify(res.data).slice(0, 200)}`);
        if (res.status === 413 && JSON.stringify(bundle).length <= MAX_BUNDLE_BYTES) problems.push(`${label}: 413 for a bundle under 5 MB`);
        if (res.status === 400 && changed && errors && !names(Object.keys(errors), changed))
          problems.push(`${label}: 400 names ${Object.keys(errors).slice(0, 5).join(", ")}, not ${dotted(changed)}`);
        if (JSON.stringify(rowCounts()) !== JSON.stringify(before)) problems.push(`${label}: ${res.status}, but rows were written`);
      } else if (res.status === 201) {
        const id = (res.data as { id: number }).id;
        const exported = exportBundle(managerActor(), id);
        const dirty = leaves(exported).filter((l) => typeof l.value === "string" && hasControlChars(l.value));
        if (dirty.length) problems.push(`${label}: stored control characters at ${dirty.map((l) => dotted(l.path)).join(", ")}`);
        if (changed && typed !== undefined && !isIgnored(changed)) {
          const stored = getAt(exported, changed);
          const forms = storedForms(typed, "json").map((f) => f.toLowerCase());
          if (typeof stored === "string" && forms.length && !forms.includes(stored.toLowerCase()))
            problems.push(`${label}: stored ${show(stored)}, typed ${show(typed)}`);
        }
      } else {
        problems.push(`${label}: answered ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`);
      }
    });
  }

  function managerActor() {
    const manager = db().select().from(users).where(eq(users.email, "manager@demo.test")).get()!;
    return { id: manager.id, role: "manager" as const, organisationId: null };
  }

  /** The demo engagement's bundle, for a partner organisation of its own (so the partner's fields are stored, not matched by name). */
  function baseline() {
    const ctx = setUp();
    const bundle = JSON.parse(JSON.stringify(exportBundle(managerActor(), ctx.own)));
    bundle.partner.name = "Hostile Bundle Health";
    // Options, so that their words and levers are changed like every other field (docs/domain.md §9.13).
    bundle.proposal.options = [
      { name: "Core", scope: "The programme as planned.", leavesOut: "Training advisors.", levers: { firstWaveSites: 3, virtualSessions: false } },
      { name: "Virtual", scope: "Learning sessions online.", leavesOut: "In-person sessions.", levers: { virtualSessions: true } },
    ];
    return { bundle, cookie: sessionCookie("manager@demo.test") };
  }

  it("imports the unchanged demo bundle (the baseline the cases change)", async () => {
    const { bundle, cookie } = baseline();
    const res = await importAs(cookie, bundle);
    expect(res.status, JSON.stringify(res.data)).toBe(201);
  });

  it("every string replaced by each hostile value, every number by an out-of-range one: 400 naming paths (413 over 5 MB), or 201", async () => {
    const { bundle, cookie } = baseline();
    const all = leaves(bundle).filter((l) => !FIXED.includes(dotted(l.path)));
    const problems: string[] = [];
    for (const [i, h] of HOSTILE.entries()) {
      const changed = structuredClone(bundle);
      all.forEach((l, j) => putAt(changed, l.path, typeof l.value === "string" ? h.value : HOSTILE_NUMBERS[(i + j) % HOSTILE_NUMBERS.length]));
      await check(cookie, changed, `all fields = «${h.name}»`, problems);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("each string field alone, with hostile values in turn: named in the 400, or stored as inert text", async () => {
    const { bundle, cookie } = baseline();
    const strings = leaves(bundle).filter((l) => typeof l.value === "string" && !FIXED.includes(dotted(l.path)));
    const problems: string[] = [];
    // Every string field gets several hostile values (rotating), so every value meets many fields.
    // Every field also gets control characters inside text, which must never be stored.
    const PER_FIELD = 2;
    const controls = HOSTILE.find((h) => h.name === "control characters in text")!;
    for (const [j, l] of strings.entries()) {
      const values = [controls, ...Array.from({ length: PER_FIELD }, (_, k) => HOSTILE[(j * PER_FIELD + k) % HOSTILE.length]!)];
      for (const h of new Set(values)) {
        await check(cookie, setAt(bundle, l.path, h.value), `${dotted(l.path)} = «${h.name}»`, problems, isIgnored(l.path) ? undefined : l.path, h.value);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("each number field alone, with each out-of-range value: named in the 400, or 201", async () => {
    const { bundle, cookie } = baseline();
    const numbers = leaves(bundle).filter((l) => typeof l.value === "number" && !FIXED.includes(dotted(l.path)));
    const problems: string[] = [];
    for (const l of numbers) {
      for (const v of HOSTILE_NUMBERS)
        await check(cookie, setAt(bundle, l.path, v), `${dotted(l.path)} = ${JSON.stringify(v)}`, problems, isIgnored(l.path) ? undefined : l.path);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("keys named __proto__ and constructor are refused as unknown fields, and pollute nothing", async () => {
    const { bundle, cookie } = baseline();
    const raw = JSON.stringify(bundle);
    const { action } = await moduleFor("api.engagements");
    for (const text of [
      raw.replace(/^\{/, `{"__proto__":{"polluted":true},`),
      raw.replace(`"partner":{`, `"partner":{"constructor":{"prototype":{"polluted":true}},`),
      raw.replace(`"context":{`, `"context":{"__proto__":{"polluted":true},`),
    ]) {
      await inSavepoint(async () => {
        const request = new Request(`${BASE}/api/engagements`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/json" }, body: text });
        const res = (await (action as (a: unknown) => Promise<Response>)({ request, params: {}, context: {} })) as Response;
        expect(res.status, text.slice(0, 80)).toBe(400);
        const json = (await res.json()) as { error: string; fields?: Record<string, string> };
        expect([json.error, ...Object.values(json.fields ?? {})].join(" ")).toMatch(/Unknown field|Unrecognized key/i);
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a body that is not JSON, or is JSON of the wrong shape, is a 400 with a message for the bundle", async () => {
    const { cookie } = baseline();
    const { action } = await moduleFor("api.engagements");
    for (const body of [
      "",
      "not json",
      "null",
      "[]",
      "42",
      `"${"x".repeat(1000)}"`,
      "{".repeat(10_000),
      "[".repeat(100_000),
      `{"format":"partnership-planner/engagement","formatVersion":1}`,
    ]) {
      const request = new Request(`${BASE}/api/engagements`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/json" }, body });
      const res = (await (action as (a: unknown) => Promise<Response>)({ request, params: {}, context: {} })) as Response;
      expect(res.status, body.slice(0, 40)).toBe(400);
      const json = (await res.json()) as { error: string };
      expect(json.error, body.slice(0, 40)).toMatch(/\w/);
    }
  });
});
