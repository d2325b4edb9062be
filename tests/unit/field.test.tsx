import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TextArea } from "~/components/field";

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
      <TextArea name="body" label="Comment" defaultValue={long} maxLength={5000} errors={{ body: "Comment must be at most 5000 characters." }} />
    );
    expect(html).toContain("12 characters over the limit of 5,000");
    expect(html).toContain(long);
    expect(html).toMatch(/aria-describedby="body-error body-count"/);
  });
});
