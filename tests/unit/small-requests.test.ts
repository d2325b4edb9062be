import { describe, expect, it } from "vitest";
import joinJson from "../../docs-templates/timelines/join_open_collaborative.json";
import shortJson from "../../docs-templates/timelines/short_tailored.json";
import collaborativeJson from "../../docs-templates/timelines/collaborative.json";
import { addDays, calendarMonths } from "~/domain/calendar";
import { decideOffer, smallRequestRecommended, timelinePlanTitle } from "~/domain/method-variants";
import {
  alignToSessions,
  COLLABORATIVE_MIN_TEAMS,
  isSmallRequest,
  joinSchedule,
  matchingCollaboratives,
  preworkDays,
  removalEffect,
  smallRequestOffer,
  variantOfTimeline,
  type OpenCollaborative,
} from "~/domain/small-requests";
import { timelineEnd, timelineStart, TimelineTemplateSchema, type Timeline } from "~/domain/timeline";
import { generateTimeline } from "~/domain/timeline-generate";

const join = TimelineTemplateSchema.parse(joinJson);
const short = TimelineTemplateSchema.parse(shortJson);
const full = TimelineTemplateSchema.parse(collaborativeJson);
const TODAY = "2027-01-01";

const oc = (over: Partial<OpenCollaborative>): OpenCollaborative => ({
  id: 1,
  topic: "sepsis",
  title: "Sepsis collaborative",
  host: "Host",
  sessionDates: ["2027-03-09", "2027-07-13"],
  placesLeft: 3,
  version: 1,
  ...over,
});

const months = (t: Timeline) => calendarMonths(timelineStart(t), addDays(timelineEnd(t), 1));

describe("the small-request rule", () => {
  it("is below the dozen teams a collaborative of its own needs, and only then", () => {
    expect(COLLABORATIVE_MIN_TEAMS).toBe(12);
    expect([1, 5, 11].map(isSmallRequest)).toEqual([true, true, true]);
    expect([12, 40, 0, undefined, null, Number.NaN].map(isSmallRequest)).toEqual([false, false, false, false, false, false]);
  });

  it("offers nothing to a request of 12 teams or more", () => {
    expect(smallRequestOffer({ teams: 12, topics: ["sepsis"], openCollaboratives: [oc({})], today: TODAY })).toBeNull();
  });

  it("offers one site the open collaboratives on its topics with places and sessions to come, in the order of its priorities", () => {
    const all = [
      oc({ id: 1, topic: "falls", title: "Falls", sessionDates: ["2027-02-02"] }),
      oc({ id: 2, topic: "sepsis", title: "Sepsis later", sessionDates: ["2027-05-04"] }),
      oc({ id: 3, topic: "sepsis", title: "Sepsis sooner", sessionDates: ["2026-12-01", "2027-03-02"] }),
      oc({ id: 4, topic: "sepsis", title: "Sepsis full", placesLeft: 0 }),
      oc({ id: 5, topic: "sepsis", title: "Sepsis over", sessionDates: ["2026-10-06"] }),
      oc({ id: 6, topic: "vte", title: "Not a priority" }),
    ];
    const offer = smallRequestOffer({ teams: 1, topics: ["sepsis", "falls"], openCollaboratives: all, today: TODAY })!;
    expect(offer.reason).toMatch(/^1 team or site is fewer than the 12 a collaborative of its own needs/);
    expect(offer.joinable.map((o) => o.title)).toEqual(["Sepsis sooner", "Sepsis later", "Falls"]);
    expect(offer.joinable[0]!.nextSessions).toEqual(["2027-03-02"]);
    expect(offer.noneJoinable).toBeNull();
  });

  it("says so when no open collaborative matches, naming the topics", () => {
    const offer = smallRequestOffer({ teams: 3, topics: ["ssi"], topicLabels: ["surgical site infection"], openCollaboratives: [oc({})], today: TODAY })!;
    expect(offer.joinable).toEqual([]);
    expect(offer.noneJoinable).toMatch(/No open collaborative on surgical site infection/);
    expect(matchingCollaboratives([oc({})], [], TODAY)).toEqual([]);
    // Of several topics, a collaborative on any one would do: "… or …", never a bare comma.
    const two = smallRequestOffer({
      teams: 1,
      topics: ["access_flow", "other"],
      topicLabels: ["patient flow", "delayed discharges"],
      openCollaboratives: [oc({})],
      today: TODAY,
    })!;
    expect(two.noneJoinable).toBe("No open collaborative on patient flow or delayed discharges has a place and a learning session to come.");
    expect(two.whatWouldChange[1]).toMatch(/^With an open collaborative on patient flow or delayed discharges that has a place/);
  });

  it("joins at the first session that leaves time for prework", () => {
    expect(joinSchedule(["2027-01-20", "2027-03-09", "2027-07-13"], "2027-01-01", 42)).toEqual({ start: "2027-01-26", joinsAt: "2027-03-09" });
    expect(joinSchedule(["2027-01-20"], "2027-01-01", 42)).toBeNull();
  });
});

