import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { installedChromium } from "~/services/chromium.server.js";

let existsSync: ReturnType<typeof vi.spyOn> | undefined;

/** Pretends exactly `files` exist, and CHROMIUM_PATH is `env` (empty, as unset, when not given). */
function machineWith(files: string[], env?: string) {
  existsSync = vi.spyOn(fs, "existsSync").mockImplementation((file) => files.includes(String(file)));
  vi.stubEnv("CHROMIUM_PATH", env ?? "");
}

afterEach(() => {
  existsSync?.mockRestore();
  vi.unstubAllEnvs();
});

describe("the headless Chromium the app and the tests use", () => {
  it("is Debian's headless shell when it is installed, even beside the full browser", () => {
    machineWith(["/usr/bin/chromium", "/usr/bin/chromium-headless-shell"]);
    expect(installedChromium()).toBe("/usr/bin/chromium-headless-shell");
  });

  it("is the full browser where the headless shell is not installed", () => {
    machineWith(["/usr/bin/chromium"]);
    expect(installedChromium()).toBe("/usr/bin/chromium");
  });

  it("is CHROMIUM_PATH whenever it is set", () => {
    machineWith(["/usr/bin/chromium", "/usr/bin/chromium-headless-shell"], "/opt/chromium/chrome");
    expect(installedChromium()).toBe("/opt/chromium/chrome");
  });

  it("is none installed where neither is, so the packaged build is unpacked instead", () => {
    machineWith([]);
    expect(installedChromium()).toBeUndefined();
  });
});
