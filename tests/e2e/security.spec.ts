import { type APIRequestContext } from "@playwright/test";
import { expect, test, PASSWORD, routes } from "./support";

/**
 * Helmet sends nosniff on every response and the download routes say it again, so Express may join
 * the two ("nosniff, nosniff"); browsers read the first value of the list.
 */
function expectNosniff(value: string | undefined, where: string) {
  expect(
    value?.split(",").map((v) => v.trim()),
    where
  ).toEqual(expect.arrayContaining(["nosniff"]));
  expect(new Set(value!.split(",").map((v) => v.trim())), where).toEqual(new Set(["nosniff"]));
}

async function signedIn(request: APIRequestContext, email: string) {
  const res = await request.post("/login", { form: { email, password: PASSWORD }, maxRedirects: 0 });
  expect(res.status(), `sign in as ${email}`).toBe(303);
}

test("cross-site POSTs are refused with 403 before they reach any action", async ({ request, baseURL }) => {
  for (const path of ["/login", "/logout", "/engagements/new", "/engagements/1", "/admin/users"]) {
    const byOrigin = await request.post(path, { form: { email: "manager@demo.test", password: PASSWORD }, headers: { Origin: "https://evil.example" } });
    expect(byOrigin.status(), path).toBe(403);
    const bySite = await request.post(path, { form: { email: "manager@demo.test", password: PASSWORD }, headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(bySite.status(), path).toBe(403);
  }
  const sameOrigin = await request.post("/login", {
    form: { email: "manager@demo.test", password: PASSWORD },
    headers: { Origin: new URL(baseURL!).origin },
    maxRedirects: 0,
  });
  expect(sameOrigin.status()).toBe(303);
});

test("pages carry the security headers, with a nonce on the scripts", async ({ request }) => {
  const res = await request.get("/login");
  const headers = res.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
  const nonce = headers["content-security-policy"]!.match(/'nonce-([^']+)'/)![1]!;
  const html = await res.text();
  const inlineScripts = html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
  expect(inlineScripts.length).toBeGreaterThan(0);
  for (const tag of inlineScripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test("ten wrong passwords in a row are throttled with 429 and Retry-After", async ({ request }) => {
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) {
    const res = await request.post("/login", { form: { email: "leader2@demo.test", password: `wrong-${i}` }, maxRedirects: 0 });
    statuses.push(res.status());
  }
  expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
  expect(statuses.at(-1)).toBe(429);
  const last = await request.post("/login", { form: { email: "leader2@demo.test", password: PASSWORD }, maxRedirects: 0 });
  expect(last.status()).toBe(429);
  expect(Number(last.headers()["retry-after"])).toBeGreaterThan(0);
});

test("the API answers 401 in JSON without a session", async ({ request }) => {
  const res = await request.get("/api/engagements", { maxRedirects: 0 });
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: "Not signed in." });
});

test("every action refuses a cross-site POST, even with a valid session, and changes nothing", async ({ request, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const actions = routes("action");
  expect(actions.map((a) => a.url)).toEqual(
    expect.arrayContaining(["/login", "/logout", "/engagements/new", "/engagements/1/intake", "/api/engagements", "/approvals/1"])
  );
  await signedIn(request, "manager@demo.test");
  const form = {
    intent: "update-details",
    title: "Renamed from evil.example",
    internalNotes: "",
    version: "1",
    json: "{}",
    email: "manager@demo.test",
    password: PASSWORD,
  };
  for (const { file, url } of actions) {
    const refused: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "cross-site" },
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      { Origin: "null" }, // a sandboxed frame or a data: page
      { Origin: `${new URL(baseURL!).origin}.evil.example` },
    ];
    for (const headers of refused) {
      const res = await request.post(url, { form, headers, maxRedirects: 0 });
      expect(res.status(), `${file} ${url} ${JSON.stringify(headers)}`).toBe(403);
      expect(await res.text()).toBe("Cross-site requests are not accepted.");
    }
    // The same POST from the site itself passes the check and meets the route's own rules (here: no session).
    const own = await anonymous.post(url, { form: {}, headers: { Origin: new URL(baseURL!).origin, "Sec-Fetch-Site": "same-origin" }, maxRedirects: 0 });
    expect(own.status(), `${file} ${url} from the site itself`).not.toBe(403);
  }
  await anonymous.dispose();
  const overview = await request.get("/engagements/1");
  expect(await overview.text()).not.toContain("Renamed from evil.example");
});

