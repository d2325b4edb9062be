import { z } from "zod";
import { METHODS, type Method } from "./methods";
import { dayOf, daysInMonthIndex, firstDayOfIndex, monthFromIndex, monthIndex, monthOf, type Month } from "./calendar";
import { timelineEnd, timelineStart, type Timeline, type TimelineItem } from "./timeline";
import type { MethodVariant } from "./method-variants";
import { nounAfter, plural } from "./plural";

/*
 * Staff demand: how much of each role an engagement needs, month by month, as a pure function of its
 * timeline and scale. The numbers live in docs-templates/demand-parameters.json; each rule there says
 * which timeline items (by role tag) create demand for which role, and on what basis (docs/domain.md §8.2).
 */

const ParameterSchema = z.object({
  value: z.number().nonnegative(),
  unit: z.string().min(1),
  basis: z.string().min(1),
  assumption: z.boolean(),
  source: z.string().optional(),
  /**
   * Its unit and basis said otherwise where the partner is one site (docs/domain.md §5.5): a tailored
   * initiative's pilot and scale-up then run on the organisation's wards and units, coached as its one site.
   */
  oneSite: z.strictObject({ unit: z.string().min(1).optional(), basis: z.string().min(1) }).optional(),
});
export type DemandParameter = z.infer<typeof ParameterSchema>;

/**
 * A planning assumption as the internal briefing lists it: "6 sites: The scalable unit is developed in a
 * few pilot sites.", the value, its unit and the first sentence of its basis, in the words its `oneSite`
 * gives a partner of one site.
 */
export function assumptionWords(parameter: DemandParameter, oneSite: boolean): string {
  const own = oneSite ? parameter.oneSite : undefined;
  return `${parameter.value} ${own?.unit ?? parameter.unit}: ${(own?.basis ?? parameter.basis).split(/(?<=\.)\s/)[0]}`;
}

export const DEMAND_BASES = ["fte_while_active", "fte_per_teams", "days_per_month_while_active", "days_per_event_day", "days_per_event"] as const;
export type DemandBasis = (typeof DEMAND_BASES)[number];

const paramKey = z.string().regex(/^[a-z][a-z0-9_.]*$/, "Parameter keys are lower-case words joined by _ or .");
/**
 * A factor on a rule: a parameter; a count of groups of teams (`teamsPer`, rounded up: one node per 50
 * sites); or a share of something the teams use with others (`shareOf`, not rounded: one team of the
 * 20 in a collaborative takes a twentieth of its learning sessions' faculty).
 *
 * A count of groups with `upTo` is of groups that only more teams than one holds call for, a
 * collaborative's waves (docs/domain.md §3.3): its reason says nothing of them when the teams make one
 * ("× 5 faculty = 12.5 days") and says them once when they make several ("× 3 waves of up to 160 teams
 * (420 teams)"). With `besidesFirst` too it counts the groups besides the first, whose part in the
 * rule's work is someone else's (the chair leads the first wave's sessions, one of each other wave's
 * faculty its own): none for one group.
 */
const GroupsOfTeams = z.object({
  teamsPer: paramKey,
  noun: z.string().min(1),
  upTo: z.literal(true).optional(),
  besidesFirst: z.literal(true).optional(),
});
const Multiplier = z.union([paramKey, GroupsOfTeams, z.object({ shareOf: paramKey, noun: z.string().min(1) })]);
type GroupsOfTeams = z.infer<typeof GroupsOfTeams>;

/** How many groups a count of groups of teams multiplies by: all of them, or those besides the first. */
export function groupsCounted(m: GroupsOfTeams, itemTeams: number, per: number): number {
  const groups = Math.ceil(itemTeams / per);
  return m.besidesFirst ? Math.max(0, groups - 1) : groups;
}

/**
 * A count of groups of teams in a rule's reason: " × 1 node (30 sites ÷ 50 sites per node)"; for
 * groups `upTo` so many, nothing for one and " × 3 waves of up to 160 teams (420 teams)" for several;
 * besides the first, " × 2 of the 3 waves of up to 160 teams (420 teams), all but the first".
 */
