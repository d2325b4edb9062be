import { describe, expect, it } from "vitest";
import { NewEngagementSchema } from "~/domain/engagement-forms";
import { safeRedirect } from "~/domain/users";

function errorsFor(input: Record<string, string>) {
  const parsed = NewEngagementSchema.safeParse(input);
  if (parsed.success) return {};
  // The first message per field, keyed by its dotted path, as a page shows them.
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[issue.path.map(String).join(".")] ??= issue.message;
  return errors;
}

describe("new engagement form", () => {
  it("explains each problem next to its field", () => {
    const errors = errorsFor({ partner: "new", title: "x", orgName: "", orgKind: "", orgCountry: "United Kingdom", orgSites: "ten", orgPopulation: "-5" });
    expect(errors.title).toBe("Title needs at least 3 characters.");
    expect(errors.orgName).toBe("Organisation name is required.");
    expect(errors.orgKind).toBe("Choose the kind of organisation.");
    // The country is chosen from the list of ISO 3166 codes, not typed.
    expect(errors.orgCountry).toBe("Choose the country from the list.");
    expect(errors.orgSites).toBe("Number of sites must be a number.");
    expect(errors.orgPopulation).toBe("Population served must be at least 0.");
  });

  it("asks which kind of partner when none is chosen", () => {
    expect(errorsFor({ title: "Something" }).partner).toBe("Choose an existing or a new partner organisation.");
  });

  it("accepts numbers written with separators and strips control characters", () => {
    const parsed = NewEngagementSchema.parse({
      partner: "new",
      title: "Safety\u0007 partnership\u0000",
      orgName: "North\u001bshire",
      orgKind: "region",
      orgCountry: "GB",
      orgSites: " 1,200 ",
      orgPopulation: "2 100 000",
    });
    expect(parsed).toMatchObject({ title: "Safety partnership", orgName: "Northshire", orgSites: 1200, orgPopulation: 2_100_000 });
  });

  it("rejects huge input with a message instead of failing", () => {
    expect(errorsFor({ partner: "existing", organisationId: "1", title: "x".repeat(100_000) }).title).toBe("Title must be at most 160 characters.");
  });
});

describe("safeRedirect", () => {
  it("follows only same-site paths", () => {
    expect(safeRedirect("/engagements/3")).toBe("/engagements/3");
    expect(safeRedirect("//evil.example/")).toBe("/");
    expect(safeRedirect("https://evil.example/")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
  });
});
