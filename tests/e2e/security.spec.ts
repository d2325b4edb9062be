import { expect, test } from "@playwright/test";
import { PASSWORD } from "./support";

test("cross-site POSTs are refused with 403 before they reach any action", async ({ request }) => {
  for (const path of ["/login", "/logout", "/engagements/new", "/engagements/1", "/admin/users"]) {
    const byOrigin = await request.post(path, { form: { email: "manager@demo.test", password: PASSWORD }, headers: { Origin: "https://evil.example" } });
    expect(byOrigin.status(), path).toBe(403);
    const bySite = await request.post(path, { form: { email: "manager@demo.test", password: PASSWORD }, headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(bySite.status(), path).toBe(403);
  }
  const sameOrigin = await request.post("/login", {
    form: { email: "manager@demo.test", password: PASSWORD },
    headers: { Origin: "http://127.0.0.1:3100" },
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