export function groupsWords(m: GroupsOfTeams, itemTeams: number, parameter: Pick<DemandParameter, "value" | "unit">, scaleNoun: string): string {
  const groups = Math.ceil(itemTeams / parameter.value);
  const teams = `${formatNumber(itemTeams)} ${nounAfter(itemTeams, scaleNoun)}`;
  const upTo = `${groups} ${nounAfter(groups, m.noun)} of up to ${formatNumber(parameter.value)} ${nounAfter(parameter.value, scaleNoun)}`;
  if (m.besidesFirst) {
    const counted = groupsCounted(m, itemTeams, parameter.value);
    return ` × ${counted} of the ${upTo} (${teams}), all but the first`;
  }
  if (m.upTo) return groups > 1 ? ` × ${upTo} (${teams})` : "";
  return ` × ${groups} ${nounAfter(groups, m.noun)} (${teams} ÷ ${formatNumber(parameter.value)} ${parameter.unit})`;
}

const RuleSchema = z
  .object({
    role: z.string().regex(/^[a-z][a-z0-9_]*$/, "Role keys are lower-case words joined by _."),
    basis: z.enum(DEMAND_BASES, { error: `Basis must be one of ${DEMAND_BASES.join(", ")}.` }),
    /** FTE, days, or (for fte_per_teams) teams per FTE. */
    amount: paramKey,
    during: z.union([z.literal("whole_timeline"), z.array(z.string().min(1)).min(1)]),
    times: z.array(Multiplier).default([]),
    /** fte_per_teams only: count no more teams than this. */
    maxTeams: paramKey.optional(),
    note: z.string().optional(),
  })
  .superRefine((rule, ctx) => {
    const onEvents = rule.basis === "days_per_event_day" || rule.basis === "days_per_event";
    if (onEvents && rule.during === "whole_timeline") {
      ctx.addIssue({ code: "custom", path: ["during"], message: "Days per event need the tags of the events." });
    }
    if (rule.maxTeams && rule.basis !== "fte_per_teams") {
      ctx.addIssue({ code: "custom", path: ["maxTeams"], message: "maxTeams applies to the fte_per_teams basis only." });
    }
  });
export type DemandRule = z.infer<typeof RuleSchema>;

const MethodRulesSchema = z.object({
  /** What the scale counts, in the plural: "teams", "sites". */
  scaleNoun: z.string().min(1),
  rules: z.array(RuleSchema),
});

