import { formatCount, plural } from "./plural";
import { stripControlChars } from "./text";
import { STANDING_BADGES, STANDINGS, type Standing } from "./workflow";

/**
 * The engagement list as its address asks for it: what to search for, which stage and owner, in which
 * order, which page. Pure: the route reads the address through parseEngagementListParams, the model
 * turns the query into SQL. Whatever the address holds, the answer is a list: what cannot be read is
 * left out, and said so where someone could have meant it.
 */
export const ENGAGEMENT_PAGE_SIZE = 50;
/** Longer searches are cut to this many characters: no title or partner name is longer than a line. */
export const SEARCH_MAX_LENGTH = 100;
/** Words of a search beyond these are left out: each word is a condition on every row. */
export const SEARCH_MAX_WORDS = 8;

export const ENGAGEMENT_SORTS = ["changed", "title", "partner"] as const;
export type EngagementSort = (typeof ENGAGEMENT_SORTS)[number];
export const SORT_LABELS: Record<EngagementSort, string> = {
  changed: "Latest change first",
  title: "Engagement, A–Z",
  partner: "Partner, A–Z",
};

/** Whose engagements: anyone's, the actor's own (owned or co-owned), or one person's (by user id). */
export type OwnerFilter = "anyone" | "mine" | number;

export type EngagementListQuery = {
  q: string;
  /** Where the engagements stand, as their badges say (a stage, or the partner's acceptance and what remains). */
  stage: Standing | null;
  owner: OwnerFilter;
  sort: EngagementSort;
  /** 1-based; the model brings a page beyond the last back to the last. */
  page: number;
};

export const DEFAULT_LIST_QUERY: EngagementListQuery = { q: "", stage: null, owner: "anyone", sort: "changed", page: 1 };

/** Pages further than this are not read as asked: a number this large only ever means "the end". */
const MAX_PAGE = 1_000_000;

