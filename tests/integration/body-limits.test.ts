/**
 * Request bodies are capped while they stream, before anything parses them: the HTTP shell
 * (server/app.js, as server.js starts it) counts bytes as they arrive and stops reading at the limit
 * for the address. A real server is started here, and a 50 MB chunked body is sent to the sign-in
 * form and to the import; the bytes the server read from the connection are counted on its socket.
 * The app behind the shell is a stand-in that records what reached it: the shell is what is tested.
 */
import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BODY_LIMITS, bodyLimitFor } from "~/domain/body-limits";
import { createApp } from "../../server/app.js";

const MB = 1024 * 1024;
/** Headers, and what the kernel and Node read from a socket in one go beyond the byte that crossed the limit. */
const SLACK = 256 * 1024;

let server: http.Server;
let port: number;
const sockets: net.Socket[] = [];
let reached: { url: string; bytes: number }[] = [];

beforeAll(async () => {
  const app = createApp({
    handle: async (request: Request) => {
      reached.push({ url: request.url, bytes: (await request.arrayBuffer()).byteLength });
      return new Response("reached the app", { headers: { "Content-Type": "text/plain" } });
    },
    bodyLimitFor,
    allowedOrigins: ["http://127.0.0.1"],
    root: process.cwd(),
  });
  server = http.createServer(app);
  server.on("connection", (s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  reached = [];
});

type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders; serverRead: number; serverReadLater: number; clientSent: number };

/** Posts `total` bytes in chunks (no Content-Length) and answers what came back and what the server read. */
function post(path: string, opts: { total: number; contentType: string; declaredLength?: number; body?: Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "Content-Type": opts.contentType };
    if (opts.declaredLength !== undefined) headers["Content-Length"] = String(opts.declaredLength);
    else if (!opts.body) headers["Transfer-Encoding"] = "chunked";
    const req = http.request({ host: "127.0.0.1", port, path, method: "POST", headers });
    const socketsBefore = sockets.length;
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, "a");
    let answered = false;
    const pump = () => {
      while (!answered && sent < opts.total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", async () => {
        const socket = sockets[socketsBefore]!;
        const serverRead = socket.bytesRead;
        // A moment later the server has still read no more: it stopped, rather than draining the rest.
        await new Promise((r) => setTimeout(r, 300));
        resolve({ status: res.statusCode!, body, headers: res.headers, serverRead, serverReadLater: socket.bytesRead, clientSent: sent });
        req.destroy();
      });
    });
    // Writing after the server stopped reading may fail once the answer is in; that is expected.
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    if (opts.body) req.end(opts.body);
    else pump();
  });
}

describe("request bodies are capped while they stream", () => {
  it("a 50 MB chunked body to the sign-in form: 413 with a message, and the server read no more than the cap", async () => {
    const res = await post("/login", { total: 50 * MB, contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(413);
    expect(res.body).toContain("The sign-in form sent more than 16 KB");
    expect(res.serverRead).toBeGreaterThan(BODY_LIMITS.signIn.bytes);
    expect(res.serverRead).toBeLessThan(BODY_LIMITS.signIn.bytes + SLACK);
    expect(res.serverReadLater).toBe(res.serverRead);
    expect(reached).toEqual([]);
  });

  it("a 50 MB chunked upload to the import: 413 with a message, and the server read no more than its 5 MB cap", async () => {
    const res = await post("/engagements/import", { total: 50 * MB, contentType: "multipart/form-data; boundary=x" });
    expect(res.status).toBe(413);
    expect(res.body).toContain("The bundle is larger than 5 MB");
    expect(res.serverRead).toBeGreaterThan(BODY_LIMITS.bundle.bytes);
    expect(res.serverRead).toBeLessThan(BODY_LIMITS.bundle.bytes + SLACK);
    expect(res.serverReadLater).toBe(res.serverRead);
    expect(reached).toEqual([]);
  });

  it("the JSON API answers its 413 in JSON, with the error keyed as its other errors are", async () => {
    const res = await post("/api/engagements", { total: 50 * MB, contentType: "application/json" });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ errors: { "": BODY_LIMITS.bundle.message } });
    expect(res.serverRead).toBeLessThan(BODY_LIMITS.bundle.bytes + SLACK);
  });

  it("a declared length over the cap is refused before any of the body is read", async () => {
    const res = await post("/engagements/1/intake", { total: 0, declaredLength: 50 * MB, contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(413);
    expect(res.body).toContain("The form sent more than 256 KB");
    expect(res.serverRead).toBeLessThan(4096);
  });

  it("a body within the cap reaches the app whole, and what comes back is never stored by a cache", async () => {
    const body = Buffer.from(`email=manager%40demo.test&password=${"x".repeat(2000)}`);
    const res = await post("/login", { total: 0, body, contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(200);
    expect(reached).toEqual([{ url: `http://127.0.0.1:${port}/login`, bytes: body.length }]);
    expect(res.headers["cache-control"]).toBe("private, no-store");
  });
});

describe("addresses the app does not take", () => {
  it("answers the legacy ?_data form with 400, without reaching the app", async () => {
    const res = await new Promise<{ status: number; cache: string | undefined }>((resolve, reject) =>
      http
        .get({ host: "127.0.0.1", port, path: "/partner/engagements/1?_data=routes%2Fpartner.engagements.%24id", agent: false }, (r) => {
          r.resume();
          r.on("end", () => resolve({ status: r.statusCode!, cache: r.headers["cache-control"] }));
        })
        .on("error", reject)
    );
    expect(res).toEqual({ status: 400, cache: "private, no-store" });
    expect(reached).toEqual([]);
  });
});