export const DemandParametersSchema = z
  .object({
    version: z.number().int().positive(),
    workingDaysPerMonth: paramKey,
    parameters: z.record(paramKey, ParameterSchema),
    methods: z.object({ collaborative: MethodRulesSchema, campaign: MethodRulesSchema, tailored: MethodRulesSchema }),
    /** A form of a method with its own rules (docs/domain.md §2.5, §8.2); a variant without them follows its method's. */
    variants: z.object({ join_open_collaborative: MethodRulesSchema.optional(), short_tailored: MethodRulesSchema.optional() }).default({}),
    /**
     * Where the partner has regional partners (nodes, regional leads) able to support sites, the rules
     * whose amount is a key of `replace` count the amount it names instead (their local support is the
     * nodes', ours is supporting the nodes); where it has them in some parts of the area, each such rule
     * counts both, each for the share `partlyShare` of the sites (docs/domain.md §8.2).
     */
    nodePartners: z.object({ replace: z.record(paramKey, paramKey), partlyShare: paramKey }).optional(),
    /**
     * Where the partner is one site (docs/domain.md §5.5), the method's rules are one organisation's: the
     * factor `byPriorityAreas` names counts the partner's priority areas (at least one, at most its own
     * value), and each rule whose amount is a key of `shares` is multiplied by the share it names.
     */
    oneSite: z
      .object({
        method: z.enum(METHODS),
        byPriorityAreas: paramKey,
        shares: z.record(paramKey, paramKey),
      })
      .optional(),
  })
  .superRefine((p, ctx) => {
    const known = (key: string) => Object.prototype.hasOwnProperty.call(p.parameters, key);
    if (!known(p.workingDaysPerMonth)) {
      ctx.addIssue({ code: "custom", path: ["workingDaysPerMonth"], message: `Unknown parameter "${p.workingDaysPerMonth}".` });
    } else if (p.parameters[p.workingDaysPerMonth].value <= 0) {
      ctx.addIssue({ code: "custom", path: ["parameters", p.workingDaysPerMonth, "value"], message: "Working days per month must be more than 0." });
    }
    const ruleSets: [string[], z.infer<typeof MethodRulesSchema>][] = [
      ...METHODS.map((m): [string[], z.infer<typeof MethodRulesSchema>] => [["methods", m], p.methods[m]]),
      ...Object.entries(p.variants).flatMap(([v, config]): [string[], z.infer<typeof MethodRulesSchema>][] => (config ? [[["variants", v], config]] : [])),
    ];
    if (p.nodePartners) {
      for (const [from, to] of Object.entries(p.nodePartners.replace))
        for (const key of [from, to])
          if (!known(key)) ctx.addIssue({ code: "custom", path: ["nodePartners", "replace", from], message: `Unknown parameter "${key}".` });
      if (!known(p.nodePartners.partlyShare))
        ctx.addIssue({ code: "custom", path: ["nodePartners", "partlyShare"], message: `Unknown parameter "${p.nodePartners.partlyShare}".` });
    }
    if (p.oneSite) {
      const { byPriorityAreas, shares } = p.oneSite;
      if (!known(byPriorityAreas)) ctx.addIssue({ code: "custom", path: ["oneSite", "byPriorityAreas"], message: `Unknown parameter "${byPriorityAreas}".` });
      else if (p.parameters[byPriorityAreas].value < 1)
        ctx.addIssue({ code: "custom", path: ["parameters", byPriorityAreas, "value"], message: "A count of workstreams must be at least 1." });
      for (const [from, to] of Object.entries(shares))
        for (const key of [from, to])
          if (!known(key)) ctx.addIssue({ code: "custom", path: ["oneSite", "shares", from], message: `Unknown parameter "${key}".` });
    }
    for (const [at, config] of ruleSets) {
      config.rules.forEach((rule, i) => {
        const path = [...at, "rules", i];
        if (!known(rule.amount)) ctx.addIssue({ code: "custom", path: [...path, "amount"], message: `Unknown parameter "${rule.amount}".` });
        else if (rule.basis === "fte_per_teams" && p.parameters[rule.amount].value <= 0) {
          ctx.addIssue({ code: "custom", path: ["parameters", rule.amount, "value"], message: "Teams per FTE must be more than 0." });
        }
        if (rule.maxTeams && !known(rule.maxTeams))
          ctx.addIssue({ code: "custom", path: [...path, "maxTeams"], message: `Unknown parameter "${rule.maxTeams}".` });
        rule.times.forEach((m, j) => {
          const key = typeof m === "string" ? m : "teamsPer" in m ? m.teamsPer : m.shareOf;
          if (!known(key)) ctx.addIssue({ code: "custom", path: [...path, "times", j], message: `Unknown parameter "${key}".` });
          else if (typeof m !== "string" && p.parameters[key].value <= 0) {
            ctx.addIssue({ code: "custom", path: ["parameters", key, "value"], message: "A divisor must be more than 0." });
          }
        });
      });
    }
  });
export type DemandParameters = z.infer<typeof DemandParametersSchema>;

export type DemandEntry = {
  role: string;
  month: Month;
  fte: number;
  /** FTE × working days per month. */
  days: number;
  /** One line per contribution, e.g. "Learning Session 2 (2 days) × 1.25 days … × 5 faculty = 12.5 days". */
  reasons: string[];
};

/**
 * What makes a partner one organisation for the demand rules (docs/domain.md §5.5): it is one site (the
 * intake's sites, else its record's, as for the proposal's words), and it names so many priority areas
 * in its intake.
 */
export type OneOrganisation = { priorityAreas: number };

/** The partner as one organisation, or null where it is more than one site or does not say. */
export function oneOrganisationOf(
  intake: { context: { sites?: number | null }; needs: { priorities?: readonly unknown[] } },
  partnerSites?: number | null
): OneOrganisation | null {
  return (intake.context.sites ?? partnerSites) === 1 ? { priorityAreas: intake.needs.priorities?.length ?? 0 } : null;
}

/** Shaped rules, kept per file and partner: the fit searches keep their demands per parameters object. */
const shapedParameters = new WeakMap<DemandParameters, Map<string, DemandParameters>>();

