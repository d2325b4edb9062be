/**
 * The demo's one-site request taken as the short tailored engagement a small request is offered (docs/domain.md
 * §2.5): every page judges and names the short engagement that is planned, never the tailored large-scale
 * initiative it is a form of, and the Method page and the internal briefing agree with the Fit page.
 */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { PipelineSection } from "~/components/portfolio/pipeline-section";
import { liveProposal } from "~/models/proposal.server";
import * as fitRoute from "~/routes/engagements.$id.fit";
import * as methodRoute from "~/routes/engagements.$id.method";
import * as timelineRoute from "~/routes/engagements.$id.timeline";
import * as portfolioRoute from "~/routes/portfolio";
import { useTestDatabase, userIdByEmail } from "../helpers/db";
import { callLoader } from "../helpers/requests";
import { ashfordTakenShort } from "../helpers/short-tailored";

useTestDatabase();

const as = "manager@demo.test";
const manager = () => ({ id: userIdByEmail(as), role: "manager" as const, organisationId: null });
const at = (id: number, tail: string) => ({ path: `/engagements/${id}/${tail}`, params: { id: String(id) }, as });

describe("a short tailored engagement taken for a small request", () => {
  it("is judged on the Method page and in the briefing as the Fit page judges its plan, never as the full initiative", async () => {
    const id = await ashfordTakenShort();
    const method = await callLoader(methodRoute.loader, at(id, "method"));
    const fit = await callLoader(fitRoute.loader, at(id, "fit"));
    // A small request is recommended its offer, whose method is the tailored one: never a collaborative of its own (docs/domain.md §2.5).
    expect(method.data.view.smallRequestRecommendation).toBe("Joining an open collaborative, or a short tailored engagement");
    expect(method.data.view.recommendation.recommended).toBe("tailored");
    expect(fit.data.plan.assessment.verdict).toBe("fits");
    // The plan fits, as the Fit page says: no note says our staff cannot take it on.
    expect(method.data.view.notes.capacity).toBeNull();
    // The decision names the short engagement; its justification does not say the name again.
    expect(method.data.view.decision.overrideReason).toMatch(/^1 team or site is fewer than the 12/);
    // Its plan is not its method's template timeline: the Fit page does not set the two starts against each other.
    expect(fit.data.plan.startsApart).toBeNull();

    const { content } = liveProposal(manager(), id, "2026-12-03", "2026-12");
    const text = JSON.stringify(content);
    expect(text).toContain("A short tailored engagement with 1 site, as proposed");
    expect(text).not.toMatch(/chosen instead of the recommended/);
    // The Fit page's plan card is headed with the plan's own name.
    expect(fit.data.plan.name).toBe("Short tailored engagement");
  });

  it("is named as the short engagement on the Timeline page before and after it is generated again", async () => {
    const id = await ashfordTakenShort(as, { regenerate: false });
    const timeline = await callLoader(timelineRoute.loader, at(id, "timeline?preview=regenerate"));
    expect(timeline.data.staleReasons).toContain("The method changed from Joining an open collaborative to Short tailored engagement.");
    expect(timeline.data.staleReasons.join(" ")).not.toMatch(/large-scale/);
    expect(timeline.data.preview.methodChanged).toEqual({ from: "Joining an open collaborative", to: "Short tailored engagement" });
  });

  it("is named as the short engagement in the portfolio's list", async () => {
    await ashfordTakenShort();
    const portfolio = await callLoader(portfolioRoute.loader, { path: "/portfolio?pipeline=all", as: "leader@demo.test" });
    // The pipeline's list as a leader reads it: Ashford's row, its Method column.
    const html = renderToStaticMarkup(
      createElement(StaticRouter, { location: "/portfolio?pipeline=all" }, createElement(PipelineSection, { ...portfolio.data, pipelineChart: null }))
    );
    const row = /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*Ashford Valley sepsis on the wards[\s\S]*?<\/tr>/.exec(html)?.[0] ?? "";
    const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));
    expect(cells).toContain("Short tailored engagement");
    expect(cells).not.toContain("Tailored large-scale initiative");
  });
});