describe("the small-request templates", () => {
  it("join at the listed session and finish in under a year, with the following session on its listed date", () => {
    const schedule = joinSchedule(["2027-03-09", "2027-07-13"], "2027-01-01", preworkDays(join))!;
    const t = alignToSessions(generateTimeline(join, { start: schedule.start, teams: 1 }), [schedule.joinsAt, "2027-07-13"]);
    const sessions = t.items.filter((i) => i.roleTags.includes("learning_session"));
    expect(sessions.map((s) => s.start)).toEqual(["2027-03-09", "2027-07-13"]);
    expect(t.items.map((i) => i.label)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Prework/), expect.stringMatching(/^Closing session of the collaborative$/)])
    );
    expect(months(t)).toBeLessThan(12);
    expect(t.items.some((i) => /Enrolment|Expert meeting/.test(i.label))).toBe(false);
  });

  it("hold a session on its listed date even where that is a public holiday of the joining team's country: the date is the collaborative's", () => {
    // Monday 5 July 2027 is Independence Day's day off in the United States.
    const schedule = joinSchedule(["2027-03-09", "2027-07-05"], "2027-01-01", preworkDays(join))!;
    const t = alignToSessions(generateTimeline(join, { start: schedule.start, teams: 1, country: "US" }), [schedule.joinsAt, "2027-07-05"]);
    expect(t.items.filter((i) => i.roleTags.includes("learning_session")).map((s) => s.start)).toEqual(["2027-03-09", "2027-07-05"]);
  });

  it("leave a listed date that would take the plan past a year as the template placed it", () => {
    const t = generateTimeline(join, { start: "2027-01-26", teams: 1 });
    const far = alignToSessions(t, [t.items.find((i) => i.roleTags.includes("learning_session"))!.start, "2028-03-01"]);
    expect(far).toEqual(t);
  });

  it("plan a short tailored engagement in under a year, where the full collaborative for one team runs longer", () => {
    expect(months(generateTimeline(short, { start: "2027-02", teams: 1 }))).toBeLessThan(12);
    expect(months(generateTimeline(full, { start: "2027-02", teams: 1 }))).toBeGreaterThan(12);
  });

  it("are told apart from the full methods by where their span starts", () => {
    const templates = { join_open_collaborative: join, short_tailored: short };
    expect(variantOfTimeline(generateTimeline(join, { start: "2027-02", teams: 1 }), templates)).toBe("join_open_collaborative");
    expect(variantOfTimeline(generateTimeline(short, { start: "2027-02", teams: 1 }), templates)).toBe("short_tailored");
    expect(variantOfTimeline(generateTimeline(full, { start: "2027-02", teams: 1 }), templates)).toBeNull();
  });
});