/**
 * The demand rules for a partner, as its answer on regional partners shapes them (docs/domain.md §8.2):
 * with nodes across the whole area, a campaign's node support is our help to each node, not the sites'
 * support, and a collaborative's coaching goes through the partner's regional leads; with nodes in some
 * parts of it, each share of the sites is counted its own way. A method's own rules only: a site joining
 * an open collaborative, or a short engagement for a few sites, has no nodes to speak of.
 *
 * And, for a partner of one site, a tailored initiative's rules are one organisation's (§5.5): a
 * workstream for each of its priority areas, and a share of the direction, project management,
 * measurement and capability building a system's plan counts. A partner of several sites keeps the
 * method's rules as they are.
 */
export function demandParametersFor(
  params: DemandParameters,
  capacity: { nodePartners?: "yes" | "partly" | "no" },
  organisation: OneOrganisation | null = null
): DemandParameters {
  const nodes = params.nodePartners;
  const answer = nodes && (capacity.nodePartners === "yes" || capacity.nodePartners === "partly") ? capacity.nodePartners : null;
  const one = params.oneSite && organisation ? organisation : null;
  if (!answer && !one) return params;
  const key = `${answer ?? ""}|${one ? one.priorityAreas : ""}`;
  let kept = shapedParameters.get(params);
  if (!kept) shapedParameters.set(params, (kept = new Map()));
  let shaped = kept.get(key);
  if (!shaped) kept.set(key, (shaped = forOneOrganisation(withNodePartners(params, answer), one)));
  return shaped;
}

function withNodePartners(params: DemandParameters, answer: "yes" | "partly" | null): DemandParameters {
  const nodes = params.nodePartners;
  if (!nodes || !answer) return params;
  const shaped = (config: z.infer<typeof MethodRulesSchema>): z.infer<typeof MethodRulesSchema> => ({
    ...config,
    rules: config.rules.flatMap((rule) => {
      const to = nodes.replace[rule.amount];
      if (!to) return [rule];
      if (answer === "yes") return [{ ...rule, amount: to }];
      const times = [...rule.times, nodes.partlyShare];
      return [
        { ...rule, times },
        { ...rule, amount: to, times },
      ];
    }),
  });
  const methods = Object.fromEntries(Object.entries(params.methods).map(([method, config]) => [method, shaped(config)])) as DemandParameters["methods"];
  return { ...params, methods };
}

/**
 * A method's rules for one organisation (docs/domain.md §5.5): the count `byPriorityAreas` names is the
 * partner's priority areas, at least one and at most the file's count, said so wherever it is used
 * ("2 workstreams (5 → 2: one for each of the partner's 2 priority areas)"); each rule whose amount
 * `shares` names is that share of a system's ("0.5 FTE × 0.25 of a system's share, for one organisation").
 */
function forOneOrganisation(params: DemandParameters, one: OneOrganisation | null): DemandParameters {
  const rule = params.oneSite;
  if (!rule || !one) return params;
  const { oneSite: ownWords, ...counted } = params.parameters[rule.byPriorityAreas];
  const most = counted.value;
  const areas = one.priorityAreas;
  const n = Math.min(most, Math.max(1, areas));
  const why =
    areas < 1
      ? "at least 1, where the intake names no priority area"
      : areas > most
      ? `at most ${formatNumber(most)}, for the partner's ${plural(areas, "priority area")}`
      : areas === 1
      ? "one for the partner's priority area"
      : `one for each of the partner's ${plural(areas, "priority area")}`;
  const words = `${nounAfter(n, counted.unit)} (${n === most ? "" : `${formatNumber(most)} → ${n}: `}${why})`;
  const parameters = {
    ...params.parameters,
    [rule.byPriorityAreas]: { ...counted, value: n, unit: words, basis: ownWords?.basis ?? counted.basis, assumption: true },
  };
  const config = params.methods[rule.method];
  const rules = config.rules.map((r) => {
    const share = rule.shares[r.amount];
    return share ? { ...r, times: [...r.times, share] } : r;
  });
  return { ...params, parameters, methods: { ...params.methods, [rule.method]: { ...config, rules } } };
}

/**
 * How a plan's rules are one organisation's (docs/domain.md §5.5), in its planning assumptions' words:
 * its count of workstreams, then each share of a system's ("0.25 of a system's share, for one
 * organisation: A director for one organisation's initiative takes a quarter of a system's half…"). None
 * for a plan on a system's rules, a form of the method with rules of its own, or another method.
 */
