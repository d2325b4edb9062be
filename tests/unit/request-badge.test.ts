import { describe, expect, it } from "vitest";
import { requestBadge } from "~/domain/workflow";

describe("an approval request's badge", () => {
  it("reads each status in words, in the tone of where the request stands", () => {
    expect(requestBadge("pending")).toEqual({ label: "pending", tone: "info" });
    expect(requestBadge("approved")).toEqual({ label: "approved", tone: "success" });
    expect(requestBadge("approved_with_conditions")).toEqual({ label: "approved with conditions", tone: "success" });
    expect(requestBadge("declined")).toEqual({ label: "declined", tone: "danger" });
    expect(requestBadge("withdrawn")).toEqual({ label: "withdrawn", tone: "neutral" });
  });

  it("shows a status it does not know as it is, in a neutral tone, never as approved", () => {
    expect(requestBadge("on_hold")).toEqual({ label: "on hold", tone: "neutral" });
  });
});
