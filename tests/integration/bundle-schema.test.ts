import { sql } from "drizzle-orm";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES } from "~/domain/countries";
import { PARTNER_KINDS } from "~/domain/partner-kinds";
import { VARIANT_METHOD, type MethodVariant } from "~/domain/method-variants";
import * as api from "~/routes/api.engagements";
import * as apiOne from "~/routes/api.engagements.$id";
import * as schemaRoute from "~/routes/api.schema";
import { db, useTestDatabase } from "../helpers/db";
import { callAction, callLoader } from "../helpers/requests";

/*
 * /api/schema and the importer agree. Bundles are generated from the published JSON Schema: those
 * the schema accepts (checked with Ajv) import, and every refusal of one it does not accept names a
 * path the schema has. A JSON Schema cannot say everything the import checks (which evidence names
 * which priority, a deadline after the start…); the schema's description lists those rules, and the
 * generator keeps to them for the bundles meant to be valid.
 */

useTestDatabase();

type Schema = Record<string, unknown> & {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  allOf?: Schema[];
  not?: Schema;
  if?: Schema;
  then?: Schema;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
};

async function publishedSchema(): Promise<Schema> {
  const res = await callLoader(schemaRoute.loader, { path: "/api/schema" });
  expect(res.status).toBe(200);
  return res.data as Schema;
}

// A seeded random source, so that a failure can be replayed.
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

const SAFE = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:;'éüß<>&\"/";

/**
 * A string matching a regular expression, for the subset the schema's patterns use: groups and
 * alternation, classes (with ranges, negation, \d \s \S \w and \uXXXX), escapes, "." and the
 * quantifiers ? * + {n} {n,} {n,m}. Anchors are dropped.
 */
function fromPattern(pattern: string, r: Random): string {
  let i = 0;
  const escape = (c: string): ((ch: string) => boolean) | string => {
    if (c === "d") return (ch) => /\d/.test(ch);
    if (c === "s") return (ch) => /\s/.test(ch);
    if (c === "S") return (ch) => /\S/.test(ch);
    if (c === "w") return (ch) => /\w/.test(ch);
    if (c === "u") {
      const code = String.fromCharCode(parseInt(pattern.slice(i, i + 4), 16));
      i += 4;
      return code;
    }
    return c;
  };
  const fromTest = (test: (ch: string) => boolean) => {
    const ok = [...SAFE].filter(test);
    return ok.length ? r.pick(ok) : "a";
  };
  type Gen = () => string;
  function atom(): Gen {
    const c = pattern[i++]!;
    if (c === "(") {
      if (pattern.startsWith("?:", i)) i += 2;
      const alts = alternation();
      i++; // ")"
      return () => r.pick(alts)();
    }
    if (c === "[") {
      const negate = pattern[i] === "^";
      if (negate) i++;
      const tests: ((ch: string) => boolean)[] = [];
      while (pattern[i] !== "]") {
        let ch = pattern[i++]!;
        let single: string | null = ch;
        if (ch === "\\") {
          const e = escape(pattern[i++]!);
          if (typeof e === "function") {
            tests.push(e);
            single = null;
          } else single = ch = e;
        }
        if (single !== null && pattern[i] === "-" && pattern[i + 1] !== "]") {
          i++;
          let hi = pattern[i++]!;
          if (hi === "\\") hi = escape(pattern[i++]!) as string;
          const [a, b] = [single.charCodeAt(0), hi.charCodeAt(0)];
          tests.push((x) => x.charCodeAt(0) >= a && x.charCodeAt(0) <= b);
        } else if (single !== null) {
          const s = single;
          tests.push((x) => x === s);
        }
      }
      i++;
      const inClass = (x: string) => tests.some((t) => t(x));
      return () => fromTest((x) => inClass(x) !== negate);
    }
    if (c === "\\") {
      const e = escape(pattern[i++]!);
      return typeof e === "function" ? () => fromTest(e) : () => e;
    }
    if (c === ".") return () => fromTest((x) => x !== "\n");
    return () => c;
  }
  function sequence(): Gen[] {
    const parts: Gen[] = [];
    while (i < pattern.length && pattern[i] !== "|" && pattern[i] !== ")") {
      if (pattern[i] === "^" || pattern[i] === "$") {
        i++;
        continue;
      }
      const a = atom();
      let [lo, hi] = [1, 1];
      const q = pattern[i];
      if (q === "?") [lo, hi, i] = [0, 1, i + 1];
      else if (q === "*") [lo, hi, i] = [0, 4, i + 1];
      else if (q === "+") [lo, hi, i] = [1, 4, i + 1];
      else if (q === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i))!;
        lo = Number(m[1]);
        hi = m[2] ? (m[3] ? Number(m[3]) : lo + 4) : lo;
        i += m[0].length;
      }
      const [min, max] = [lo, hi];
      parts.push(() => Array.from({ length: r.int(min, Math.min(max, min + 6)) }, a).join(""));
    }
    return parts;
  }
  function alternation(): Gen[] {
    const alts: Gen[] = [];
    for (;;) {
      const seq = sequence();
      alts.push(() => seq.map((g) => g()).join(""));
      if (pattern[i] !== "|") return alts;
      i++;
    }
  }
  const alts = alternation();
  return r.pick(alts)();
}