export function oneOrganisationSizing(params: DemandParameters, method: Method, variant?: MethodVariant | null): string[] {
  const rule = params.oneSite;
  if (!rule || rule.method !== method || (variant && params.variants[variant])) return [];
  const shares = [...new Set(Object.values(rule.shares))];
  const shaped = params.methods[method].rules.some((r) => r.times.some((m) => typeof m === "string" && shares.includes(m)));
  return shaped ? [rule.byPriorityAreas, ...shares].map((key) => assumptionWords(params.parameters[key], false)) : [];
}

/** The rules a plan follows: its variant's own when it has them (joining an open collaborative), else its method's. */
export function rulesFor(params: DemandParameters, method: Method, variant?: MethodVariant | null): z.infer<typeof MethodRulesSchema> {
  return (variant ? params.variants[variant] : undefined) ?? params.methods[method];
}

export function workingDaysPerMonth(params: DemandParameters): number {
  return params.parameters[params.workingDaysPerMonth].value;
}

/**
 * A plan's FTE-months as every figure states them: each role's to one decimal, then added, so that a
 * proposal's staffing table adds up to its total and an option's card states the same total
 * (docs/domain.md §8.2).
 */
export function totalFteMonths(demand: readonly Pick<DemandEntry, "role" | "fte">[]): number {
  const byRole = new Map<string, number>();
  for (const d of demand) if (d.fte > 0) byRole.set(d.role, (byRole.get(d.role) ?? 0) + d.fte);
  let total = 0;
  for (const fte of byRole.values()) total += Math.round(fte * 10) / 10;
  return Math.round(total * 10) / 10;
}

/** Numbers as people write them: at most two decimals, no trailing zeros. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * Role × month demand in FTE for a timeline at a scale. Phases and recurring activities create demand
 * in proportion to the calendar days they cover in each month; events put their days in the month they
 * start, so moving a learning session moves its faculty days with it.
 *
 * The fit searches call this for every start month they try, so it counts on numbers: each item's days
 * and months are read once, and a role's demand is an array over the timeline's months, summed in the
 * same order as the contributions come (the same figures, to the last bit, as adding them cell by cell:
 * tests/reference/demand.ts).
 */
