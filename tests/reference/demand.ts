/*
 * The straightforward way to work out staff demand, kept as the reference the fast one
 * (app/domain/demand.ts, which counts on month and day numbers) must agree with, entry for entry and
 * reason for reason: every month a string key, every date read again where it is used.
 */
import { dayOf, daysBetween, daysInMonth, firstDayOf, monthOf, monthRange, type Month } from "~/domain/calendar";
import { nounAfter } from "~/domain/plural";
import { daysWords, formatNumber, rulesFor, workingDaysPerMonth, type DemandEntry, type DemandParameters } from "~/domain/demand";
import type { MethodVariant } from "~/domain/method-variants";
import type { Method } from "~/domain/methods";
import { timelineEnd, timelineStart, type Timeline, type TimelineItem } from "~/domain/timeline";

/**
 * Role × month demand in FTE for a timeline at a scale. Phases and recurring activities create demand
 * in proportion to the calendar days they cover in each month; events put their days in the month they
 * start, so moving a learning session moves its faculty days with it.
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
  const cells = new Map<string, DemandEntry>();
  const add = (role: string, month: Month, fte: number, reason: string | (() => string)) => {
    if (!(fte > 0)) return;
    const key = `${role}|${month}`;
    const cell = cells.get(key) ?? { role, month, fte: 0, days: 0, reasons: [] };
    cell.fte += fte;
    if (withReasons) cell.reasons.push(typeof reason === "string" ? reason : reason());
    cells.set(key, cell);
  };

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

  for (const rule of config.rules) {
    const items = rule.during === "whole_timeline" ? [wholeTimeline] : timeline.items.filter((i) => i.roleTags.some((t) => rule.during.includes(t)));
    // Each day the rule has counted for all the plan's sites, and the item it counted it for: a day is counted once.
    const countedFor = new Map<number, string>();
    for (const item of items) {
      const itemTeams = teams * (item.teamShare ?? 1);
      let factor = 1;
      let timesText = "";
      for (const m of rule.times) {
        if (typeof m === "string") {
          factor *= value(m);
          if (withReasons) timesText += ` × ${formatNumber(value(m))} ${unit(m)}`;
        } else if ("shareOf" in m) {
          const share = itemTeams / value(m.shareOf);
          factor *= share;
          if (withReasons) timesText += ` × ${formatNumber(itemTeams)}/${formatNumber(value(m.shareOf))} (${m.noun})`;
        } else {
          const waves = Math.ceil(itemTeams / value(m.teamsPer));
          // Besides the first: the waves whose sessions one of their own faculty leads, the chair leading the first's.
          const count = m.besidesFirst ? Math.max(0, waves - 1) : waves;
          factor *= count;
          const teamsText = `${formatNumber(itemTeams)} ${nounAfter(itemTeams, config.scaleNoun)}`;
          const upToText = `${waves} ${nounAfter(waves, m.noun)} of up to ${formatNumber(value(m.teamsPer))} ${nounAfter(value(m.teamsPer), config.scaleNoun)}`;
          if (withReasons && m.besidesFirst) timesText += ` × ${count} of the ${upToText} (${teamsText}), all but the first`;
          // Waves (`upTo`) are said only when there are several, once: "× 3 waves of up to 160 teams (420 teams)".
          else if (withReasons && m.upTo && count > 1) timesText += ` × ${upToText} (${teamsText})`;
          else if (withReasons && !m.upTo)
            timesText += ` × ${count} ${nounAfter(count, m.noun)} (${teamsText} ÷ ${formatNumber(value(m.teamsPer))} ${unit(m.teamsPer)})`;
        }
      }
      const amount = value(rule.amount);
      const amountText = withReasons ? `${formatNumber(amount)} ${unit(rule.amount)}` : "";

      if (rule.basis === "days_per_event_day" || rule.basis === "days_per_event") {
        const eventDays = item.kind === "milestone" ? 0 : daysBetween(item.start, item.end) + 1;
        const days = rule.basis === "days_per_event" ? amount * factor : amount * eventDays * factor;
        add(rule.role, monthOf(item.start), days / perMonthDays, () => {
          const what =
            rule.basis === "days_per_event"
              ? `${item.label}: ${amountText}`
              : `${item.label} (${eventDays} ${eventDays === 1 ? "day" : "days"}) × ${amountText}`;
          return `${what}${timesText} = ${formatNumber(days)} days`;
        });
        continue;
      }

      let monthly: number;
      let base: string;
      if (rule.basis === "fte_per_teams") {
        const counted = rule.maxTeams ? Math.min(itemTeams, value(rule.maxTeams)) : itemTeams;
        monthly = (counted / amount) * factor;
        base = withReasons ? `${formatNumber(counted)} ${nounAfter(counted, config.scaleNoun)} ÷ ${amountText}${timesText}` : "";
      } else if (rule.basis === "fte_while_active") {
        monthly = amount * factor;
        base = `${amountText}${timesText}`;
      } else {
        monthly = (amount * factor) / perMonthDays;
        base = `${amountText}${timesText}`;
      }
      const itemFrom = dayOf(item.start);
      const itemTo = dayOf(item.end);
      const allSites = (item.teamShare ?? 1) === 1;
      for (const month of monthRange(monthOf(item.start), monthOf(item.end))) {
        const length = daysInMonth(month);
        const first = dayOf(firstDayOf(month));
        // The calendar days of the month the item covers that no earlier item of the rule has counted.
        let covered = 0;
        const besides: string[] = [];
        let already = 0;
        for (let day = Math.max(itemFrom, first); day <= Math.min(itemTo, first + length - 1); day++) {
          const by = allSites ? countedFor.get(day) : undefined;
          if (by === undefined) covered++;
          else {
            already++;
            if (!besides.includes(by)) besides.push(by);
          }
        }
        const share = covered / length;
        add(rule.role, month, monthly * share, () => `${item.label}: ${base}${daysWords(covered, length, { days: already, labels: besides })}`);
      }
      if (allSites) for (let day = itemFrom; day <= itemTo; day++) if (!countedFor.has(day)) countedFor.set(day, item.label);
    }
  }

  return [...cells.values()]
    .map((c) => ({ ...c, fte: round(c.fte), days: round(c.fte * perMonthDays) }))
    .sort((a, b) => (a.role === b.role ? (a.month < b.month ? -1 : a.month > b.month ? 1 : 0) : a.role < b.role ? -1 : 1));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
