/**
 * Key dates as calendar files (docs/domain.md §8.6), read back with a calendar parser the project did
 * not write: staff get the live timeline's events and milestones, the partner the frozen timeline of
 * the version shared with them. Each entry keeps its UID when the timeline changes, so a calendar
 * that imports the file again updates the entry; hostile item names come back as the same text.
 */
import ICAL from "ical.js";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engagements, partnerResponses, proposalVersions, timelines } from "../../db/schema";
import { eventUid } from "~/domain/calendar-file";
import type { Timeline } from "~/domain/timeline";
import * as staffCalendar from "~/routes/engagements.$id.timeline[.]ics";
import * as versionCalendar from "~/routes/engagements.$id.versions.$number.ics";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { db, userIdByEmail, useTestDatabase } from "../helpers/db";
import { demoEngagementId, shareAVersion } from "../helpers/fixtures";
import { asSent, HOSTILE } from "../helpers/hostile";
import { callAction, callLoader } from "../helpers/requests";

useTestDatabase();

const id = () => demoEngagementId();
const stored = () => {
  const row = db().select().from(timelines).where(eq(timelines.engagementId, id())).get()!;
  return { timeline: JSON.parse(row.dataJson) as Timeline, version: row.version };
};

type Entry = { uid: string; summary: string; start: string; end: string; sequence: number };
function entries(text: string): Entry[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, summary: e.summary, start: e.startDate.toString(), end: e.endDate.toString(), sequence: e.sequence };
  });
}

const staffFile = () => callLoader(staffCalendar.loader, { path: `/engagements/${id()}/timeline.ics`, params: { id: String(id()) }, as: "manager@demo.test" });
const partnerFile = (number: number) =>
  callLoader(versionCalendar.loader, {
    path: `/engagements/${id()}/versions/${number}/ics`,
    params: { id: String(id()), number: String(number) },
    as: "partner@demo.test",
  });

function editItem(itemId: string, change: { start?: string; label?: string }) {
  const { timeline, version } = stored();
  const i = timeline.items.find((x) => x.id === itemId)!;
  return callAction(timelineRoute.action, {
    path: `/engagements/${id()}/timeline`,
    params: { id: String(id()) },
    as: "manager@demo.test",
    form: {
      intent: "edit-item",
      version: String(version),
      itemId,
      start: change.start ?? i.start,
      originalStart: i.start,
      end: change.start ? i.end.replace(/^\d{4}/, (y) => String(Number(y) + 1)) : i.end,
      originalEnd: i.end,
      label: change.label ?? i.label,
      originalLabel: i.label,
    },
  });
}

describe("the key dates of the live timeline, for staff", () => {
  it("are a calendar attachment holding every event and milestone, on their days", async () => {
    const res = await staffFile();
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="northshire-.*-key-dates\.ics"/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { timeline } = stored();
    const keyItems = timeline.items.filter((i) => i.kind === "event" || i.kind === "milestone");
    const got = entries(res.data as string);
    expect(got.map((e) => e.uid).sort()).toEqual(keyItems.map((i) => eventUid(id(), i.id)).sort());
    const ls1 = got.find((e) => e.uid === eventUid(id(), "ls1"))!;
    const item = keyItems.find((i) => i.id === "ls1")!;
    expect(ls1.summary).toBe(item.label);
    expect(ls1.start).toBe(item.start);
    expect(ls1.summary).toBe("Learning Session 1");
    expect(got.some((e) => /Congress/i.test(e.summary))).toBe(true);
  });

  it("keep their UIDs when an item moves, so importing again updates the entry rather than adding a second one", async () => {
    const before = entries((await staffFile()).data as string);
    const congress = stored().timeline.items.find((i) => i.id === "congress")!;
    const later = `${Number(congress.start.slice(0, 4)) + 1}${congress.start.slice(4)}`;
    expect((await editItem("congress", { start: later })).status).toBe(303);
    const after = entries((await staffFile()).data as string);
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
    const moved = after.find((e) => e.uid === eventUid(id(), "congress"))!;
    expect(moved.start).toBe(later);
    expect(moved.sequence).toBeGreaterThan(before.find((e) => e.uid === eventUid(id(), "congress"))!.sequence);
  });

  // Names longer than a label may be are refused at the form (tests/integration/bad-input.test.ts).
  const names = HOSTILE.filter((h) => h.value.length <= 300);
  it.each(names)("name an item $name and the calendar reads back the very name, and nothing more", async ({ value }) => {
    const res = await editItem("ls2", { label: value });
    if (res.status !== 303) return expect(res.status).toBe(400);
    const label = stored().timeline.items.find((i) => i.id === "ls2")!.label;
    const text = (await staffFile()).data as string;
    const got = entries(text);
    expect(got.find((e) => e.uid === eventUid(id(), "ls2"))!.summary).toBe(label);
    expect(label).toBe(
      asSent(value)
        .replace(/\s+/g, " ")
        .trim()
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g, "")
    );
    // Still exactly one entry per key date: nothing in the name opened another.
    expect(text.match(/^BEGIN:VEVENT/gm)!.length).toBe(got.length);
  });
});