export function computeDemand(
  timeline: Timeline,
  scale: { method: Method; teams: number; variant?: MethodVariant | null },
  params: DemandParameters,
  /** Without the reasons (each entry's `reasons` empty): the same figures for the fit searches, which never show them. */
  options: { reasons?: boolean } = {}
): DemandEntry[] {
  const withReasons = options.reasons ?? true;
  const config = rulesFor(params, scale.method, scale.variant);
  const value = (key: string) => params.parameters[key].value;
  const unit = (key: string) => params.parameters[key].unit;
  const perMonthDays = workingDaysPerMonth(params);
  const teams = Math.max(0, scale.teams);

  const { wholeTimeline, spans, firstMonth, months, during } = readTimeline(timeline);

  const cells = new Map<string, RoleCells>();
  // Adds to a role's month; the row when something was added (more than nothing), for its reason.
  const add = (role: string, month: number, fte: number): RoleCells | undefined => {
    if (!(fte > 0)) return undefined;
    let row = cells.get(role);
    if (!row) cells.set(role, (row = { fte: new Float64Array(months), has: new Uint8Array(months), reasons: [] }));
    const at = month - firstMonth;
    row.fte[at] += fte;
    row.has[at] = 1;
    return row;
  };
  // The reasons are written only when asked for: the searches add thousands of contributions a request.
  const because = (row: RoleCells | undefined, month: number, reason: string) => {
    if (row) (row.reasons[month - firstMonth] ??= []).push(reason);
  };

  for (const rule of config.rules) {
    const items = rule.during === "whole_timeline" ? [wholeTimeline] : during(rule.during);
    // The days this rule has counted for all the plan's sites: an item of it running beside another is
    // the same work for the same sites (a campaign's node activation beside its implementation), so a
    // day is counted once, for the item that came first; a wave's item is for its own sites.
    const counted: CountedDays[] = [];
    for (const item of items) {
      const span = spans.get(item)!;
      const itemTeams = teams * (item.teamShare ?? 1);
      const factor = factorOf(rule, itemTeams, params);
      let timesText = "";
      if (withReasons)
        for (const m of rule.times) {
          if (typeof m === "string") timesText += ` × ${formatNumber(value(m))} ${unit(m)}`;
          else if ("shareOf" in m) timesText += ` × ${formatNumber(itemTeams)}/${formatNumber(value(m.shareOf))} (${m.noun})`;
          // "× 1 node", "× 19 waves of up to 160 teams": the noun is written in the plural.
          else timesText += groupsWords(m, itemTeams, params.parameters[m.teamsPer], config.scaleNoun);
        }
      const amount = value(rule.amount);
      const amountText = withReasons ? `${formatNumber(amount)} ${unit(rule.amount)}` : "";

      if (rule.basis === "days_per_event_day" || rule.basis === "days_per_event") {
        const eventDays = item.kind === "milestone" ? 0 : span.to - span.from + 1;
        const days = rule.basis === "days_per_event" ? amount * factor : amount * eventDays * factor;
        const row = add(rule.role, span.fromMonth, days / perMonthDays);
        if (withReasons) {
          const what =
            rule.basis === "days_per_event"
              ? `${item.label}: ${amountText}`
              : `${item.label} (${eventDays} ${eventDays === 1 ? "day" : "days"}) × ${amountText}`;
          because(row, span.fromMonth, `${what}${timesText} = ${formatNumber(days)} ${formatNumber(days) === "1" ? "day" : "days"}`);
        }
        continue;
      }

      const monthly = monthlyFte(rule, itemTeams, factor, params);
      let base = `${amountText}${timesText}`;
      if (withReasons && rule.basis === "fte_per_teams") {
        const counted = countedTeams(rule, itemTeams, params);
        base = `${formatNumber(counted)} ${nounAfter(counted, config.scaleNoun)} ÷ ${amountText}${timesText}`;
      }
      const allSites = (item.teamShare ?? 1) === 1;
      let first = firstDayOfIndex(span.fromMonth);
      for (let month = span.fromMonth; month <= span.toMonth; month++) {
        const length = daysInMonthIndex(month);
        // The calendar days of the month the item covers, less those the rule has counted already.
        const from = Math.max(span.from, first);
        const to = Math.min(span.to, first + length - 1);
        const already = allSites ? countedWithin(counted, from, to) : NOTHING_COUNTED;
        const covered = Math.max(0, to - from + 1) - already.days;
        const share = covered / length;
        const row = add(rule.role, month, monthly * share);
        if (withReasons && covered > 0) because(row, month, `${item.label}: ${base}${daysWords(covered, length, already)}`);
        first += length;
      }
      if (allSites) counted.push({ from: span.from, to: span.to, label: item.label });
    }
  }

  const out: DemandEntry[] = [];
  const monthNames: Month[] = [];
  for (const role of [...cells.keys()].sort()) {
    const row = cells.get(role)!;
    for (let at = 0; at < months; at++) {
      if (!row.has[at]) continue;
      const fte = row.fte[at];
      const month = (monthNames[at] ??= monthFromIndex(firstMonth + at));
      out.push({ role, month, fte: round(fte), days: round(fte * perMonthDays), reasons: row.reasons[at] ?? NO_REASONS });
    }
  }
  return out;
}

/** Days a rule has counted for an item: its first and last day numbers, and the item's name. */
type CountedDays = { from: number; to: number; label: string };

const NOTHING_COUNTED = Object.freeze({ days: 0, labels: Object.freeze([]) as readonly string[] });

/**
 * Of the days `from` to `to`, how many the rule has counted already for an earlier item (each day once,
 * however many items covered it), and those items' names in their order.
 */
function countedWithin(counted: readonly CountedDays[], from: number, to: number): { days: number; labels: readonly string[] } {
  if (counted.length === 0 || to < from) return NOTHING_COUNTED;
  let days = 0;
  const labels: string[] = [];
  for (let day = from; day <= to; day++) {
    const by = counted.find((c) => c.from <= day && day <= c.to);
    if (!by) continue;
    days++;
    if (!labels.includes(by.label)) labels.push(by.label);
  }
  return days ? { days, labels } : NOTHING_COUNTED;
}

/** "" for a whole month; " (12 of 31 days)"; " (12 of 31 days, besides 19 counted for Node network and mentor sites)". */
export function daysWords(covered: number, length: number, already: { days: number; labels: readonly string[] }): string {
  if (covered >= length) return "";
  const besides = already.days > 0 ? `, besides ${already.days} counted for ${already.labels.join(" and ")}` : "";
  return ` (${covered} of ${length} days${besides})`;
}

