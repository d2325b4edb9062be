import { addDays, calendarMonths, daysBetween, isIsoDate, type IsoDate } from "./calendar";
import { formatCount, plural } from "./plural";
import { lowerFirst } from "./text";
import { timelineEnd, timelineStart, TimelineError, type Timeline, type TimelineTemplate } from "./timeline";
import { moveItem, setItemDates } from "./timeline-edit";
import { COLLABORATIVE_MIN_TEAMS, METHOD_VARIANTS, VARIANT_LABELS, type MethodVariant } from "./method-variants";

/** Topics any one of which an open collaborative could be on: "patient flow or delayed discharges". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? items[0] ?? "" : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/*
 * Small requests (docs/domain.md §2.5): fewer teams than a collaborative of its own needs. A
 * partnership manager then offers one of two forms of a method instead of the full one: joining an
 * open collaborative that already runs on the partner's topic, or a short tailored engagement. Each
 * has its own timeline template (docs-templates/timelines/<variant>.json).
 */

export { METHOD_VARIANTS, VARIANT_LABELS, VARIANT_METHOD, type MethodVariant } from "./method-variants";

export { COLLABORATIVE_MIN_TEAMS, SMALL_REQUEST_MAX_MONTHS } from "./method-variants";

/** An open collaborative as kept by administrators: its next learning sessions, earliest first. */
export type OpenCollaborative = {
  id: number;
  topic: string;
  title: string;
  host: string;
  sessionDates: IsoDate[];
  placesLeft: number;
  version: number;
};

/** Whether a request is too small for a collaborative of its own (1 to 11 teams or sites). */
export function isSmallRequest(teams: number | null | undefined): teams is number {
  return typeof teams === "number" && Number.isFinite(teams) && teams >= 1 && teams < COLLABORATIVE_MIN_TEAMS;
}

/** The collaborative's learning sessions still to come on or after `today`, earliest first. */
export function upcomingSessions(oc: Pick<OpenCollaborative, "sessionDates">, today: IsoDate): IsoDate[] {
  return oc.sessionDates.filter((d) => isIsoDate(d) && daysBetween(today, d) >= 0).sort();
}

/**
 * What removing an open collaborative does (docs/domain.md §2.5), for the administrator about to: small
 * requests are no longer offered it, and the engagements that chose to join it, counted rather than
 * named since administrators do not read engagements, keep their dates and say it is no longer listed.
 */
export function removalEffect(joinedBy: number): string {
  const joined =
    joinedBy === 0
      ? "No engagement has chosen to join it."
      : joinedBy === 1
      ? "1 engagement has chosen to join it: its plan keeps its dates, and says that the collaborative is no longer listed."
      : `${formatCount(joinedBy)} engagements have chosen to join it: their plans keep their dates, and say that the collaborative is no longer listed.`;
  return `Small requests are no longer offered a place in it. ${joined}`;
}

/** Open to a new team: a place left and a learning session still to come. */
export function isOpenToJoin(oc: Pick<OpenCollaborative, "sessionDates" | "placesLeft">, today: IsoDate): boolean {
  return oc.placesLeft > 0 && upcomingSessions(oc, today).length > 0;
}

/**
 * The open collaboratives a small request could join: on one of the partner's topics, with places
 * left and a session to come; by the partner's order of priorities, then the soonest session.
 */
export function matchingCollaboratives<T extends OpenCollaborative>(all: readonly T[], topics: readonly string[], today: IsoDate): T[] {
  const rank = (oc: T) => topics.indexOf(oc.topic);
  return all
    .filter((oc) => rank(oc) >= 0 && isOpenToJoin(oc, today))
    .sort((a, b) => rank(a) - rank(b) || upcomingSessions(a, today)[0]!.localeCompare(upcomingSessions(b, today)[0]!) || a.id - b.id);
}

export type SmallRequestOffer = {
  teams: number;
  /** Why the full collaborative is not offered, in words. */
  reason: string;
  /** Open collaboratives on the partner's topics, with their sessions still to come. */
  joinable: (OpenCollaborative & { nextSessions: IsoDate[] })[];
  /** Said when no open collaborative can be joined, so the page does not just fall silent. */
  noneJoinable: string | null;
  /**
   * What would change the offer recommended (docs/domain.md §2.5): the teams that make a collaborative
   * of its own possible, and an open collaborative that can take a team, or none left that can. The
   * ranking of the full methods, which a small request is not recommended, is not what would change it.
   */
  whatWouldChange: string[];
};

