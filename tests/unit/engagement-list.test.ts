import { describe, expect, it } from "vitest";
import {
  beyondEndNote,
  DEFAULT_LIST_QUERY,
  isFiltered,
  likeContaining,
  listCountText,
  listSearch,
  noMatchHint,
  pagerPages,
  pageWithin,
  parseEngagementListParams,
  rowsShown,
  SEARCH_MAX_LENGTH,
  searchWords,
  type EngagementListQuery,
} from "~/domain/engagement-list";

const parse = (search: string) => parseEngagementListParams(new URLSearchParams(search));

describe("reading the engagement list's address", () => {
  it("reads a plain address as the first page of everything, newest change first", () => {
    expect(parse("")).toEqual({ query: DEFAULT_LIST_QUERY, notes: [] });
    expect(DEFAULT_LIST_QUERY).toEqual({ q: "", stage: null, owner: "anyone", sort: "changed", page: 1 });
  });

  it("reads every filter it knows", () => {
    expect(parse("q=%20Northshire%20%20safety%20&stage=shared&owner=mine&sort=partner&page=3")).toEqual({
      query: { q: "Northshire safety", stage: "shared", owner: "mine", sort: "partner", page: 3 },
      notes: [],
    });
    expect(parse("owner=12").query.owner).toBe(12);
    expect(parse("owner=anyone&stage=any").query).toEqual(DEFAULT_LIST_QUERY);
  });

  it("takes a page that is not a positive whole number as the first, and an enormous one as a large one (the model brings it back to the last)", () => {
    for (const page of ["-1", "0", "abc", "1.5", "", "%00", "1e3", "0x10"]) expect(parse(`page=${page}`).query.page, page).toBe(1);
    expect(parse("page=99999").query.page).toBe(99999);
    expect(parse(`page=${"9".repeat(600)}`).query.page).toBe(1_000_000);
    expect(parse("page=007").query.page).toBe(7);
  });

  it("ignores an unknown stage, order or owner, and says so where someone could have meant one", () => {
    const stage = parse("stage=archived");
    expect(stage.query.stage).toBeNull();
    expect(stage.notes).toEqual(["There is no stage called “archived”: engagements at every stage are shown."]);
    const owner = parse("owner=-4");
    expect(owner.query.owner).toBe("anyone");
    expect(owner.notes).toEqual(["That owner is not one we know: everyone's engagements are shown."]);
    expect(parse(`owner=${"9".repeat(30)}`).query.owner).toBe("anyone");
    expect(parse("sort=drop table").query.sort).toBe("changed");
    expect(parse("sort=drop table").notes).toEqual([]);
  });

  it("takes an owner only among the people who own an engagement, when it is told who they are", () => {
    expect(parseEngagementListParams(new URLSearchParams("owner=12"), [3, 12]).query.owner).toBe(12);
    expect(parseEngagementListParams(new URLSearchParams("owner=mine"), []).query.owner).toBe("mine");
    const stranger = parseEngagementListParams(new URLSearchParams("owner=13"), [3, 12]);
    expect(stranger.query.owner).toBe("anyone");
    expect(stranger.notes).toEqual(["That person owns no engagement: everyone's engagements are shown."]);
  });

  it("keeps a note about a long hostile stage short", () => {
    const { notes } = parse(`stage=${"<script>".repeat(50)}`);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.length).toBeLessThan(120);
  });

  it("strips control characters from a search and cuts a very long one, saying so", () => {
    expect(parse("q=%00North%00shire%1B").query.q).toBe("Northshire");
    expect(parse("q=%00").query).toEqual(DEFAULT_LIST_QUERY);
    const long = parse(`q=${"a".repeat(600)}`);
    expect(long.query.q).toHaveLength(SEARCH_MAX_LENGTH);
    expect(long.notes).toEqual([`The search was cut to its first ${SEARCH_MAX_LENGTH} characters.`]);
  });

  it("reads the first of a parameter given twice", () => {
    expect(parse("stage=draft&stage=approved").query.stage).toBe("draft");
  });
});

describe("searching", () => {
  it("splits a search into at most eight words", () => {
    expect(searchWords("sepsis  Northshire")).toEqual(["sepsis", "Northshire"]);
    expect(searchWords("")).toEqual([]);
    expect(searchWords("a b c d e f g h i j")).toHaveLength(8);
  });

  it("escapes LIKE's wildcards and its escape character, so they match only themselves", () => {
    expect(likeContaining("sepsis")).toBe("%sepsis%");
    expect(likeContaining("100%_done\\")).toBe("%100\\%\\_done\\\\%");
  });

  it("counts the order and page as not narrowing the list", () => {
    expect(isFiltered({ ...DEFAULT_LIST_QUERY, sort: "title", page: 4 })).toBe(false);
    expect(isFiltered({ ...DEFAULT_LIST_QUERY, q: "x" })).toBe(true);
    expect(isFiltered({ ...DEFAULT_LIST_QUERY, stage: "draft" })).toBe(true);
    expect(isFiltered({ ...DEFAULT_LIST_QUERY, owner: "mine" })).toBe(true);
  });
});

