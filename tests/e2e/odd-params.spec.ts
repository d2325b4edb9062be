import { expect, test, PASSWORD, routes } from "./support";

/**
 * Every route (found from app/routes, as the other route-wide tests find them), as every kind of
 * user, with odd query parameters: the legacy `?_data=`, text beyond Latin-1, NUL, and very long
 * values, set on the names the pages read. No answer may be a 500.
 */
const NAMES = ["redirectTo", "section", "version", "number", "tab", "preview", "size", "delete", "attach", "q"];
const ODD: Record<string, (route: string) => string> = {
  "legacy _data": (route) => `_data=${encodeURIComponent(`routes/${route}`)}`,
  "beyond Latin-1": () => NAMES.map((n) => `${n}=${encodeURIComponent("/∕∕evil.com‮ وثيقة 🏥")}`).join("&"),
  NUL: () => NAMES.map((n) => `${n}=%00`).join("&"),
  "very long": () => NAMES.map((n) => `${n}=${"9".repeat(600)}`).join("&"),
};
const USERS = [null, "manager@demo.test", "leader@demo.test", "admin@demo.test", "partner@demo.test", "partner2@demo.test"];

test("odd query parameters on every route, as every kind of user, never bring a 500", async ({ playwright, baseURL }) => {
  test.setTimeout(300_000);
  const loaders = routes("loader");
  const actions = routes("action");
  expect(loaders.length).toBeGreaterThan(25);
  const problems: string[] = [];
  for (const email of USERS) {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
    if (email) expect((await context.post("/login", { form: { email, password: PASSWORD }, maxRedirects: 0 })).status()).toBe(303);
    const who = email ?? "anonymous";
    for (const [kind, list] of [
      ["GET", loaders],
      ["POST", actions],
    ] as const) {
      for (const { file, url } of list) {
        // Signing out would end the rest of the run as that user: it is posted last, below.
        if (kind === "POST" && file.startsWith("logout")) continue;
        for (const [name, query] of Object.entries(ODD)) {
          const address = `${url}?${query(file.replace(/\.tsx?$/, ""))}`;
          const res = kind === "GET" ? await context.get(address, { maxRedirects: 0 }) : await context.post(address, { form: {}, maxRedirects: 0 });
          if (res.status() >= 500) problems.push(`${kind} ${file} (${name}) as ${who}: ${res.status()} ${(await res.text()).slice(0, 120)}`);
        }
      }
    }
    for (const query of Object.values(ODD)) {
      const res = await context.post(`/logout?${query("logout")}`, { maxRedirects: 0 });
      if (res.status() >= 500) problems.push(`POST logout as ${who}: ${res.status()}`);
    }
    await context.dispose();
  }
  expect(problems).toEqual([]);
});
