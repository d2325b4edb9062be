/**
 * Counts on our staff's pages and leadership's are written as the app writes every count (formatCount,
 * app/domain/plural.ts): "3,000", never "3000". A national campaign's scale, its staff's days and a
 * crowded portfolio's totals are where they run past a thousand.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { ApprovalsSection } from "~/components/portfolio/approvals-section";
import { AtRiskSection } from "~/components/portfolio/at-risk-section";
import { PipelineSection } from "~/components/portfolio/pipeline-section";
import { PortfolioSummary } from "~/components/portfolio/summary";
import { pipelineChart } from "~/domain/portfolio-charts";
import { pipeline, type PipelineEntry } from "~/domain/portfolio";
import { diffSnapshots } from "~/domain/proposal-diff";
import type { EngagementSnapshot } from "~/domain/proposal-snapshot";
import { staleReasons } from "~/domain/timeline-generate";
import { buildSnapshot } from "~/models/snapshot.server";
import { db, useTestDatabase } from "../helpers/db";
import { demoEngagementId } from "../helpers/fixtures";

useTestDatabase();

const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

describe("what changed between two versions, for our staff and leadership", () => {
  it("writes a national scale's sites and its staff's days with thousands separated", () => {
    const a: EngagementSnapshot = structuredClone(buildSnapshot(db(), demoEngagementId(), "2026-11-25", "2026-11"));
    const b: EngagementSnapshot = structuredClone(a);
    a.timeline!.generatedFrom.teams = 2000;
    b.timeline!.generatedFrom.teams = 3000;
    const faculty = b.staffing.find((l) => l.role === "faculty")!;
    faculty.days += 1234;
    // A role version 1 did not need at all.
    a.staffing = a.staffing.filter((l) => l.role !== "campaign_lead");
    b.staffing.find((l) => l.role === "campaign_lead")!.days = 2227;
    const changes = diffSnapshots(a, b).sections.flatMap((s) => s.changes);
    expect(changes).toContain("The scale changed from 2,000 to 3,000 sites or teams.");
    expect(changes).toContain("+1,234 days of faculty time.");
    expect(changes).toContain("New role: Communications / campaign lead, 2,227 days.");
  });

  it("says a timeline made for another scale needs review in the same way", () => {
    const a = buildSnapshot(db(), demoEngagementId(), "2026-11-25", "2026-11");
    const timeline = { ...a.timeline!, generatedFrom: { ...a.timeline!.generatedFrom, teams: 2000 } };
    expect(staleReasons(timeline, { start: timeline.generatedFrom.start, teams: 3000, method: timeline.method })).toContain(
      "The scale changed from 2,000 to 3,000 sites or teams."
    );
  });
});

describe("a crowded portfolio", () => {
  const many: PipelineEntry[] = Array.from({ length: 1204 }, (_, i) => ({ stage: i % 2 ? "approved" : "draft", method: "campaign" }));
  const p = {
    ...pipeline(
      many.map((e, i) => ({
        ...e,
        id: i,
        title: `Programme ${i}`,
        partnerName: "Northshire",
        ownerName: "Maya Okafor",
        variant: null,
        updatedAt: "2026-12-01",
      }))
    ),
  };
  const listed = { ...p, rows: p.rows.map((r) => ({ ...r, engagements: r.engagements.slice(0, 10) })) };
  const render = (el: ReturnType<typeof createElement>) => words(renderToStaticMarkup(createElement(StaticRouter, { location: "/portfolio" }, el)));

  it("counts its engagements at the top, in the pipeline's table and lists, and in the chart's words, with thousands separated", () => {
    const summary = render(
      createElement(PortfolioSummary, {
        pipeline: p as never,
        openCount: 1102,
        approvalsTotal: 1010,
        approvalsOverdue: 1001,
        waitingDays: 14,
        atRiskTotal: 1050,
        capacity: { counts: { ok: 0, over: 1500, tight: 2500 } } as never,
      })
    );
    expect(summary).toContain("1,204 engagements");
    expect(summary).toContain("1,102 still open");
    expect(summary).toContain("1,010 waiting for approval");
    expect(summary).toContain("1,001 for over 14 days");
    expect(summary).toContain("1,050 at risk");
    expect(summary).toContain("1,500 role-months over capacity");
    expect(summary).toContain("and 2,500 tight");

    const section = render(createElement(PipelineSection, { pipeline: listed, canCreate: false, allListed: false, charts: {} } as never));
    expect(section).toMatch(/Total 0 1,204 0 0 1,204/);
    expect(section).toContain("Draft · 602");
    expect(section).toContain("The 10 most recently changed of 602.");
    expect(pipelineChart(p).description).toContain("1,204 in all");

    const risks = render(createElement(AtRiskSection, { atRisk: [], atRiskTotal: 1050, waitingDays: 14, allRisks: false, charts: {} } as never));
    expect(risks).toContain("Show all 1,050");
    const approvals = render(
      createElement(ApprovalsSection, {
        approvals: [],
        approvalsTotal: 1010,
        awaitingWithoutRequest: [],
        waitingDays: 14,
        allApprovals: false,
        charts: {},
      } as never)
    );
    expect(approvals).toContain("Show all 1,010");
  });
});
