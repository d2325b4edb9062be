/**
 * A POST to a page with no action (a bot, a stale form, a hand-made request) is the sender's mistake:
 * Remix answers 405 itself, and the app's entry (app/entry.server.tsx) keeps it out of the log and
 * says what the page takes, once for every route. Real failures are still logged. Remix's own request
 * handler runs here, with the app's entry and error page, over stand-in routes.
 */
import { createElement } from "react";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { describe, expect, it, vi } from "vitest";
import * as entry from "~/entry.server";
import { RouteErrorBoundary } from "~/components/error-page";
import * as docxRoute from "~/routes/engagements.$id.versions.$number.docx";
import * as apiEngagementRoute from "~/routes/api.engagements.$id";

const route = (id: string, path: string, module: Record<string, unknown>, parentId?: string) => ({ id, path, parentId, module });
const manifestEntry = (id: string, module: Record<string, unknown>, parentId?: string) => ({
  id,
  parentId,
  path: id === "root" ? "" : id,
  module: `/${id}.js`,
  hasAction: "action" in module,
  hasLoader: "loader" in module,
  hasClientAction: false,
  hasClientLoader: false,
  hasErrorBoundary: "ErrorBoundary" in module,
});

const root = { default: () => createElement(Outlet), ErrorBoundary: RouteErrorBoundary };
const page = { loader: () => ({ ok: true }), default: () => createElement("p", null, "A page to read") };
const failing = { loader: () => ({ ok: true }), action: () => Promise.reject(new Error("The database went away")), default: () => null };
const download = { loader: () => new Response("a file") };

const build = {
  mode: "production",
  entry: { module: entry },
  routes: {
    root: route("root", "", root),
    page: route("page", "page", page, "root"),
    failing: route("failing", "failing", failing, "root"),
    download: route("download", "download", download, "root"),
  },
  assets: {
    entry: { module: "/entry.js", imports: [] },
    routes: {
      root: manifestEntry("root", root),
      page: manifestEntry("page", page, "root"),
      failing: manifestEntry("failing", failing, "root"),
      download: manifestEntry("download", download, "root"),
    },
    url: "/manifest.js",
    version: "1",
  },
  publicPath: "/build/",
  assetsBuildDirectory: "public/build",
  future: {},
  isSpaMode: false,
} as unknown as ServerBuild;

const handle = createRequestHandler(build, "production");
const post = (path: string) => handle(new Request(`http://127.0.0.1${path}`, { method: "POST", body: new URLSearchParams({ x: "1" }) }));

describe("a POST to a page without an action", () => {
  it("is a 405 that says what the page takes, with a page that names no module, and nothing logged", async () => {
    const res = await post("/page");
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("GET, HEAD");
    const html = await res.text();
    expect(html).toContain("This page does not take that request");
    expect(html).not.toContain("did not provide an `action`");
    // The test set-up fails any test that logs an error: reaching here unlogged is the point.
  });

  it("to a download (a route with no page) is a 405 too, unlogged", async () => {
    const res = await post("/download");
    expect(res.status).toBe(405);
  });

  it("to one of the app's downloads says in words what the address takes, as the API does in its own shape", async () => {
    const download = await docxRoute.action({ request: new Request("http://127.0.0.1/engagements/1/versions/1/docx", { method: "POST" }) });
    expect(download.status).toBe(405);
    expect(download.headers.get("Allow")).toBe("GET, HEAD");
    expect(await download.text()).toBe("This address is only read: open it as a link, which asks for it with GET, not POST.");
    const api = await apiEngagementRoute.action({ request: new Request("http://127.0.0.1/api/engagements/1", { method: "DELETE" }) });
    expect(api.status).toBe(405);
    expect(api.headers.get("Allow")).toBe("GET, HEAD");
    expect(await api.json()).toEqual({ error: "This address is only read: ask for it with GET, not DELETE." });
  });

  it("is told apart from a real failure, which is still logged with its stack", async () => {
    const logged: unknown[] = [];
    vi.mocked(console.error).mockImplementation((e: unknown) => void logged.push(e));
    const res = await post("/failing");
    expect(res.status).toBe(500);
    expect(logged).toHaveLength(1);
    expect((logged[0] as Error).message).toBe("The database went away");
    expect((logged[0] as Error).stack).toContain("no-action.test.ts");
  });
});