/** What a partnership manager would offer a small request; null when the request is not small. */
export function smallRequestOffer(input: {
  teams: number | null | undefined;
  topics: readonly string[];
  topicLabels?: readonly string[];
  openCollaboratives: readonly OpenCollaborative[];
  today: IsoDate;
}): SmallRequestOffer | null {
  if (!isSmallRequest(input.teams)) return null;
  const teams = input.teams;
  const joinable = matchingCollaboratives(input.openCollaboratives, input.topics, input.today).map((oc) => ({
    ...oc,
    nextSessions: upcomingSessions(oc, input.today),
  }));
  const labels = input.topicLabels?.length ? input.topicLabels : input.topics;
  return {
    teams,
    reason: `${plural(teams, "team or site", "teams or sites")} ${
      teams === 1 ? "is" : "are"
    } fewer than the ${COLLABORATIVE_MIN_TEAMS} a collaborative of its own needs: learning between teams would be thin, and the planning alone would take months.`,
    joinable,
    noneJoinable: joinable.length
      ? null
      : labels.length
      ? `No open collaborative on ${orList(labels)} has a place and a learning session to come.`
      : "The intake names no priority yet, so no open collaborative can be matched to it.",
    whatWouldChange: [
      `With ${COLLABORATIVE_MIN_TEAMS} or more teams or sites, a collaborative of its own would be possible, and the method the ranking puts first would be recommended, planned in full.`,
      joinable.length
        ? `Were no open collaborative on its priorities to have a place and a learning session to come, the ${lowerFirst(
            VARIANT_LABELS.short_tailored
          )} alone would be recommended.`
        : labels.length
        ? `With an open collaborative on ${orList(labels)} that has a place and a learning session to come, joining it would be recommended too.`
        : "With a priority named in the intake, and an open collaborative on it that has a place and a learning session to come, joining it would be recommended too.",
    ],
  };
}

/**
 * When a team joins an open collaborative: the first session to come that leaves at least
 * `preworkDays` of prework after `earliestStart`, and the day prework starts. Null when no listed
 * session leaves time for prework.
 */
export function joinSchedule(sessions: readonly IsoDate[], earliestStart: IsoDate, preworkDays: number): { start: IsoDate; joinsAt: IsoDate } | null {
  for (const session of [...sessions].sort()) {
    const start = addDays(session, -preworkDays);
    if (daysBetween(earliestStart, start) >= 0) return { start, joinsAt: session };
  }
  return null;
}

/** The variant whose template a timeline was generated from (its span starts at that template's first item); null for a full method. */
export function variantOfTimeline(
  timeline: Pick<Timeline, "method"> & { span: Pick<Timeline["span"], "from"> },
  templates: Record<MethodVariant, Pick<TimelineTemplate, "method" | "durationRange">>
): MethodVariant | null {
  return METHOD_VARIANTS.find((v) => templates[v].method === timeline.method && templates[v].durationRange.from === timeline.span.from) ?? null;
}

/** How long the prework of the joining template lasts, in days: the item its span starts from. */
export function preworkDays(template: Pick<TimelineTemplate, "items" | "durationRange">): number {
  const first = template.items.find((i) => i.key === template.durationRange.from);
  if (first?.duration?.days !== undefined) return first.duration.days;
  return Math.round((first?.duration?.months ?? 1) * (365.25 / 12));
}

/**
 * Puts the learning sessions on the dates the collaborative listed, from the one the team joins at
 * (which working-day placement may otherwise nudge): the prework or action period before each ends
 * the day before it. A date that would leave an action period
 * shorter than four weeks, or a plan of a year or more, is left as the template placed it.
 */
export function alignToSessions(timeline: Timeline, listed: readonly IsoDate[]): Timeline {
  let next = timeline;
  const sessions = () => next.items.filter((i) => i.roleTags.includes("learning_session")).sort((a, b) => a.start.localeCompare(b.start));
  listed.forEach((date, n) => {
    const session = sessions()[n];
    const before = session?.dependencies[0] ? next.items.find((i) => i.id === session.dependencies[0]!.on) : undefined;
    if (!session || !before || before.kind !== "phase" || daysBetween(before.start, date) < 28) return;
    try {
      let moved = setItemDates(next, before.id, { start: before.start, end: addDays(date, -1) });
      // The date is the collaborative's, not ours: it holds even on a day a carried event would move on from.
      if (moved.items.find((i) => i.id === session.id)!.start !== date) moved = moveItem(moved, session.id, date);
      if (calendarMonths(timelineStart(moved), addDays(timelineEnd(moved), 1)) < 12) next = moved;
    } catch (error) {
      if (!(error instanceof TimelineError)) throw error;
    }
  });
  return next;
}