describe("pages", () => {
  it("brings a page beyond the end back to the last, and has one (empty) page for no rows", () => {
    expect(pageWithin(1, 5000, 50)).toEqual({ page: 1, pageCount: 100, beyondEnd: false });
    expect(pageWithin(100, 5000, 50)).toEqual({ page: 100, pageCount: 100, beyondEnd: false });
    expect(pageWithin(101, 5001, 50)).toEqual({ page: 101, pageCount: 101, beyondEnd: false });
    expect(pageWithin(99999, 5000, 50)).toEqual({ page: 100, pageCount: 100, beyondEnd: true });
    expect(pageWithin(1, 0, 50)).toEqual({ page: 1, pageCount: 1, beyondEnd: false });
  });

  it("says that a page asked beyond the end is the last", () => {
    expect(beyondEndNote(1)).toBe("There is only one page: this is it.");
    expect(beyondEndNote(1200)).toBe("There are only 1,200 pages: this is the last.");
  });

  it("says which rows a page shows", () => {
    expect(rowsShown(1, 5000, 50)).toEqual({ from: 1, to: 50 });
    expect(rowsShown(100, 4990, 50)).toEqual({ from: 4951, to: 4990 });
    expect(rowsShown(1, 0, 50)).toEqual({ from: 0, to: 0 });
  });

  it("offers the first, the last and the neighbours of the current page, with gaps between", () => {
    expect(pagerPages(1, 1)).toEqual([1]);
    expect(pagerPages(1, 3)).toEqual([1, 2, 3]);
    expect(pagerPages(6, 100)).toEqual([1, "gap", 5, 6, 7, "gap", 100]);
    // A gap of a single page shows that page instead.
    expect(pagerPages(4, 10)).toEqual([1, 2, 3, 4, 5, "gap", 10]);
    expect(pagerPages(100, 100)).toEqual([1, "gap", 99, 100]);
  });

  it("writes the address of another page keeping the filters, and a new filter goes back to the first page", () => {
    const query = { q: "50% off", stage: "shared" as const, owner: 7, sort: "title" as const, page: 3 };
    expect(listSearch(query, { page: 4 })).toBe("?q=50%25+off&stage=shared&owner=7&sort=title&page=4");
    expect(listSearch(query, { stage: "draft" })).toBe("?q=50%25+off&stage=draft&owner=7&sort=title");
    expect(listSearch(DEFAULT_LIST_QUERY)).toBe("");
    expect(listSearch(DEFAULT_LIST_QUERY, { page: 2 })).toBe("?page=2");
    // What the address writes, the parser reads back.
    expect(parseEngagementListParams(new URLSearchParams(listSearch(query, { page: 3 }))).query).toEqual(query);
  });
});

describe("what the list says", () => {
  const q = (change: Partial<EngagementListQuery> = {}): EngagementListQuery => ({ ...DEFAULT_LIST_QUERY, ...change });

  it("counts what it shows, with 'that match' only when something narrows it, in the singular for one", () => {
    expect(listCountText(q(), 1, 5000)).toBe("Showing 1–50 of 5,000 engagements.");
    expect(listCountText(q({ page: 100 }), 100, 5000)).toBe("Showing 4,951–5,000 of 5,000 engagements.");
    expect(listCountText(q({ q: "sepsis" }), 1, 2)).toBe("Showing 1–2 of 2 engagements that match.");
    expect(listCountText(q({ stage: "draft" }), 1, 1)).toBe("Showing 1–1 of 1 engagement that matches.");
    expect(listCountText(q({ q: "zzz" }), 1, 0)).toBe("No engagements match.");
  });

  it("suggests what to change for the filters actually set, and nothing about words when none were searched", () => {
    expect(noMatchHint(q({ q: "zzz" }))).toBe("Try fewer or other words (a search looks in engagement titles and partner names).");
    expect(noMatchHint(q({ owner: "mine" }))).toBe("Try anyone's engagements.");
    expect(noMatchHint(q({ q: "zzz", stage: "draft", owner: 7 }))).toBe(
      "Try fewer or other words (a search looks in engagement titles and partner names), another stage or anyone's engagements."
    );
    expect(noMatchHint(q())).toBe("Clear the filters to see every engagement.");
  });
});