function shortened(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * Reads the list's address. Never throws: an unknown stage, owner or order is ignored, a page that is
 * not a positive number is the first, and a search is stripped of control characters and cut to
 * SEARCH_MAX_LENGTH. `notes` says, in the user's words, what was ignored that someone may have meant.
 */
export function parseEngagementListParams(
  params: URLSearchParams,
  /** The people who own or co-own an engagement: another owner asked for is ignored. Any, when not given. */
  ownerIds?: readonly number[]
): { query: EngagementListQuery; notes: string[] } {
  const notes: string[] = [];
  const query: EngagementListQuery = { ...DEFAULT_LIST_QUERY };

  const rawQ = stripControlChars(params.get("q") ?? "")
    .replace(/\s+/g, " ")
    .trim();
  if (rawQ.length > SEARCH_MAX_LENGTH) {
    query.q = rawQ.slice(0, SEARCH_MAX_LENGTH).trim();
    notes.push(`The search was cut to its first ${SEARCH_MAX_LENGTH} characters.`);
  } else query.q = rawQ;

  const stage = stripControlChars(params.get("stage") ?? "").trim();
  if ((STANDINGS as readonly string[]).includes(stage)) query.stage = stage as Standing;
  else if (stage !== "" && stage !== "any") notes.push(`There is no stage called “${shortened(stage, 40)}”: engagements at every stage are shown.`);

  const owner = (params.get("owner") ?? "").trim();
  if (owner === "mine") query.owner = "mine";
  else if (/^[1-9]\d{0,15}$/.test(owner) && Number.isSafeInteger(Number(owner))) {
    if (!ownerIds || ownerIds.includes(Number(owner))) query.owner = Number(owner);
    else notes.push("That person owns no engagement: everyone's engagements are shown.");
  } else if (owner !== "" && owner !== "anyone") notes.push("That owner is not one we know: everyone's engagements are shown.");

  const sort = params.get("sort") ?? "";
  if ((ENGAGEMENT_SORTS as readonly string[]).includes(sort)) query.sort = sort as EngagementSort;

  const page = (params.get("page") ?? "").trim();
  if (/^\d+$/.test(page)) query.page = Math.max(1, Math.min(MAX_PAGE, Number(page)));

  return { query, notes };
}

/** What the page says when the address asked for a page beyond the last. */
export function beyondEndNote(pageCount: number): string {
  return pageCount === 1 ? "There is only one page: this is it." : `There are only ${plural(pageCount, "page")}: this is the last.`;
}

/** Whether anything narrows the list (the order and the page do not). */
export function isFiltered(query: EngagementListQuery): boolean {
  return query.q !== "" || query.stage !== null || query.owner !== "anyone";
}

/** The words of a search: each must be found in the engagement's title or its partner's name. */
export function searchWords(q: string): string[] {
  return q.split(" ").filter(Boolean).slice(0, SEARCH_MAX_WORDS);
}

/** A LIKE pattern that finds the text anywhere, taking its % and _ as themselves (escape character: backslash). */
export function likeContaining(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** How many pages `total` rows fill (at least one, the empty page), and the asked page brought within them. */
export function pageWithin(asked: number, total: number, size = ENGAGEMENT_PAGE_SIZE): { page: number; pageCount: number; beyondEnd: boolean } {
  const pageCount = Math.max(1, Math.ceil(total / size));
  return { page: Math.min(Math.max(1, asked), pageCount), pageCount, beyondEnd: asked > pageCount };
}

/** "1–50 of 5,000": the first and last row of the page, 1-based. */
export function rowsShown(page: number, total: number, size = ENGAGEMENT_PAGE_SIZE): { from: number; to: number } {
  if (total === 0) return { from: 0, to: 0 };
  const from = (page - 1) * size + 1;
  return { from, to: Math.min(total, page * size) };
}

/** What the list says it shows: "Showing 1–50 of 5,000 engagements", "… that match" when filtered. */
export function listCountText(query: EngagementListQuery, page: number, total: number, size = ENGAGEMENT_PAGE_SIZE): string {
  if (total === 0) return "No engagements match.";
  const { from, to } = rowsShown(page, total, size);
  const matching = isFiltered(query) ? (total === 1 ? " that matches" : " that match") : "";
  return `Showing ${formatCount(from)}–${formatCount(to)} of ${plural(total, "engagement")}${matching}.`;
}

/** What to try when nothing matches, for the filters actually set. */
export function noMatchHint(query: EngagementListQuery): string {
  const tries = [
    query.q ? "fewer or other words (a search looks in engagement titles and partner names)" : null,
    query.stage ? "another stage" : null,
    query.owner !== "anyone" ? "anyone's engagements" : null,
  ].filter((t): t is string => t !== null);
  if (!tries.length) return "Clear the filters to see every engagement.";
  const list = tries.length === 1 ? tries[0] : `${tries.slice(0, -1).join(", ")} or ${tries[tries.length - 1]}`;
  return `Try ${list}.`;
}

/**
 * The page numbers a pager offers: the first, the last, and the current with its neighbours; "gap"
 * where numbers are left out. "1 … 4 5 6 … 100".
 */
export function pagerPages(page: number, pageCount: number, around = 1): (number | "gap")[] {
  const wanted = new Set([1, pageCount]);
  for (let p = page - around; p <= page + around; p++) if (p >= 1 && p <= pageCount) wanted.add(p);
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (typeof last === "number" && p - last === 2) out.push(p - 1);
    else if (typeof last === "number" && p - last > 2) out.push("gap");
    out.push(p);
  }
  return out;
}

/**
 * The address of the list with the query changed: defaults are left out, so the first page of
 * everything is plain `?` and an address stays short enough to read and bookmark. Changing anything
 * but the page goes back to the first page.
 */
export function listSearch(query: EngagementListQuery, change: Partial<EngagementListQuery> = {}): string {
  const next = { ...query, ...change };
  if (!("page" in change)) next.page = 1;
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.stage) params.set("stage", next.stage);
  if (next.owner !== "anyone") params.set("owner", String(next.owner));
  if (next.sort !== "changed") params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** What to filter by: every standing an engagement's badge can show, in its words. */
export const STAGE_CHOICES = STANDINGS.map((s) => ({ value: s, label: STANDING_BADGES[s].label }));
