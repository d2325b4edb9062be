import { expect, pageAs, test } from "./support";

// Eastmere's proposal (engagement 4) offers two options, Core and Virtual, each with its own Remove button.
test("each proposal option is set apart from the next: its Remove button stands clear of the next option's heading, on a wide screen and a phone", async ({
  browser,
}) => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const page = await pageAs(browser, "manager@demo.test", { viewport });
    await page.goto("/engagements/4/proposal");
    const remove = page.getByRole("button", { name: "Remove Core" });
    const next = page.getByRole("heading", { name: /^Option B: / });
    const [button, heading] = [(await remove.boundingBox())!, (await next.boundingBox())!];
    expect(heading.y - (button.y + button.height), `${viewport.width} px`).toBeGreaterThanOrEqual(24);
  }
});
