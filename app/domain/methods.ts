/** The three ways we support large-scale improvement (docs/domain.md §2–5). */
export const METHODS = ["collaborative", "campaign", "tailored"] as const;
export type Method = (typeof METHODS)[number];

export const METHOD_LABELS: Record<Method, string> = {
  collaborative: "Breakthrough Series collaborative",
  campaign: "Campaign",
  tailored: "Tailored large-scale initiative",
};

/** A method named in a sentence: "a collaborative needs at least 11 months". */
export const METHOD_NOUNS: Record<Method, string> = {
  collaborative: "a collaborative",
  campaign: "a campaign",
  tailored: "a tailored initiative",
};

export const METHOD_SHORT_LABELS: Record<Method, string> = {
  collaborative: "Collaborative",
  campaign: "Campaign",
  tailored: "Tailored",
};

/**
 * The most teams an IHI collaborative has held (docs/domain.md §2.3, [S10]): more run in waves. The
 * demand rules count each wave's learning sessions and calls by the same figure
 * (`collaborative.teams_per_wave` in docs-templates/demand-parameters.json).
 */
export const COLLABORATIVE_MAX_TEAMS = 160;

/**
 * How many waves a collaborative for `teams` takes, each of at most COLLABORATIVE_MAX_TEAMS: the one
 * count the Method page, the proposal, the time checks and the demand give (1 when one collaborative
 * holds them all). The plan runs them side by side, on its one set of dates, each wave holding its own
 * learning sessions and calls: they take one collaborative's time, and our staff's for each wave
 * (docs/domain.md §3.3).
 */
export function collaborativeWaves(teams: number | undefined): number {
  return teams !== undefined && teams > COLLABORATIVE_MAX_TEAMS ? Math.ceil(teams / COLLABORATIVE_MAX_TEAMS) : 1;
}

/** "19 waves of up to 160 teams each, side by side". */
export function collaborativeWavesWords(teams: number): string {
  return `${collaborativeWaves(teams)} waves of up to ${COLLABORATIVE_MAX_TEAMS} teams each, side by side`;
}
