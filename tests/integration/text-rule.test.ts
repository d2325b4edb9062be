/**
 * One text rule for every free-text field: the invisible direction controls (U+202A–U+202E
 * embeddings and overrides, U+2066–U+2069 isolates) are dropped, as they are from diagram labels,
 * so that "\u202Eevil" can never read as "live" in a title, a note, a comment or a name, nor in the
 * partner's document. Letters of right-to-left scripts are text, and stay.
 */
import mammoth from "mammoth";
import { describe, expect, it, vi } from "vitest";
import { createVersion } from "~/models/proposal.server";
import { shareVersion } from "~/models/sharing.server";
import * as staffIndex from "~/routes/admin.staff._index";
import * as usersIndex from "~/routes/admin.users._index";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import * as overview from "~/routes/engagements.$id._index";
import * as reviewRoute from "~/routes/engagements.$id.review";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import { db, useTestDatabase, userIdByEmail } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";
import { BASE, callAction, sessionCookie } from "../helpers/requests";
import { line, paragraph } from "~/domain/field-schemas";
import { stripControlChars } from "~/domain/text";

vi.mock("~/models/proposal-pictures.server", () => ({ renderVersionPictures: async () => ({ ok: true, drawn: [] }) }));

useTestDatabase();

const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const RLO = "\u202E";
const ISOLATE = (s: string) => `\u2067${s}\u2069`;

describe("the text rule", () => {
  it("drops direction controls from one-line and paragraph text, and keeps right-to-left letters and joined emoji", () => {
    expect(line("Title").parse(`${RLO}evil\u202A \u202Bx\u202C\u202D`)).toBe("evil x");
    expect(paragraph("Note").parse(`a${ISOLATE("b")}\n\u2066c\u2068`)).toBe("ab\nc");
    expect(stripControlChars("مستشفى الشمال 👩‍⚕️ \u200F")).toBe("مستشفى الشمال 👩‍⚕️ \u200F");
  });
});

describe("every free-text field", () => {
  it("stores titles, notes, comments, names and labels without them, and the partner's document carries none", async () => {
    const id = demoEngagementId();
    const params = { id: String(id) };
    const as = "manager@demo.test";
    const posts = [
      await callAction(overview.action, {
        path: `/engagements/${id}`,
        params,
        as,
        form: { intent: "update-details", title: `Northshire ${RLO}partnership`, internalNotes: `Fee ${ISOLATE("fixed")} price`, version: "1" },
      }),
      await callAction(reviewRoute.action, {
        path: `/engagements/${id}/review`,
        params,
        as,
        form: { intent: "comment", number: "1", sectionKey: "aims", body: `Is ${RLO}August right?`, visibility: "partner", parentId: "" },
      }),
      await callAction(usersIndex.action, {
        path: "/admin/users",
        as: "admin@demo.test",
        form: { name: `Aoife ${RLO}Byrne`, email: "aoife@eastmere.example", role: "manager", organisationId: "", password: "correct horse battery" },
      }),
      await callAction(staffIndex.action, {
        path: "/admin/staff",
        as: "admin@demo.test",
        form: { name: `Dr ${ISOLATE("Sørensen")}`, role: "faculty", fte: "0.5", availableFrom: "", availableTo: "", dayRate: "1200" },
      }),
      await callAction(timelineRoute.action, {
        path: `/engagements/${id}/timeline`,
        params,
        as,
        form: {
          intent: "edit-item",
          version: "2",
          itemId: "final_report",
          label: `Final report ${RLO}and spread plan`,
          originalLabel: "Final report, spread plan and board presentation",
          start: "2028-06-30",
          originalStart: "2028-06-30",
        },
      }),
    ];
    expect(posts.map((p) => p.status)).toEqual([303, 303, 303, 303, 303]);

    // Nowhere in the database.
    const client = db().$client;
    const tables = client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const found: string[] = [];
    for (const t of tables) {
      for (const row of client.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) if (typeof value === "string" && CONTROLS.test(value)) found.push(`${t}.${column}`);
      }
    }
    expect([...new Set(found)]).toEqual([]);

    // Nor in the document the partner downloads.
    const manager = { id: userIdByEmail(as), role: "manager" as const, organisationId: null };
    const v = createVersion(manager, id, "2026-11-26", "2026-11");
    shareVersion(manager, id, v.number);
    const request = new Request(`${BASE}/engagements/${id}/versions/${v.number}/docx`, { headers: { Cookie: sessionCookie("partner@demo.test") } });
    const res = (await docxRoute.loader({ request, params: { id: String(id), number: String(v.number) }, context: {} })) as Response;
    expect(res.status).toBe(200);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) });
    expect(text).toContain("Northshire partnership");
    expect(text).toContain("Final report and spread plan");
    expect(text).not.toMatch(CONTROLS);
  });
});
