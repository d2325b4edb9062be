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