/** A rule's factors multiplied, in their order: parameters, counts of groups of teams (rounded up) and shares. */
function factorOf(rule: DemandRule, itemTeams: number, params: DemandParameters): number {
  const value = (key: string) => params.parameters[key].value;
  let factor = 1;
  for (const m of rule.times) {
    if (typeof m === "string") factor *= value(m);
    else if ("shareOf" in m) factor *= itemTeams / value(m.shareOf);
    else factor *= groupsCounted(m, itemTeams, value(m.teamsPer));
  }
  return factor;
}

/** The teams an fte_per_teams rule counts: no more than its maxTeams. */
function countedTeams(rule: DemandRule, itemTeams: number, params: DemandParameters): number {
  return rule.maxTeams ? Math.min(itemTeams, params.parameters[rule.maxTeams].value) : itemTeams;
}

/** The FTE a rule on a month-by-month basis needs in a month its item covers whole. */
function monthlyFte(rule: DemandRule, itemTeams: number, factor: number, params: DemandParameters): number {
  const amount = params.parameters[rule.amount].value;
  if (rule.basis === "fte_per_teams") return (countedTeams(rule, itemTeams, params) / amount) * factor;
  if (rule.basis === "fte_while_active") return amount * factor;
  return (amount * factor) / workingDaysPerMonth(params);
}

export type RoleNeed = { role: string; fte: number };

/**
 * The least FTE a plan's first month needs of each role a whole-timeline rule names, known without
 * laying the plan out, for a timeline whose whole span begins in that month (a template's always
 * does: timeline-generate.ts `beginsOnItsStart`). The rule covers at least one of the month's days,
 * of at most 31, and every other contribution only adds to the role's month, so one day in 31 of the
 * rule's monthly FTE, rounded as the demand is, is a floor the month's figure never falls below
 * (`computeDemand` works the share out in the same order). The fit searches use it to pass over a
 * start whose first month cannot take even that (docs/domain.md §8.3).
 */
export function firstMonthFloor(scale: { method: Method; teams: number; variant?: MethodVariant | null }, params: DemandParameters): RoleNeed[] {
  const teams = Math.max(0, scale.teams);
  const floor = new Map<string, number>();
  for (const rule of rulesFor(params, scale.method, scale.variant).rules) {
    if (rule.during !== "whole_timeline" || rule.basis === "days_per_event" || rule.basis === "days_per_event_day") continue;
    const fte = round(monthlyFte(rule, teams, factorOf(rule, teams, params), params) * (1 / 31));
    if (fte > (floor.get(rule.role) ?? 0)) floor.set(rule.role, fte);
  }
  return [...floor].map(([role, fte]) => ({ role, fte }));
}

/** What demand reads of a timeline's items: the whole timeline as one phase, each item's span, the items under some role tags. */
type ReadTimeline = {
  wholeTimeline: TimelineItem;
  spans: Map<TimelineItem, Span>;
  firstMonth: number;
  months: number;
  during(tags: string[]): TimelineItem[];
};

/*
 * A timeline the fit searches read is a kept layout shared by many of them, its items frozen
 * (generateTimelineToRead): what demand reads of it is worked out once per layout. Any other timeline
 * may be changed between two calls, so it is read afresh each time.
 */
const readOfFrozen = new WeakMap<readonly TimelineItem[], ReadTimeline>();

function readTimeline(timeline: Timeline): ReadTimeline {
  const frozen = Object.isFrozen(timeline.items);
  let read = frozen ? readOfFrozen.get(timeline.items) : undefined;
  if (!read) {
    read = readItems(timeline);
    if (frozen) readOfFrozen.set(timeline.items, read);
  }
  return read;
}

function readItems(timeline: Timeline): ReadTimeline {
  const wholeTimeline: TimelineItem = {
    id: "whole_timeline",
    label: "Whole timeline",
    kind: "phase",
    stream: "",
    start: timelineStart(timeline),
    end: timelineEnd(timeline),
    dependencies: [],
    roleTags: [],
  };
  // Each item's first and last days and months, read once.
  const spans = new Map<TimelineItem, Span>();
  let firstMonth = Infinity;
  let lastMonth = -Infinity;
  for (const item of [wholeTimeline, ...timeline.items]) {
    const span = spanOf(item);
    spans.set(item, span);
    firstMonth = Math.min(firstMonth, span.fromMonth, span.toMonth);
    lastMonth = Math.max(lastMonth, span.fromMonth, span.toMonth);
  }
  const months = Number.isFinite(firstMonth) ? lastMonth - firstMonth + 1 : 0;
  // The items a rule's role tags select, in the timeline's order, for each list of tags (a rule's own).
  const byTags = new Map<string[], TimelineItem[]>();
  const during = (tags: string[]) => {
    let items = byTags.get(tags);
    if (!items) byTags.set(tags, (items = timeline.items.filter((i) => i.roleTags.some((t) => tags.includes(t)))));
    return items;
  };
  return { wholeTimeline, spans, firstMonth, months, during };
}