const ajv = new Ajv2020({ strict: false, allErrors: true });

/** Only "one of these fields is required" alternatives, as on a priority row. */
const onlyRequired = (list: Schema[]) => list.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required));

/** A value the schema accepts at this node (before the import's cross-field rules). */
function generate(s: Schema, r: Random, depth = 0): unknown {
  if ("const" in s) return s.const;
  if (s.enum) return r.pick(s.enum);
  if (s.type === "object" && s.anyOf && onlyRequired(s.anyOf))
    return generate({ ...s, anyOf: undefined, required: [...(s.required ?? []), ...r.pick(s.anyOf).required!] }, r, depth);
  if (s.anyOf) {
    const branches = s.anyOf.filter((b) => b.type !== "null" && !("required" in b && !b.type));
    if (!branches.length) return generate({ ...s, anyOf: undefined }, r, depth);
    if (s.anyOf.some((b) => b.type === "null") && r.chance(0.2)) return null;
    const merged = s.type ? { ...s, anyOf: undefined } : { ...r.pick(branches) };
    return generate(merged, r, depth);
  }
  switch (s.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const add = (key: string) => {
        const value = generate(s.properties![key]!, r, depth + 1);
        if (value !== undefined) out[key] = value;
      };
      for (const key of Object.keys(s.properties ?? {})) if ((s.required ?? []).includes(key) || r.chance(0.6)) add(key);
      // Conditions ("if the topic is other, then its text is required"): applied as the schema states them.
      for (const rule of s.allOf ?? [])
        if (rule.if && rule.then && ajv.validate(rule.if, out)) {
          for (const key of rule.then.required ?? []) if (!(key in out)) add(key);
          for (const key of rule.then.not?.required ?? []) delete out[key];
        }
      return out;
    }
    case "array":
      return depth > 6 ? [] : Array.from({ length: r.int(0, 3) }, () => generate(s.items ?? {}, r, depth + 1));
    case "string": {
      let text = s.pattern ? fromPattern(s.pattern, r) : Array.from({ length: r.int(0, 20) }, () => r.pick([...SAFE])).join("");
      if (s.maxLength !== undefined && text.length > s.maxLength) text = text.slice(0, s.maxLength);
      return text;
    }
    case "integer": {
      const [lo, hi] = [s.minimum ?? -1000, Math.min(s.maximum ?? 1000, 1_000_000)];
      return r.chance(0.2) ? r.pick([lo, hi]) : r.int(lo, hi);
    }
    case "number":
      return Math.round((r.next() * 2000 - 1000) * 100) / 100;
    case "boolean":
      return r.chance(0.5);
    default:
      // Parts the schema leaves open (readiness and scores, exported for readers, ignored on import).
      return undefined;
  }
}

type Bundle = {
  partner: Record<string, unknown>;
  intake: {
    needs?: { priorities?: ({ topic?: string; custom?: string; id?: string } | null)[] };
    evidence?: { priorityEvidence?: ({ priority: string } | null)[] };
    scale?: { desiredStart?: string; hardDeadline?: string };
    budget?: { budgetMin?: number; budgetMax?: number };
  };
  method?: { decision?: { chosen: string; overrideReason?: string | null; variant?: string | null; openCollaborative?: string | null } | null };
  driverDiagram?: unknown;
  timeline?: unknown;
  proposal?: { feeSetByHand?: unknown; levers?: Levers; options?: { name: string; levers?: Levers }[] };
};

