/**
 * `npm start` builds when it must: when there is no build, when the build is a development one (as
 * `npm run dev` leaves it), or when the sources, the dependencies or the build configuration changed.
 * `npm run dev` serves pages and takes each rebuild without restarting: it is started here, in a
 * copy of the project so that its development build never touches this checkout's.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildNeeded } from "../../scripts/lib/build-check.mjs";

const here = process.cwd();
const temps: string[] = [];
function tempDir(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm start builds when it must", () => {
  /** A project whose files were last changed an hour ago, with a build made half an hour ago. */
  function project(mode: "production" | "development" | null) {
    const root = tempDir("planner-start-");
    const hourAgo = new Date(Date.now() - 3600_000);
    for (const f of ["app/root.tsx", "db/schema.ts", "package.json", "package-lock.json", "remix.config.js", "tsconfig.json"]) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), "{}");
      fs.utimesSync(path.join(root, f), hourAgo, hourAgo);
    }
    if (mode) {
      fs.mkdirSync(path.join(root, "build"));
      fs.writeFileSync(path.join(root, "build/index.js"), `export const entry = {};\nconst mode = "${mode}";\nexport { mode };\n`);
      const halfHourAgo = new Date(Date.now() - 1800_000);
      fs.utimesSync(path.join(root, "build/index.js"), halfHourAgo, halfHourAgo);
    }
    return root;
  }
  const touch = (root: string, f: string) => fs.utimesSync(path.join(root, f), new Date(), new Date());

  it("serves a current production build as it is", () => {
    expect(buildNeeded(project("production"))).toBeNull();
  });

  it("builds when there is no build, or only a development one", () => {
    expect(buildNeeded(project(null))).toBe("there is no build yet");
    expect(buildNeeded(project("development"))).toBe("the build is a development build, not a production one");
  });

  it("builds when the sources, the dependencies or the build configuration changed", () => {
    for (const f of ["app/root.tsx", "package.json", "package-lock.json", "remix.config.js"]) {
      const root = project("production");
      touch(root, f);
      expect(buildNeeded(root), f).toBe(`${f.split("/")[0]} changed since the last build`);
    }
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A copy of the project to run `npm run dev` in: its own app/ (to edit), build/ and public/build/. */
function devCopy() {
  const root = tempDir("planner-dev-");
  for (const f of ["package.json", "remix.config.js", "tsconfig.json", "remix.env.d.ts", "server.js"]) fs.copyFileSync(path.join(here, f), path.join(root, f));
  fs.cpSync(path.join(here, "server"), path.join(root, "server"), { recursive: true });
  fs.cpSync(path.join(here, "app"), path.join(root, "app"), { recursive: true });
  for (const d of ["db", "docs-templates", "node_modules"]) fs.symlinkSync(path.join(here, d), path.join(root, d));
  fs.mkdirSync(path.join(root, "public"));
  fs.copyFileSync(path.join(here, "public/favicon.svg"), path.join(root, "public/favicon.svg"));
  return root;
}

async function until<T>(what: string, get: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await get();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

describe("npm run dev", () => {
  let dev: ChildProcess | undefined;
  afterAll(() => {
    if (dev?.pid) process.kill(-dev.pid, "SIGTERM");
  });

  it("serves a page, and the page as edited once it has rebuilt", async () => {
    const root = devCopy();
    const port = await freePort();
    let output = "";
    const env: Record<string, string | undefined> = {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: path.join(root, "planner.sqlite"),
      SEED_DEMO: "0",
      DRAW_PICTURES_AT_START: "0",
    };
    // The dev server sets its own NODE_ENV; vitest's "test" must not leak into it.
    delete env.NODE_ENV;
    dev = spawn("npm", ["run", "dev"], {
      cwd: root,
      detached: true,
      env: env as NodeJS.ProcessEnv,
    });
    dev.stdout!.on("data", (d) => (output += d));
    dev.stderr!.on("data", (d) => (output += d));
    const page = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/login`);
      return res.status === 200 ? await res.text() : undefined;
    };
    const first = await until("the first page", page, 150_000).catch((e) => {
      throw new Error(`${(e as Error).message}\n${output}`);
    });
    expect(first).toContain("<h1>Sign in</h1>");

    // An edit is rebuilt and served without a restart.
    const login = path.join(root, "app/routes/login.tsx");
    fs.writeFileSync(login, fs.readFileSync(login, "utf8").replace("<h1>Sign in</h1>", "<h1>Sign in to the planner</h1>"));
    const edited = await until("the edited page", async () => ((await page())?.includes("Sign in to the planner") ? true : undefined), 150_000).catch((e) => {
      throw new Error(`${(e as Error).message}\n${output}`);
    });
    expect(edited).toBe(true);
    expect(output).not.toMatch(/jsxDEV\w* is not a function|Error:/);
  }, 320_000);
});