describe("the key dates of a shared version, for its partner", () => {
  it("come from the version's frozen timeline with the staff file's UIDs, whatever was edited since", async () => {
    const number = shareAVersion(id());
    const frozen = entries((await partnerFile(number)).data as string);
    const ls3 = stored().timeline.items.find((i) => i.id === "ls3")!;
    const later = `${Number(ls3.start.slice(0, 4)) + 1}${ls3.start.slice(4)}`;
    expect((await editItem("ls3", { start: later, label: "Renamed after sharing" })).status).toBe(303);
    const res = await partnerFile(number);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/-v\d+-key-dates\.ics"/);
    const again = entries(res.data as string);
    expect(again).toEqual(frozen);
    expect(again.find((e) => e.uid === eventUid(id(), "ls3"))).toMatchObject({ start: ls3.start, summary: ls3.label });
    const live = entries((await staffFile()).data as string);
    expect(new Set(live.map((e) => e.uid))).toEqual(new Set(again.map((e) => e.uid)));
  });

  it("are tentative while the version is a draft for discussion, as are the staff's while the engagement is open", async () => {
    const number = shareAVersion(id());
    const statuses = (text: string) => new Set(text.match(/^STATUS:.*$/gm));
    expect(statuses((await partnerFile(number)).data as string)).toEqual(new Set(["STATUS:TENTATIVE"]));
    expect(statuses((await staffFile()).data as string)).toEqual(new Set(["STATUS:TENTATIVE"]));
    // Westvale's version 1 is approved by leadership and awaits the partner's acceptance: still tentative.
    const westvale = db().select({ id: engagements.id }).from(engagements).where(eq(engagements.title, "Westvale pressure ulcer collaborative")).get()!.id;
    const versionFile = async () =>
      (
        await callLoader(versionCalendar.loader, {
          path: `/engagements/${westvale}/versions/1/ics`,
          params: { id: String(westvale), number: "1" },
          as: "manager@demo.test",
        })
      ).data as string;
    expect(statuses(await versionFile())).toEqual(new Set(["STATUS:TENTATIVE"]));
    // Once the partner accepts it, both parties have agreed its dates.
    const version = db()
      .select({ id: proposalVersions.id })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.engagementId, westvale), eq(proposalVersions.number, 1)))
      .get()!;
    db()
      .insert(partnerResponses)
      .values({ proposalVersionId: version.id, userId: userIdByEmail("partner@demo.test"), response: "accepted", at: new Date().toISOString() })
      .run();
    expect(statuses(await versionFile())).toEqual(new Set(["STATUS:CONFIRMED"]));
    // The staff's file is the live timeline, which may have moved since: never said to be agreed.
    const live = await callLoader(staffCalendar.loader, {
      path: `/engagements/${westvale}/timeline.ics`,
      params: { id: String(westvale) },
      as: "manager@demo.test",
    });
    expect(statuses(live.data as string)).toEqual(new Set(["STATUS:TENTATIVE"]));
  });
});