type Levers = { firstWaveSites?: number | null };

/** Keeps the rules the schema's description lists, which a JSON Schema cannot express. */
function keepTheRules(bundle: Bundle, r: Random): Bundle {
  // The driver diagram's and the timeline's internal references: left out of generated bundles (bundle.test.ts imports whole ones).
  delete bundle.driverDiagram;
  delete bundle.timeline;
  const needs = bundle.intake.needs;
  const seen = new Set<string>();
  const priorities = (needs?.priorities ?? []).filter((p) => {
    if (!p) return true;
    const key = p.topic && p.topic !== "other" ? p.topic : `other:${(p.custom ?? "").trim().toLowerCase().replace(/\s+/g, " ")}`;
    const id = p.topic === "other" || !p.topic ? p.id : undefined;
    if (seen.has(key) || (id && seen.has(id))) return false;
    seen.add(key);
    if (id) seen.add(id);
    return true;
  });
  if (needs) needs.priorities = priorities;
  const ids = priorities.flatMap((p) =>
    p ? [p.topic && p.topic !== "other" ? p.topic : p.id ?? `other:${(p.custom ?? "").toLowerCase().replace(/\s+/g, " ").trim()}`] : []
  );
  const evidence = bundle.intake.evidence;
  if (evidence?.priorityEvidence) {
    const rows = evidence.priorityEvidence.filter((e) => e !== null).slice(0, ids.length);
    rows.forEach((row, k) => (row.priority = ids[k]!));
    evidence.priorityEvidence = rows;
  }
  const scale = bundle.intake.scale;
  if (scale?.desiredStart && scale.hardDeadline && scale.hardDeadline.trim() < `${scale.desiredStart.trim()}-01`) delete scale.hardDeadline;
  const budget = bundle.intake.budget;
  if (budget && budget.budgetMin !== undefined && budget.budgetMax !== undefined && budget.budgetMax < budget.budgetMin)
    [budget.budgetMin, budget.budgetMax] = [budget.budgetMax, budget.budgetMin];
  const decision = bundle.method?.decision;
  if (decision) {
    decision.overrideReason = `Agreed with the partner (${r.int(1, 99)}).`;
    // A variant is a form of the method chosen; an open collaborative is named only for joining one.
    if (decision.variant) decision.chosen = VARIANT_METHOD[decision.variant as MethodVariant];
    if (decision.variant !== "join_open_collaborative") delete decision.openCollaborative;
  }
  // Options have names of their own; a fee set by hand prices a proposal without options.
  const proposal = bundle.proposal;
  if (proposal?.options) {
    proposal.options.forEach((o, i) => (o.name = `${o.name.trim().slice(0, 70) || "Option"} (${i + 1})`));
    if (proposal.options.length) delete proposal.feeSetByHand;
  }
  // A first wave has at most the plan's sites (the timeline is left out above: the partner's).
  const sites = (bundle as { partner?: { sites?: number } }).partner?.sites;
  for (const levers of [proposal?.levers, ...(proposal?.options ?? []).map((o) => o.levers)])
    if (levers && typeof levers.firstWaveSites === "number" && typeof sites === "number" && levers.firstWaveSites > sites) levers.firstWaveSites = sites;
  return bundle;
}

/** Where a dotted error path ("intake.scale.hardDeadline", "" for the whole bundle) is in the schema, if it is. */
function schemaAt(schema: Schema, path: string): Schema | undefined {
  if (path === "") return schema;
  let nodes: Schema[] = [schema];
  for (const segment of path.split(".")) {
    const expand = (n: Schema): Schema[] => [n, ...(n.anyOf ?? []).flatMap(expand)];
    nodes = nodes.flatMap(expand).flatMap((n) => {
      if (n.properties && segment in n.properties) return [n.properties[segment]!];
      if (/^\d+$/.test(segment) && n.items) return [n.items];
      return [];
    });
    if (!nodes.length) return undefined;
  }
  return nodes[0];
}

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => leafPaths(v, [...prefix, String(i)]))];
  if (value && typeof value === "object") return [prefix, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]))];
  return [prefix];
}

