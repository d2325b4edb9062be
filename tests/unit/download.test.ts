import { describe, expect, it } from "vitest";
import { attachment, contentDisposition, fileName } from "~/lib/download";

/** What a browser does with the header: the RFC 5987 name when there is one, else the plain one. */
function savedAs(header: string): string {
  const extended = /filename\*=UTF-8''([^;]+)/.exec(header);
  return extended ? decodeURIComponent(extended[1]!) : /filename="([^"]*)"/.exec(header)![1]!;
}

describe("the one rule for a download's file name", () => {
  it("keeps the title's words, lower case, joined by hyphens, then what the file is", () => {
    expect(fileName("Northshire patient safety partnership", "v2-draft.docx")).toEqual({
      utf8: "northshire-patient-safety-partnership-v2-draft.docx",
      ascii: "northshire-patient-safety-partnership-v2-draft.docx",
    });
    expect(fileName("  Sepsis -- 2027 / Phase II  ", "bundle.json").utf8).toBe("sepsis-2027-phase-ii-bundle.json");
  });

  it("keeps letters of every script in the UTF-8 name and spells them in ASCII for the fallback", () => {
    expect(fileName("Hôpital Saint-Éloi : sécurité", "audit.csv")).toEqual({
      utf8: "hôpital-saint-éloi-sécurité-audit.csv",
      ascii: "hopital-saint-eloi-securite-audit.csv",
    });
    expect(fileName("Straße Ærø Łódź", "v1.pdf").ascii).toBe("strasse-aero-lodz-v1.pdf");
    expect(fileName("東京都立病院 安全", "v1.pdf", "proposal")).toEqual({ utf8: "東京都立病院-安全-v1.pdf", ascii: "proposal-v1.pdf" });
    expect(fileName("مستشفى الأمل", "driver-diagram.csv").utf8).toBe("مستشفى-الأمل-driver-diagram.csv");
  });

  it("reads the same whether an accent was typed as one character or two, and widens nothing", () => {
    const composed = fileName("Caf\u00e9 Ｒｉｖｅｒｓｉｄｅ", "bundle.json");
    const decomposed = fileName("Cafe\u0301 Riverside", "bundle.json");
    expect(composed).toEqual(decomposed);
    expect(composed.utf8).toBe("café-riverside-bundle.json");
  });

  it.each([
    ["../../etc/passwd", "etc-passwd-v1.pdf"],
    ['evil"; filename="x.exe', "evil-filename-x-exe-v1.pdf"],
    ["line\r\nSet-Cookie: a=b", "line-set-cookie-a-b-v1.pdf"],
    ["nul\u0000byte\u202Egnp.exe", "nul-byte-gnp-exe-v1.pdf"],
    ["C:\\Windows\\System32", "c-windows-system32-v1.pdf"],
    ["<script>alert(1)</script>", "script-alert-1-script-v1.pdf"],
    ["%2e%2e%2f", "2e-2e-2f-v1.pdf"],
    ["🚑 emergency 🏥", "emergency-v1.pdf"],
  ])("makes the hostile title %j inert", (title, expected) => {
    const name = fileName(title, "v1.pdf");
    expect(name.utf8).toBe(expected);
    expect(name.ascii).toBe(expected);
  });

  it("leaves out what cannot be seen: an emoji's variation selector, joiners, zero-width spaces and soft hyphens", () => {
    expect(fileName("Safer nights on call \u{1F319}\uFE0F \u2013 O'Brien wards", "v1.pdf")).toEqual({
      utf8: "safer-nights-on-call-o-brien-wards-v1.pdf",
      ascii: "safer-nights-on-call-o-brien-wards-v1.pdf",
    });
    expect(fileName("Nurse-led \u{1F469}\u200D\u2695\uFE0F rounds", "v1.pdf").utf8).toBe("nurse-led-rounds-v1.pdf");
    expect(fileName("Pa\u200Btient safe\u00ADty", "v1.pdf").utf8).toBe("patient-safety-v1.pdf");
    expect(contentDisposition(fileName("Safer nights on call \u2764\uFE0F", "v1.pdf"))).not.toMatch(/%EF%B8%8F|%E2%80%8B/);
  });

  it("falls back when a title has no letters or digits, and stops at sixty characters", () => {
    expect(fileName("!!! ??? ...", "v1.docx", "proposal").utf8).toBe("proposal-v1.docx");
    expect(fileName("", "audit.csv").ascii).toBe("engagement-audit.csv");
    const long = fileName(`${"abc ".repeat(40)}`, "bundle.json");
    expect(long.utf8.length).toBeLessThanOrEqual(60 + "-bundle.json".length);
    expect(long.utf8).not.toMatch(/--|^-/);
    const emoji = fileName("🏥".repeat(100) + "ward", "x.csv");
    expect(emoji.utf8).toBe("ward-x.csv");
    const cjk = fileName("病".repeat(100), "x.csv");
    expect(Array.from(cjk.utf8.replace("-x.csv", ""))).toHaveLength(60);
  });
});

describe("the attachment header", () => {
  it("names the file twice: plain ASCII in filename, UTF-8 in filename* (RFC 6266)", () => {
    const header = contentDisposition(fileName("Hôpital (Nord) 's", "v1-draft.docx"));
    expect(header).toBe(`attachment; filename="hopital-nord-s-v1-draft.docx"; filename*=UTF-8''h%C3%B4pital-nord-s-v1-draft.docx`);
    expect(savedAs(header)).toBe("hôpital-nord-s-v1-draft.docx");
    expect(header).toMatch(/^[\x20-\x7e]+$/);
  });

  it("never lets a title add a header, a parameter or a path", () => {
    for (const title of ["a\"; filename*=UTF-8''x.exe", "x\r\nLocation: /evil", "../..\\secret", "a;b,c=d"]) {
      const header = contentDisposition(fileName(title, "v1.pdf"));
      expect(header, title).toMatch(/^attachment; filename="[a-z0-9-]+\.pdf"; filename\*=UTF-8''[A-Za-z0-9%._-]+\.pdf$/);
      expect(savedAs(header), title).not.toMatch(/[/\\\r\n"]|\.\./);
    }
  });

  it("sends text or bytes as a file that is never cached, with its length in bytes", async () => {
    const res = attachment("é,ü\n", fileName("Riverside", "audit.csv"), "text/csv; charset=utf-8");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Content-Length")).toBe("6");
    expect(await res.text()).toBe("é,ü\n");
    expect(savedAs(res.headers.get("Content-Disposition")!)).toBe("riverside-audit.csv");
  });
});