/** The reasons of an entry without any (every entry of a search's demand): one shared, frozen, empty list. */
const NO_REASONS = Object.freeze([]) as unknown as string[];

/** An item's first and last days (`dayOf`) and the months (`monthIndex`) they fall in. */
type Span = { from: number; to: number; fromMonth: number; toMonth: number };

function spanOf(item: TimelineItem): Span {
  return { from: dayOf(item.start), to: dayOf(item.end), fromMonth: monthIndex(monthOf(item.start)), toMonth: monthIndex(monthOf(item.end)) };
}

/** One role's demand over the timeline's months: FTE summed, whether any was added, and the reasons. */
type RoleCells = { fte: Float64Array; has: Uint8Array; reasons: string[][] };

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Total days per role over the whole timeline. */
export function demandDaysByRole(demand: DemandEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of demand) out[d.role] = round((out[d.role] ?? 0) + d.days);
  return out;
}

/** The parameters marked as assumptions, for the "assumptions" section of a proposal or the Fit page. */
export function demandAssumptions(params: DemandParameters): { key: string; parameter: DemandParameter }[] {
  return Object.entries(params.parameters)
    .filter(([, p]) => p.assumption)
    .map(([key, parameter]) => ({ key, parameter }));
}

/**
 * The assumptions one plan rests on: the ones shared by every method (working days a month) and the
 * method's own. A form of a method with demand rules of its own (a site joining an open collaborative)
 * rests only on the parameters those rules use: its share of the collaborative's sessions and calls,
 * its liaison, its results review, not the planning, enrolment and direction of a whole collaborative.
 */
export function planAssumptions(
  params: DemandParameters,
  method: Method,
  variant?: MethodVariant | null,
  /**
   * The role tags the plan's items carry: a rule for work the plan does not hold (a learning session a
   * manager could add to a tailored initiative's plan, §8.10) adds no assumption until the plan holds it.
   */
  tags?: ReadonlySet<string>,
  /**
   * The teams or sites the plan is for: a rule for the waves besides the first asks nothing of a
   * collaborative one wave holds, and rests on nothing there (docs/domain.md §3.3).
   */
  teams?: number
): { key: string; parameter: DemandParameter }[] {
  const own = variant ? params.variants[variant] : undefined;
  const held = (rule: DemandRule) => !tags || rule.during === "whole_timeline" || rule.during.some((t) => tags.has(t));
  const asksNothing = (rule: DemandRule) =>
    teams !== undefined &&
    rule.times.some((m) => typeof m !== "string" && "teamsPer" in m && groupsCounted(m, Math.max(0, teams), params.parameters[m.teamsPer].value) === 0);
  const used = new Set<string>();
  const unused = new Set<string>();
  for (const rule of (own ?? params.methods[method]).rules.filter(held)) {
    const keys = [rule.amount, ...rule.times.map((m) => (typeof m === "string" ? m : "teamsPer" in m ? m.teamsPer : m.shareOf))];
    for (const key of keys) (asksNothing(rule) ? unused : used).add(key);
  }
  const said = (key: string) => used.has(key) || !unused.has(key);
  // One organisation's shares (docs/domain.md §5.5) are a plan's assumptions only where its rules count them.
  const oneSiteOnly = new Set(Object.values(params.oneSite?.shares ?? {}));
  if (!own)
    return demandAssumptions(params).filter(
      ({ key }) =>
        said(key) && ((key.startsWith(`${method}.`) && (!oneSiteOnly.has(key) || used.has(key))) || !key.includes(".") || (tags !== undefined && used.has(key)))
    );
  return demandAssumptions(params).filter(({ key }) => used.has(key) || !key.includes("."));
}