function setAt(target: unknown, path: string[], value: unknown) {
  let node = target as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

/** Breaks one thing the schema says about the value at `path`. */
function breakAt(bundle: unknown, path: string[], s: Schema, r: Random): string | null {
  const value = path.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], bundle);
  const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
  const kinds = [
    s.type === "string" && s.maxLength !== undefined ? "too long" : null,
    s.enum ? "not in the list" : null,
    s.type === "integer" && s.maximum !== undefined ? "too large" : null,
    isObject && s.type === "object" && s.properties ? "unknown field" : null,
    isObject && s.type === "object" && s.required?.length ? "required field missing" : null,
    s.type && s.type !== "object" && s.type !== "array" ? "wrong type" : null,
  ].filter((k): k is string => k !== null);
  if (!kinds.length || !path.length) return null;
  const kind = r.pick(kinds);
  const here = () => path.reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, bundle as Record<string, unknown>);
  if (kind === "too long") setAt(bundle, path, "x".repeat(s.maxLength! + 1));
  else if (kind === "not in the list") setAt(bundle, path, "certainly-not-a-choice");
  else if (kind === "too large") setAt(bundle, path, s.maximum! + 1);
  else if (kind === "unknown field") here().notInTheSchema = 1;
  else if (kind === "required field missing") delete here()[r.pick(s.required!)];
  else setAt(bundle, path, s.type === "string" ? 42 : "a string");
  return `${kind} at ${path.join(".")}`;
}

function countEngagements() {
  return db().get<{ n: number }>(sql`select count(*) as n from engagements`)!.n;
}

