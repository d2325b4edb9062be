import type { Proposer } from "./organisation-profile";
import type { DemandEntry } from "./demand";
import type { DriverDiagram } from "./driver-diagram";
import type { Intake } from "./intake";
import type { MethodRecommendation } from "./method-recommendation";
import type { Method } from "./methods";
import type { MethodVariant } from "./method-variants";
import type { Readiness } from "./readiness";
import type { CostEstimate, FitAssessment } from "./resource-fit";
import type { FitVerdict } from "./capacity";
import type { Timeline } from "./timeline";
import type { TimeCheck } from "./timeline-constraints";
import type { SnapshotPrice } from "./pricing";
import type { ExchangeRate } from "./exchange-rate";
import type { SnapshotOption } from "./proposal-options";
import type { SectionEdit } from "./section-edits";
import { formatCount, formatFigure } from "./plural";

/**
 * Everything a proposal version says, frozen: the engagement's steps as they stood when the
 * version was created. The proposal document is a pure function of this and the approval state.
 */
export type EngagementSnapshot = {
  schema: 1;
  /** YYYY-MM-DD: the version's date, printed on the document. */
  date: string;
  engagement: { title: string };
  /** Our organisation as it stood when the version was made (docs/domain.md §9.8); absent in versions made before the profile. */
  proposer?: Proposer;
  /** Country: an ISO 3166 code (free text in versions made before countries were codes), null when not chosen. */
  partner: { name: string; kind: string; country: string | null; sites: number; population: number | null };
  intake: Intake;
  readiness: Readiness;
  method: {
    chosen: Method | null;
    recommended: Method;
    overrideReason: string | null;
    ranked: {
      method: Method;
      score: number;
      for: string[];
      against: string[];
      caveats: string[];
      /** Internal: our capacity for the method beside its score (absent in versions made before it was recorded). */
      feasibility?: { verdict: FitVerdict; earliestStart: string | null; summary: string } | null;
    }[];
    composition: string[];
    /** Internal: what our capacity means for the recommended method, when it does not simply fit. */
    feasibilityNote?: string | null;
    /**
     * For a small request, the form of the chosen method offered instead of the full one (docs/domain.md
     * §2.5); absent for the full method and in versions made before it was recorded.
     */
    variant?: MethodVariant;
    /**
     * Whether that form was taken as recommended (method-variants.ts `takesRecommendation`): a small
     * request's offer is, the short engagement in place of a programme is not; absent for the full
     * method and in versions made before it was recorded, judged then by the method alone.
     */
    asRecommended?: boolean;
    /** The open collaborative the partner's teams join, as listed when the version was made; null when it is no longer listed. */
    joining?: JoinedCollaborative | null;
  };
  driverDiagram: DriverDiagram | null;
  timeline: Timeline | null;
  /**
   * When the fewer-sites lever (docs/domain.md §8.8) takes the plan to a first wave: its sites, of all
   * the plan was made for. Absent for a plan of all its sites, with options (each states its own
   * levers), and in versions made before it was recorded.
   */
  firstWave?: { sites: number; of: number };
  /**
   * The other levers (docs/domain.md §8.8) the plan the version states and is priced on takes, each
   * said where the proposal describes what it changes: its events held online, its faculty's days at
   * this per cent of the plan's, its phasing longer by these months. Absent when none is applied, with
   * options (each states its own levers), and in versions made before it was recorded.
   */
  levers?: { eventsOnline?: true; facultyDaysPercent?: number; longerPhasingMonths?: number };
  /** Internal: how the timeline keeps the partner's time, with the choices when it cannot (absent in versions made before it was recorded). */
  timeCheck?: TimeCheck | null;
  /** What the engagement asks of our staff, by role. */
  staffing: StaffingLine[];
  /** Role × month FTE: the bookings a shared or approved version stands for. */
  demand: { role: string; month: string; fte: number }[];
  fit: { verdict: FitAssessment["verdict"]; summary: string; shortfalls: string[]; tightSpots: string[]; earliestStart: string | null } | null;
  /** Internal: the fee build-up. Proposals show only the total. */
  cost: { total: number; currency: string; verdict: CostEstimate["verdict"]; description: string } | null;
  /** The fee and its payment schedule (absent in versions made before pricing rules): docs/domain.md §8.7. */
  price?: SnapshotPrice | null;
  /**
   * The exchange rate the manager recorded for setting the fee against a budget in the partner's own
   * currency (docs/domain.md §8.7), frozen so that the version keeps the comparison it was made with
   * whatever rate is recorded later. Absent when none was recorded for the fee's and the budget's
   * currencies, and in versions made before rates were recorded: their budget in another currency is
   * not compared.
   */
  exchangeRate?: ExchangeRate | null;
  /**
   * The options the version offers, each with its scope, timeline span, demand and fee (docs/domain.md §9.13);
   * absent when it offers one scope. With options, `timeline`, `staffing`, `demand`, `fit`, `cost` and
   * `price` are the largest option's: what leadership's gate judges and tentative bookings hold.
   */
  options?: SnapshotOption[];
  /** The manager's own words for sections' prose (absent in versions made before sections could be edited): docs/domain.md §9.6. */
  sectionEdits?: SectionEdit[];
  /** Parameters marked as assumptions (IA-to-team ratio, faculty days per learning session…). */
  assumptions: string[];
};

