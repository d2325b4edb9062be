import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProposalDocument } from "~/components/proposal-document";
import { sampleProposal } from "../helpers/sample-proposal";

function text(picturesLater: ComponentProps<typeof ProposalDocument>["picturesLater"]) {
  const content = sampleProposal();
  return renderToStaticMarkup(createElement(ProposalDocument, { content, pictures: {}, approval: { status: "draft" }, mode: "screen", picturesLater }))
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

describe("a picture the document does not have", () => {
  it("is one the live draft draws when a version is created, not a failure", () => {
    expect(text("later")).toContain("The picture is drawn when a version is created. The table in this section gives the same content.");
    expect(text("later")).not.toContain("could not be drawn");
  });

  it("is one still being drawn for a version after start-up, not a failure", () => {
    expect(text("being_drawn")).toContain("The picture is being drawn and appears here when it is ready. The table in this section gives the same content.");
    expect(text("being_drawn")).not.toContain("could not be drawn");
  });

  it("is a failure in a version, said as such", () => {
    expect(text(undefined)).toContain("Picture not available: the diagram could not be drawn for this version.");
  });
});
