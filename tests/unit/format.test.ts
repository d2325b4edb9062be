import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "~/components/ui";
import { formatCount } from "~/domain/plural";
import { formatDate as documentDate } from "~/domain/calendar";

describe("dates and numbers as pages show them", () => {
  it("writes dates as the documents do, day, month and year in UTC, and leaves what is not a date as it was", () => {
    expect(formatDate("2026-11-25T23:30:00Z")).toBe("25 November 2026");
    expect(formatDate("2026-11-25T23:30:00-02:00")).toBe("26 November 2026");
    expect(formatDate("2027-01-01")).toBe("1 January 2027");
    expect(formatDate("not a date")).toBe("not a date");
    // The page's formatter is the documents' own: a date reads the same on the page and in the .docx.
    for (const at of ["2026-11-20", "2026-09-30T08:00:00.000Z", "2028-02-29"]) expect(formatDate(at)).toBe(documentDate(at));
  });

  it("writes a moment as its date in the same style, then the time to the minute in UTC", () => {
    expect(formatDateTime("2026-12-04T10:37:05.123Z")).toBe("4 December 2026, 10:37 UTC");
    expect(formatDateTime("2026-11-25T23:30:00-02:00")).toBe("26 November 2026, 01:30 UTC");
    expect(formatDateTime("not a date")).toBe("not a date");
    expect(formatDateTime("2026-13-04T10:37:05Z")).toBe("2026-13-04T10:37:05Z");
  });

  it("groups thousands and keeps up to three decimals", () => {
    expect(formatCount(1234567.891)).toBe("1,234,567.891");
    expect(formatCount(0.0004)).toBe("0");
    expect(formatCount(-5.5)).toBe("-5.5");
  });
});

describe("one style of date on every page", () => {
  const app = path.join(__dirname, "../../app");
  const files = ["routes", "components"].flatMap((dir) =>
    fs
      .readdirSync(path.join(app, dir), { recursive: true, encoding: "utf8" })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => path.join(app, dir, f))
  );

  it("no page or component writes a date with the browser's own format ('04/12/2026, 10:37:05'): they use the formatters above", () => {
    expect(files.length).toBeGreaterThan(20);
    const raw = files.filter((f) => /\.toLocale(?:Date|Time)?String\(/.test(fs.readFileSync(f, "utf8")));
    expect(raw.map((f) => path.relative(app, f))).toEqual([]);
  });

  it("no page or component has a date formatter of its own ('20 Nov 2026' beside a document's '20 November 2026'): app/domain/calendar.ts writes every date", () => {
    const own = files.filter((f) => /Intl\.DateTimeFormat\(/.test(fs.readFileSync(f, "utf8")));
    expect(own.map((f) => path.relative(app, f))).toEqual([]);
  });
});
