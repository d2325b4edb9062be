import { describe, expect, it } from "vitest";
import { deflateSync } from "node:zlib";
import * as page from "~/routes/admin.organisation";
import * as login from "~/routes/login";
import { readProposer } from "~/models/organisation-profile.server";
import { useTestDatabase } from "../helpers/db";
import { callAction, callLoader, formAnswer } from "../helpers/requests";

useTestDatabase();

/** A real 2×1 PNG: signature, IHDR, IDAT, IEND, with their checksums. */
function tinyPng(): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.from([0, 11, 85, 99, 242, 177, 52]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", deflateSync(raw)),
      chunk("IEND", Buffer.alloc(0)),
    ])
  );
}

const FIELDS = {
  name: "Harbourside Quality Institute",
  shortName: "Harbourside",
  address: "1 Quay Street",
  brandColour: "#224466",
  contactName: "Sam Okafor",
  contactEmail: "sam.okafor@harbourside.example",
  contactPhone: "+44 1632 960 001",
  signatoryName: "Prof. Lena Byrne",
  signatoryTitle: "President",
  legalFooter: "Harbourside Quality Institute, a registered charity.",
  offerValidDays: "60",
};

async function save(fields: Record<string, string>, logo?: { bytes: Uint8Array | string; name: string; type: string }, as = "admin@demo.test") {
  const version = String(((await callLoader(page.loader, { path: "/admin/organisation", as: "admin@demo.test" })).data as { version: number }).version);
  const body = new FormData();
  for (const [k, v] of Object.entries({ version, ...fields })) body.append(k, v);
  if (logo) body.append("logo", new File([typeof logo.bytes === "string" ? logo.bytes : Buffer.from(logo.bytes)], logo.name, { type: logo.type }));
  return callAction(page.action, { path: "/admin/organisation", as, body });
}

const svg = (inner: string, attrs = "") =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attrs}>${inner}</svg>`;

describe("our organisation's profile", () => {
  it("the demo names a plausible organisation, its signatory and its logo", () => {
    const p = readProposer();
    expect(p.name).toBe("Northbridge Institute for Health Improvement");
    expect(p.signatory).toEqual({ name: "Dr Ana Ruiz", title: "Chief Executive" });
    expect(p.logo?.type).toBe("image/png");
  });

  it("an administrator saves every field and a real PNG logo, and the sign-in page shows them", async () => {
    expect((await save(FIELDS, { bytes: tinyPng(), name: "logo.png", type: "image/png" })).status).toBe(303);
    const p = readProposer();
    expect(p).toMatchObject({
      name: FIELDS.name,
      shortName: "Harbourside",
      brandColour: "#224466",
      signatory: { name: "Prof. Lena Byrne", title: "President" },
    });
    expect(p.contact).toEqual({ name: "Sam Okafor", email: "sam.okafor@harbourside.example", phone: "+44 1632 960 001" });
    expect(p.logo?.dataUri.startsWith("data:image/png;base64,iVBORw0KGgo")).toBe(true);
    const signIn = await callLoader(login.loader, { path: "/login" });
    expect(signIn.data).toMatchObject({ organisation: { name: FIELDS.name } });
  });

  it.each([
    ["a script", svg(`<script>alert(1)</script>`), "<script>"],
    ["an event handler", svg(`<rect width="5" height="5"/>`, ` onload="alert(1)"`), "event handler"],
    ["an external image", svg(`<image href="https://evil.example/x.png" width="5" height="5"/>`), "<image>"],
    ["a link", svg(`<use xlink:href="https://evil.example/sprite.svg#a"/>`), "outside itself"],
    ["an external stylesheet in a style", svg(`<rect style="fill:url(https://evil.example/x)" width="5" height="5"/>`), "outside itself"],
    ["an entity", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg("<text>&x;</text>")}`, "entities"],
    ["foreign content", svg(`<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>`), "<foreignobject>"],
  ])("refuses an SVG logo with %s next to the field, keeping what was typed", async (_what, text, message) => {
    const before = readProposer();
    const res = await save({ ...FIELDS, name: "Typed Before The Refusal" }, { bytes: text, name: "logo.svg", type: "image/svg+xml" });
    expect(res.status).toBe(400);
    const answer = formAnswer(res);
    expect(answer.errors.logo).toContain(message);
    expect(answer.values.name).toBe("Typed Before The Refusal");
    expect(readProposer()).toEqual(before);
  });

  it("refuses a file that only claims to be a PNG, and one over the size limit", async () => {
    const fake = await save(FIELDS, { bytes: "GIF89a not a png", name: "logo.png", type: "image/png" });
    expect(fake.status).toBe(400);
    expect(formAnswer(fake).errors.logo).toBe("The logo must be a PNG or an SVG picture.");
    const big = new Uint8Array(101 * 1024);
    big.set(tinyPng());
    const large = await save(FIELDS, { bytes: big, name: "logo.png", type: "image/png" });
    expect(formAnswer(large).errors.logo).toContain("larger than 100 KB");
  });

  it("accepts a clean SVG with an internal gradient", async () => {
    const clean = svg(`<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs><rect fill="url(#g)" width="5" height="5"/>`);
    expect((await save(FIELDS, { bytes: clean, name: "logo.svg", type: "image/svg+xml" })).status).toBe(303);
    expect(readProposer().logo?.type).toBe("image/svg+xml");
  });

  it("refuses a colour that is not a hex colour, next to its field", async () => {
    const res = await save({ ...FIELDS, brandColour: "red; background:url(x)" });
    expect(res.status).toBe(400);
    expect(formAnswer(res).errors.brandColour).toContain("six hexadecimal digits");
  });

  it("keeps how long a proposal stands as its own setting, 90 days in the demo, out of the footer's words", async () => {
    const demo = readProposer();
    expect(demo.offerValidDays).toBe(90);
    expect(demo.legalFooter).toBe(
      "Northbridge Institute for Health Improvement is a not-for-profit company limited by guarantee. This proposal is confidential to its addressee."
    );
    expect((await save({ ...FIELDS, offerValidDays: " 45 " })).status).toBe(303);
    expect(readProposer().offerValidDays).toBe(45);
  });

  it.each([["0"], ["366"], ["12.5"], ["ninety"], ["-3"]])("refuses %j days for a proposal next to the field, keeping what was typed", async (days) => {
    const before = readProposer();
    const res = await save({ ...FIELDS, offerValidDays: days });
    expect(res.status).toBe(400);
    const answer = formAnswer(res);
    expect(answer.errors.offerValidDays).toBe("A proposal stands for a whole number of days, from 1 to 365.");
    expect(answer.values.offerValidDays).toBe(days);
    expect(readProposer()).toEqual(before);
  });

  it("asks for the days when they are left empty", async () => {
    const res = await save({ ...FIELDS, offerValidDays: "" });
    expect(formAnswer(res).errors.offerValidDays).toBe("Enter how many days a proposal stands.");
  });

  it("a save made meanwhile is a conflict, not a lost update", async () => {
    const body = new FormData();
    for (const [k, v] of Object.entries({ version: "0", ...FIELDS })) body.append(k, v);
    const res = await callAction(page.action, { path: "/admin/organisation", as: "admin@demo.test", body });
    expect(res.status).toBe(409);
  });
});
