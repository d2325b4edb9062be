import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorSummary, TextArea, TextField } from "~/components/field";
import { formState } from "~/lib/forms";

describe("a text area with a limit", () => {
  it("says how much is written of how much may be, and ties that to the field for screen readers", () => {
    const html = renderToStaticMarkup(<TextArea name="body" label="Comment" defaultValue="Hello" maxLength={5000} />);
    expect(html).toContain("5 of up to 5,000 characters");
    expect(html).toMatch(/aria-describedby="body-count"/);
    expect(html).not.toContain("maxlength");
  });

  it("says by how much text is over the limit, and keeps all of it", () => {
    const long = "x".repeat(5012);
    const html = renderToStaticMarkup(
      <TextArea name="body" label="Comment" defaultValue={long} maxLength={5000} errors={{ body: "Comment must be at most 5,000 characters." }} />
    );
    expect(html).toContain("12 characters over the limit of 5,000");
    expect(html).toContain(long);
    expect(html).toMatch(/aria-describedby="body-error body-count"/);
  });
});

describe("a field reading its form's state", () => {
  const reply = (initialValue: Record<string, string>, error: Record<string, string[]> = {}) => ({
    result: { status: "error" as const, initialValue, error },
  });

  it("shows the saved value until the form comes back, then what was typed, a cleared field staying empty", () => {
    const saved = renderToStaticMarkup(<TextField name="title" label="Title" state={formState(undefined)} saved="Saved title" />);
    expect(saved).toContain('value="Saved title"');
    const back = renderToStaticMarkup(
      <TextField name="title" label="Title" state={formState(reply({ title: "Typed" }, { title: ["Too short."] }))} saved="Saved" />
    );
    expect(back).toContain('value="Typed"');
    expect(back).toMatch(/<p class="field-error" id="title-error">Too short.<\/p>/);
    const cleared = renderToStaticMarkup(<TextField name="notes" label="Notes" state={formState(reply({ title: "Typed" }))} saved="Saved notes" />);
    expect(cleared).toContain('value=""');
  });

  it("on a page of several forms, answers only the form that was sent, with ids of its own", () => {
    const answer = reply({ form: "rename-n1", label: "New name" }, { label: ["Name is required."] });
    const sent = renderToStaticMarkup(<TextField form="rename-n1" name="label" label="Name" state={formState(answer, "rename-n1")} saved="Old" />);
    expect(sent).toContain('id="f-rename-n1-label"');
    expect(sent).toContain('aria-describedby="f-rename-n1-label-error"');
    const other = renderToStaticMarkup(<TextField form="rename-n2" name="label" label="Name" state={formState(answer, "rename-n2")} saved="Other" />);
    expect(other).toContain('value="Other"');
    expect(other).not.toContain("field-error");
  });

  it("shows a problem with the page's own fields (intent, version) as the form's message", () => {
    expect(formState(reply({ intent: "x" }, { intent: ["Reload the page."] })).errors).toEqual({ "": "Reload the page." });
  });
});

describe("the error summary above a form", () => {
  it("lists the errors in the order of the form's fields, whatever order they were found in, each linked to its field", () => {
    const html = renderToStaticMarkup(
      <ErrorSummary
        errors={{
          orgKind: "Choose the kind of organisation.",
          orgSites: "Number of sites must be at least 1.",
          title: "Title must be at most 160 characters.",
        }}
        labels={{ title: "Title", orgKind: "Kind", orgSites: "Number of sites" }}
      />
    );
    const items = [...html.matchAll(/<a href="#([\w-]+)">(.*?)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(items).toEqual([
      ["title", "Title must be at most 160 characters."],
      ["orgKind", "Kind: Choose the kind of organisation."],
      ["orgSites", "Number of sites must be at least 1."],
    ]);
  });
});

describe("a month box", () => {
  it("says what to type where the browser shows a text box in its place, before its own hint, unless that hint gives an example", () => {
    const bare = renderToStaticMarkup(<TextField name="availableTo" label="Available until" type="month" hint="Leave empty if open-ended." />);
    expect(bare).toContain("Month and year, e.g. March 2027. Leave empty if open-ended.");
    expect(bare).toMatch(/aria-describedby="availableTo-hint"/);
    expect(renderToStaticMarkup(<TextField name="from" label="Available from" type="month" />)).toContain("Month and year, e.g. March 2027.");
    const own = renderToStaticMarkup(<TextField name="aimByWhen" label="By when" type="month" hint="Month and year, e.g. November 2028." />);
    expect(own).toContain("e.g. November 2028.");
    expect(own).not.toContain("March 2027");
    expect(renderToStaticMarkup(<TextField name="title" label="Title" hint="A short name." />)).not.toContain("Month and year");
  });
});