/** An open collaborative a partner joins, as a proposal names it: its title and who runs it. */
export type JoinedCollaborative = { title: string; host: string };

export type StaffingLine = {
  role: string;
  label: string;
  days: number;
  fteMonths: number;
  peakFte: number;
  from: string;
  to: string;
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Staffing by role from month-by-month demand, in the roles' order. */
export function staffingFromDemand(demand: DemandEntry[], roles: { key: string; label: string }[]): StaffingLine[] {
  const byRole = new Map<string, DemandEntry[]>();
  for (const d of demand) if (d.fte > 0) byRole.set(d.role, [...(byRole.get(d.role) ?? []), d]);
  const order = (key: string) => {
    const i = roles.findIndex((r) => r.key === key);
    return i < 0 ? roles.length : i;
  };
  return [...byRole.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([role, entries]) => {
      const months = entries.map((e) => e.month).sort();
      return {
        role,
        label: roles.find((r) => r.key === role)?.label ?? role,
        days: round1(entries.reduce((s, e) => s + e.days, 0)),
        fteMonths: round1(entries.reduce((s, e) => s + e.fte, 0)),
        peakFte: round2(Math.max(...entries.map((e) => e.fte))),
        from: months[0]!,
        to: months[months.length - 1]!,
      };
    });
}

/**
 * Our staff's time over every role, as a version states it: the FTE-months to one decimal and the
 * faculty days whole. The proposal, the approval pages and the acceptance's restated figures all read it.
 */
export function staffTotals(staffing: readonly Pick<StaffingLine, "role" | "days" | "fteMonths">[]): { fteMonths: number; facultyDays: number } {
  return {
    fteMonths: round1(staffing.reduce((sum, l) => sum + l.fteMonths, 0)),
    facultyDays: Math.round(staffing.find((l) => l.role === "faculty")?.days ?? 0),
  };
}

/**
 * A staffing line's figures as a table writes them: whole days, FTE-months to one decimal, peak FTE to
 * two, thousands set apart ("2,227"). A role the engagement needs a little of (a share of a collaborative's chair at its sessions)
 * reads as the little it is ("0.4" days, "<0.1" FTE-months), never as a row of zeros beside the others.
 */
export function staffingFigures(l: Pick<StaffingLine, "days" | "fteMonths" | "peakFte">): { days: string; fteMonths: string; peakFte: string } {
  const days = l.days >= 0.95 ? formatCount(Math.round(l.days)) : l.days >= 0.05 ? l.days.toFixed(1) : "<0.1";
  return { days, fteMonths: l.fteMonths > 0 ? formatFigure(l.fteMonths) : "<0.1", peakFte: l.peakFte > 0 ? formatFigure(l.peakFte) : "<0.01" };
}

const byTime = (r: MethodRecommendation["ranked"][number], c: MethodRecommendation["ranked"][number]["contributions"][number]) =>
  r.fitsTime === false && c.criterion === "duration";

/**
 * Reasons read one after another, as the proposal lists them: a sentence two of them share (the hard
 * deadline, which the duration and the urgency both weigh) is said by the first and left out of the next.
 */
function saidOnce(contributions: MethodRecommendation["ranked"][number]["contributions"]): string[] {
  const said = new Set<string>();
  return contributions.map((c) => {
    if (!c.sharedFact) return c.reason;
    if (!said.has(c.sharedFact)) {
      said.add(c.sharedFact);
      return c.reason;
    }
    return c.reason.replace(`${c.sharedFact} `, "");
  });
}

export function methodSummary(recommendation: MethodRecommendation, chosen: Method | null, overrideReason: string | null): EngagementSnapshot["method"] {
  return {
    chosen,
    recommended: recommendation.recommended,
    overrideReason,
    ranked: recommendation.ranked.map((r) => ({
      method: r.method,
      score: r.score,
      // A form of the method with reasons of its own (a short tailored engagement) gives them instead of the full method's.
      for: r.formReasons ?? saidOnce(r.contributions.filter((c) => c.direction === "for").sort((a, b) => b.points - a.points)),
      // A method whose plan cannot fit the partner's time is placed by that first: its duration reason leads.
      against: saidOnce(
        r.contributions.filter((c) => c.direction === "against").sort((a, b) => Number(byTime(r, b)) - Number(byTime(r, a)) || a.points - b.points)
      ),
      caveats: r.caveats,
      feasibility: r.feasibility ? { verdict: r.feasibility.verdict, earliestStart: r.feasibility.earliestStart, summary: r.feasibility.summary } : null,
    })),
    composition: recommendation.composition,
    feasibilityNote: recommendation.feasibilityNote,
  };
}

/** A stable JSON text of a snapshot: keys sorted, so equal content hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]])
        )
      : v
  );
}