describe("what a small request's decision reads as", () => {
  it("a joining site's timeline is its part in the collaborative; a full method's keeps its name", () => {
    expect(
      timelinePlanTitle("Breakthrough Series collaborative", "join_open_collaborative", "Ashford Valley Hospital", "Sepsis Early Recognition Collaborative")
    ).toBe("Ashford Valley Hospital's part in the Sepsis Early Recognition Collaborative");
    expect(timelinePlanTitle("Breakthrough Series collaborative", "join_open_collaborative", "Ashford Valley Hospital", null)).toBe(
      "Ashford Valley Hospital's part in the open collaborative it joins"
    );
    expect(timelinePlanTitle("Breakthrough Series collaborative", null, "Northshire Health System", null)).toBe("Breakthrough Series collaborative timeline");
  });

  it("once joining is decided, taking the full method the ranking puts first is a change made on purpose, never a one-click accept", () => {
    const joining = decideOffer({ chosen: "collaborative", variant: "join_open_collaborative" }, "collaborative", "Sepsis Early Recognition Collaborative");
    expect(joining.heading).toBe("Change the decision");
    expect(joining.current).toBe(
      "Decided: joining the Sepsis Early Recognition Collaborative. It stands until you record another choice here or in the offer above."
    );
    expect(joining.behindDisclosure).toBe(true);
    expect(joining.accept!.button).toBe("Replace with a Breakthrough Series collaborative of its own");
    expect(joining.accept!.text).toContain("this replaces joining the Sepsis Early Recognition Collaborative");
    // Before any decision: accept it in one click. Accepted already: nothing to accept again.
    expect(decideOffer(null, "campaign", null)).toMatchObject({
      heading: "Decide",
      current: null,
      behindDisclosure: false,
      accept: { button: "Accept recommendation" },
    });
    expect(decideOffer({ chosen: "campaign", variant: null }, "campaign", null)).toMatchObject({
      accept: null,
      current: "Decided: Campaign. It stands until you record another method here.",
    });
    expect(decideOffer({ chosen: "tailored", variant: null }, "campaign", null).accept).toEqual({
      text: "Return to the recommendation: Campaign.",
      button: "Accept recommendation",
    });
  });

  it("a small request is recommended its offer: no method of its own is one click away, before a decision or after one", () => {
    const offer = smallRequestRecommended(1);
    expect(offer).toBe("Joining an open collaborative, or a short tailored engagement");
    expect(smallRequestRecommended(0)).toBe("Short tailored engagement");
    expect(decideOffer(null, "collaborative", null, offer)).toMatchObject({ heading: "Or plan a method of its own", current: null, accept: null, keep: null });
    const joined = decideOffer(
      { chosen: "collaborative", variant: "join_open_collaborative" },
      "collaborative",
      "Sepsis Early Recognition Collaborative",
      offer
    );
    expect(joined).toMatchObject({ accept: null, behindDisclosure: true });
    const own = decideOffer({ chosen: "collaborative", variant: null }, "collaborative", null, offer);
    expect(own.accept).toBeNull();
    expect(own.current).toBe(
      "Decided: Breakthrough Series collaborative of its own, in place of the offer recommended for a small request (joining an open collaborative, or a short tailored engagement). It stands until you record another method here."
    );
  });

  it("a decision put up for review by the intake is kept in one click while it is still the recommendation; a departure is offered again, open", () => {
    const still = decideOffer({ chosen: "collaborative", variant: null, stale: true }, "collaborative", null);
    expect(still).toMatchObject({
      heading: "Review the decision",
      current: "Decided: Breakthrough Series collaborative. The intake changed since; Breakthrough Series collaborative is still the recommendation.",
      accept: null,
      keep: { button: "Keep Breakthrough Series collaborative" },
    });
    expect(still.keep!.text).toMatch(/no justification/);
    // Chosen against the recommendation then, and recommended now: it is not said to be "still" the recommendation.
    expect(decideOffer({ chosen: "campaign", variant: null, stale: true, recommendedThen: "collaborative" }, "campaign", null)).toMatchObject({
      current:
        "Decided: Campaign, instead of the Breakthrough Series collaborative recommended then. The intake changed since, and Campaign is now the recommendation.",
      keep: { button: "Keep Campaign" },
    });
    const departs = decideOffer({ chosen: "campaign", variant: null, stale: true }, "collaborative", null);
    expect(departs).toMatchObject({ keep: null, behindDisclosure: false, accept: { button: "Accept recommendation" } });
    expect(departs.current).toMatch(/to keep Campaign, record it again with its justification/);
    // Current decisions offer no keeping: there is nothing to review.
    expect(decideOffer({ chosen: "collaborative", variant: null, stale: false }, "collaborative", null).keep).toBeNull();
  });
});

describe("removing an open collaborative, as its card says", () => {
  it("counts the engagements that chose to join it, in the singular for one, and says their plans keep their dates", () => {
    expect(removalEffect(0)).toBe("Small requests are no longer offered a place in it. No engagement has chosen to join it.");
    expect(removalEffect(1)).toMatch(/ 1 engagement has chosen to join it: its plan keeps its dates, and says that/);
    expect(removalEffect(1200)).toMatch(
      / 1,200 engagements have chosen to join it: their plans keep their dates, and say that the collaborative is no longer listed\.$/
    );
  });
});