describe("bundles generated from /api/schema", () => {
  it("import when the schema accepts them", async () => {
    const schema = await publishedSchema();
    const validate = ajv.compile(schema);
    let imported = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = random(seed);
      const bundle = keepTheRules(generate(schema, r) as Bundle, r);
      expect(validate(bundle), `seed ${seed}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      const res = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: bundle });
      expect(res.status, `seed ${seed}: ${JSON.stringify(res.data)}\n${JSON.stringify(bundle)}`).toBe(201);
      imported++;
    }
    expect(imported).toBe(40);
  });

  it("are refused, naming a path the schema has, when the schema does not accept them", async () => {
    const schema = await publishedSchema();
    const validate = ajv.compile(schema);
    const before = countEngagements();
    let refused = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = random(1000 + seed);
      const bundle = keepTheRules(generate(schema, r) as Bundle, r);
      const paths = leafPaths(bundle).filter((p) => p.length > 0);
      let broken: string | null = null;
      for (let attempt = 0; attempt < 20 && !broken; attempt++) {
        const path = r.pick(paths);
        const at = schemaAt(schema, path.join("."));
        if (at) broken = breakAt(bundle, path, at.anyOf && !at.type ? at.anyOf.find((b) => b.type !== "null") ?? at : at, r);
      }
      if (!broken || validate(bundle)) continue;
      const res = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: bundle });
      expect(res.status, `seed ${seed}: ${broken}`).toBe(400);
      expect(Object.keys(res.data.fields ?? {}), `seed ${seed}: ${broken} names no path`).not.toEqual([]);
      for (const errorPath of Object.keys(res.data.fields ?? {})) expect(schemaAt(schema, errorPath), `seed ${seed}: ${broken} → "${errorPath}"`).toBeDefined();
      refused++;
    }
    expect(refused).toBeGreaterThan(40);
    expect(countEngagements()).toBe(before);
  });
});

describe("the schema and the importer agree", () => {
  it("on the partner: kinds are one list, the country is an ISO code, the population may be unknown", async () => {
    const schema = await publishedSchema();
    const partner = schema.properties!.partner!;
    expect(partner.properties!.kind!.enum).toEqual([...PARTNER_KINDS]);
    expect(schemaAt(schema, "intake.context.partnerKind")!.enum).toEqual([...PARTNER_KINDS]);
    expect(partner.required).toEqual(["name", "kind", "sites"]);
    expect(schemaAt(schema, "partner.country")!.anyOf![0]!.enum).toEqual([...COUNTRY_CODES]);

    const bundle = {
      format: "partnership-planner/engagement",
      formatVersion: 1,
      title: "A network without a known population",
      partner: { name: "Northern Hospitals Network", kind: "association", sites: 40 },
      intake: { context: { partnerKind: "association", hasLearningSystem: false, hasImprovementTeam: false, previousWorkWithUs: false } },
    };
    const created = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: bundle });
    expect(created.status, JSON.stringify(created.data)).toBe(201);
    const back = await callLoader(apiOne.loader, {
      path: `/api/engagements/${created.data.id}`,
      params: { id: String(created.data.id) },
      as: "manager@demo.test",
    });
    expect(back.data.partner).toEqual({ name: "Northern Hospitals Network", kind: "association", country: null, sites: 40, population: null });
  });

  it("reads a country written in words in an older bundle as its code, and refuses one that is no country, naming the field", async () => {
    const bundle = (country: string, name: string) => ({
      format: "partnership-planner/engagement",
      formatVersion: 1,
      title: "Country test",
      partner: { name, kind: "hospital", country, sites: 1, population: 1000 },
      intake: {},
    });
    const uk = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: bundle("United Kingdom", "Words Hospital") });
    expect(uk.status).toBe(201);
    const back = await callLoader(apiOne.loader, { path: `/api/engagements/${uk.data.id}`, params: { id: String(uk.data.id) }, as: "manager@demo.test" });
    expect(back.data.partner.country).toBe("GB");
    const atlantis = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: bundle("Atlantis", "Lost Hospital") });
    expect(atlantis.status).toBe(400);
    expect(atlantis.data.fields).toEqual({
      "partner.country": "Country must be an ISO 3166-1 alpha-2 code, such as GB, US or AU, or null when it is not known.",
    });
  });
});

describe("evidence is keyed by stable priority ids", () => {
  const withEvidence = (priority: string) => ({
    format: "partnership-planner/engagement",
    formatVersion: 1,
    title: "Joy in work at night",
    partner: { name: "Evidence Hospital", kind: "hospital", country: "IE", sites: 1, population: 5000 },
    intake: {
      needs: { priorities: [{ topic: "other", custom: "Joy in work at night" }, { topic: "sepsis" }] },
      evidence: { priorityEvidence: [{ priority, changePackage: "no", degreeOfBelief: "low" }] },
    },
  });

  it("refuses an entry whose id differs from its priority's (a label, not the id), with its path, writing nothing", async () => {
    const before = countEngagements();
    const res = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: withEvidence("other:Joy in work at night") });
    expect(res.status).toBe(400);
    expect(res.data.fields).toEqual({
      "intake.evidence.priorityEvidence.0.priority": expect.stringMatching(
        /^No priority has the id "other:Joy in work at night": use the id of one of intake\.needs\.priorities \(other:joy in work at night, sepsis\)/
      ),
    });
    expect(countEngagements()).toBe(before);
  });

  it("links an entry that names the id, and the id is kept in the bundle", async () => {
    const created = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: withEvidence("other:joy in work at night") });
    expect(created.status, JSON.stringify(created.data)).toBe(201);
    const back = await callLoader(apiOne.loader, {
      path: `/api/engagements/${created.data.id}`,
      params: { id: String(created.data.id) },
      as: "manager@demo.test",
    });
    expect(back.data.intake.needs.priorities[0]).toEqual({ topic: "other", custom: "Joy in work at night", id: "other:joy in work at night" });
    expect(back.data.intake.evidence.priorityEvidence).toEqual([{ priority: "other:joy in work at night", changePackage: "no", degreeOfBelief: "low" }]);
    // Linked: the immature evidence counts (a collaborative is not what this partner's evidence suits).
    expect(back.data.readiness.criteria.find((c: { key: string }) => c.key === "change_package").reason).toMatch(
      /^Low belief or no change package for joy in work at night/
    );
  });

  it("keeps a written-in priority's id when its text is corrected, so its evidence stays linked", async () => {
    const bundle = withEvidence("p-joy");
    bundle.intake.needs.priorities[0] = { topic: "other", custom: "Joy in work (night shifts)", id: "other:joy in work" } as never;
    bundle.intake.evidence.priorityEvidence[0]!.priority = "other:joy in work";
    const created = await callAction(api.action, { path: "/api/engagements", as: "manager@demo.test", json: bundle });
    expect(created.status, JSON.stringify(created.data)).toBe(201);
  });
});
