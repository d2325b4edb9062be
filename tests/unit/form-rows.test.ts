import { describe, expect, it } from "vitest";
import { sectionFieldNames } from "~/domain/intake-form";
import { IntakeSectionForms } from "~/domain/intake-forms";
import { parseSubmission } from "~/lib/forms.server";

describe("a posted form's rows", () => {
  it("are read up to what a form could show; a field numbered far beyond is left out, at once", () => {
    const form = new FormData();
    form.append("fields", sectionFieldNames("needs", 1).join(" "));
    form.append("version", "3");
    form.append("priorities[0].topic", "vap");
    form.append("priorities[99999999].topic", "clabsi");
    const started = performance.now();
    const read = parseSubmission(form, IntakeSectionForms.needs);
    expect(performance.now() - started).toBeLessThan(500);
    if (read.status !== "success") throw new Error(JSON.stringify(read.error));
    expect(read.value.answers.priorities.map((p) => p.topic)).toEqual(["vap"]);
  });
});