test("every page and download carries the security headers; every inline script carries the nonce", async ({ playwright, baseURL }) => {
  // The manager first; a page a manager may not open is read again as the users it is for.
  const USERS = ["manager@demo.test", "leader@demo.test", "admin@demo.test", "partner@demo.test"];
  test.setTimeout(180_000);
  const loaders = routes("loader");
  expect(loaders.length).toBeGreaterThan(25);
  const contexts = Object.fromEntries(
    await Promise.all(
      USERS.map(async (email) => {
        const context = await playwright.request.newContext({ baseURL });
        await signedIn(context, email);
        return [email, context] as const;
      })
    )
  );
  // The demo records no leave: one is recorded, as an administrator would, so that a leave's page answers.
  const leave = await contexts["admin@demo.test"]!.post("/admin/staff/1", {
    form: { intent: "add-leave", fromMonth: "2035-01", toMonth: "2035-02", percent: "", reason: "Sabbatical" },
    headers: { Origin: new URL(baseURL!).origin, "Sec-Fetch-Site": "same-origin" },
    maxRedirects: 0,
  });
  expect(leave.status(), "recording a leave").toBeLessThan(400);
  const seenOk = new Set<string>();
  for (const { file, url } of loaders) {
    for (const email of USERS) {
      if (email !== "manager@demo.test" && seenOk.has(file)) break;
      const res = await contexts[email]!.get(url, { maxRedirects: 0 });
      const h = res.headers();
      const where = `${file} ${url} as ${email}: ${res.status()}`;
      expect(res.status(), where).toBeLessThan(500);
      expect(h["content-security-policy"], where).toMatch(/(^|;)\s*script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
      expect(h["content-security-policy"], where).toContain("frame-ancestors 'none'");
      expect(h["content-security-policy"], where).toContain("object-src 'none'");
      expect(h["content-security-policy"], where).toContain("base-uri 'self'");
      expect(h["content-security-policy"], where).toContain("form-action 'self'");
      expectNosniff(h["x-content-type-options"], where);
      expect(h["referrer-policy"], where).toBe("same-origin");
      expect(h["x-frame-options"], where).toBe("SAMEORIGIN");
      expect(h["x-powered-by"], where).toBeUndefined();
      if (res.status() === 200) seenOk.add(file);
      if ((h["content-type"] ?? "").startsWith("text/html")) {
        const nonce = h["content-security-policy"]!.match(/'nonce-([^']+)'/)![1]!;
        const html = await res.text();
        for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
          if (!/\bsrc=/.test(tag)) expect(tag, where).toContain(`nonce="${nonce}"`);
        }
      }
      if (res.status() === 200) break;
    }
  }
  // Every page opened for someone: nothing was only ever seen as an error.
  // Pages a signed-in user never opens: sign-in and out, a link mailed to someone, and a section the
  // manager has not opened to the partner yet (the partner-intake spec opens one).
  const elsewhere = ["$.tsx", "_index.tsx", "logout.tsx", "login.tsx", "forgot-password.tsx", "password.$token.tsx", "partner.intake.$id.tsx"];
  const neverOk = loaders.filter((l) => !seenOk.has(l.file) && !elsewhere.includes(l.file)).map((l) => l.file);
  expect(neverOk).toEqual([]);
  // Each page gets its own nonce.
  const a = (await contexts["manager@demo.test"]!.get("/engagements")).headers()["content-security-policy"];
  const b = (await contexts["manager@demo.test"]!.get("/engagements")).headers()["content-security-policy"];
  expect(a).not.toBe(b);
  for (const context of Object.values(contexts)) await context.dispose();
});

test("every response to a signed-in user, page or data, is private and never stored", async ({ playwright, baseURL }) => {
  test.setTimeout(180_000);
  const USERS = ["manager@demo.test", "leader@demo.test", "admin@demo.test", "partner@demo.test"];
  const pages = routes("loader");
  for (const email of USERS) {
    const context = await playwright.request.newContext({ baseURL });
    await signedIn(context, email);
    for (const { file, url } of pages) {
      // The document, and the same route's data as the app fetches it on navigation.
      for (const address of [url, `${url === "/" ? "/_root" : url}.data`]) {
        const res = await context.get(address, { maxRedirects: 0 });
        const where = `${file} ${address} as ${email}: ${res.status()}`;
        expect(res.status(), where).toBeLessThan(500);
        expect(res.headers()["cache-control"], where).toBe("private, no-store");
      }
    }
    await context.dispose();
  }
});

test("downloads are attachments that are never cached", async ({ request }) => {
  test.setTimeout(120_000);
  await signedIn(request, "manager@demo.test");
  const downloads = [
    { url: "/engagements/1/versions/1/docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    { url: "/engagements/1/versions/1/pdf", type: "application/pdf" },
    { url: "/engagements/1/driver-diagram/csv", type: "text/csv" },
    { url: "/engagements/1/audit.csv", type: "text/csv" },
    { url: "/engagements/1/export", type: "application/json" },
    { url: "/engagements/1/driver-diagram/mmd", type: "text/plain" },
  ];
  for (const { url, type } of downloads) {
    const res = await request.get(url, { maxRedirects: 0 });
    const h = res.headers();
    expect(res.status(), url).toBe(200);
    expect(h["content-type"], url).toContain(type);
    expect(h["content-disposition"], url).toMatch(/^attachment; filename="[a-z0-9][a-z0-9.-]*"; filename\*=UTF-8''[A-Za-z0-9%._-]+$/);
    expect(h["cache-control"], url).toContain("no-store");
    expectNosniff(h["x-content-type-options"], url);
    expect((await res.body()).length, url).toBeGreaterThan(0);
  }
  // The JSON API is not a download, but it is never cached either.
  const api = await request.get("/api/engagements/1");
  expect(api.headers()["cache-control"]).toContain("no-store");
});

test("a malformed or forged session cookie is no session: a redirect to sign in, never a 500", async ({ playwright, baseURL }) => {
  for (const cookie of ["pp_session=%E0%A4%A", "pp_session=", `pp_session=${"A".repeat(4000)}`, "pp_session=%00", "pp_session=a=b=c"]) {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Cookie: cookie } });
    const page = await context.get("/engagements", { maxRedirects: 0 });
    expect(page.status(), cookie.slice(0, 30)).toBe(302);
    expect(page.headers().location, cookie.slice(0, 30)).toBe("/login?redirectTo=%2Fengagements");
    const api = await context.get("/api/engagements", { maxRedirects: 0 });
    expect(api.status(), cookie.slice(0, 30)).toBe(401);
    await context.dispose();
  }
});
