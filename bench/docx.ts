/*
 * Proposal .docx generation, median over RUNS runs, three ways:
 *   cached   — what GET …/versions/N/docx does the first time: the version, its approval state and its
 *              stored pictures read from the database, then renderProposalDocx;
 *   kept     — what GET …/versions/N/docx does once the version's document has been made: the version
 *              and its approval state read, the document served as stored (storedDocument);
 *   uncached — the pictures drawn with mermaid in the shared headless Chromium each time (warm page,
 *              as in a running server), then renderProposalDocx;
 *   baseline — the docx library alone writing a document of the same size: the same paragraphs (same
 *              text), tables (same rows and cells) and images (same PNGs), no styles, numbering,
 *              headers, table of contents, page-number layout or repacking.
 *
 *   npx tsx --tsconfig tsconfig.json bench/docx.ts <database> <version id> [runs]   (project root as cwd)
 * Prints one line of JSON.
 */
import inspector from "node:inspector";
import { performance } from "node:perf_hooks";
import { Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { strFromU8, unzipSync } from "fflate";
import type { PictureKey, Pictures } from "~/domain/proposal-content";
import { approvalStateOf, getVersion, readPictures } from "~/models/proposal.server";
import { closeBrowser } from "~/services/browser.server";
import { getDb, openDb, setDb } from "~/services/db.server";
import { renderProposalDocx } from "~/services/docx.server";
import { renderMermaid } from "~/services/mermaid-render.server";
import { editionOf, storedDocument } from "~/models/proposal-documents.server";

const [file, versionArg, runsArg] = process.argv.slice(2);
if (!file || !versionArg) throw new Error("usage: docx.ts <database> <version id> [runs]");
const RUNS = Number(runsArg ?? 20);
setDb(openDb(file));
const db = getDb();
const row = db.$client
  .prepare(
    "select v.engagement_id as engagementId, v.number as number, e.owner_id as ownerId from proposal_versions v join engagements e on e.id = v.engagement_id where v.id = ?"
  )
  .get(Number(versionArg)) as { engagementId: number; number: number; ownerId: number };
const actor = { id: row.ownerId, role: "manager" as const, organisationId: null };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(s.length / 2) - 1]!;
};
async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ median: number; min: number; max: number; runs: number; last: T }> {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await work();
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs, last };
}

// What the download route does, pictures read from the database.
const cachedOnce = async () => {
  const version = getVersion(actor, row.engagementId, row.number);
  const made = editionOf(actor, version, "partner");
  return renderProposalDocx(made.content, readPictures(db, version.id), made.approval);
};

// The same with the pictures drawn afresh, as if nothing were stored.
const uncachedOnce = async () => {
  const version = getVersion(actor, row.engagementId, row.number);
  const made = editionOf(actor, version, "partner");
  const pictures: Pictures = {};
  for (const [key, source] of Object.entries(version.content.pictureSources) as [PictureKey, string][]) {
    pictures[key] = await renderMermaid(source, { kind: key === "timeline" ? "gantt" : "flowchart" });
  }
  return renderProposalDocx(made.content, pictures, made.approval);
};

// Warm-up: module initialisation and JIT, not measured.
const sample = await cachedOnce();
await cachedOnce();
const cached = await timed(RUNS, cachedOnce);

// The download route after the first download of this version in this approval state.
const keptOnce = async () => {
  const version = getVersion(actor, row.engagementId, row.number);
  return (await storedDocument(version, editionOf(actor, version, "partner"), "docx"))!.bytes;
};
const keptFirst = await keptOnce();
if (Buffer.compare(Buffer.from(keptFirst), Buffer.from(sample)) !== 0) throw new Error("The kept document differs from the one generated.");
const kept = await timed(RUNS, keptOnce);

/*
 * Where the cached generation's time goes: a CPU profile of a few runs, the share spent inside the
 * docx library's page layout (filling in the table of contents' page numbers and "Page X of Y").
 */
async function profileShares(runs: number): Promise<Record<string, number>> {
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 200 });
  await post("Profiler.start");
  for (let i = 0; i < runs; i++) await cachedOnce();
  const { profile } = await post<{
    profile: { nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[]; samples: number[]; timeDeltas: number[] };
  }>("Profiler.stop");
  session.disconnect();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const groups: Record<string, (f: { functionName: string; url: string }) => boolean> = {
    pageNumberLayout: (f) => f.functionName === "fillPageNumbers",
    tableOfContents: (f) => f.functionName === "fillTablesOfContents",
    docxPacker: (f) => f.functionName === "toBuffer" && f.url.includes("docx"),
    appRepacking: (f) =>
      ["stabiliseIds", "alignTableOfContents", "fixCoreDates", "repack"].includes(f.functionName) ||
      (f.functionName === "unzipSync" && f.url.includes("fflate")),
    buildDocument: (f) => f.functionName === "buildDocument",
    readVersion: (f) => ["getVersion", "readPictures", "approvalStateOf"].includes(f.functionName),
  };
  const totals: Record<string, number> = { all: 0 };
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i]!;
    // Everything the process did while the runs went on, but waiting.
    if (byId.get(id)!.callFrame.functionName === "(idle)") return;
    const hit = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const f = byId.get(x)!.callFrame;
      for (const [g, test] of Object.entries(groups)) if (test(f)) hit.add(g);
    }
    totals.all! += dt;
    for (const g of hit) totals[g] = (totals[g] ?? 0) + dt;
  });
  return Object.fromEntries(
    Object.entries(totals)
      .filter(([k]) => k !== "all")
      .map(([k, v]) => [k, Math.round((v / totals.all!) * 1000) / 1000])
  );
}
const shares = await profileShares(Math.min(5, RUNS));

/* ----- the document's shape, read back from what the app wrote ----- */
type Para = { text: string; image: number | null };
type Tbl = { rows: Para[][][] };
type Node = { kind: "p"; p: Para } | { kind: "tbl"; t: Tbl };

function shape(docx: Uint8Array) {
  const files = unzipSync(docx);
  const xml = strFromU8(files["word/document.xml"]!);
  const body = xml.slice(xml.indexOf("<w:body>"), xml.lastIndexOf("</w:body>"));
  const nodes: Node[] = [];
  // A stack of open tables / rows / cells / paragraphs.
  const tables: { t: Tbl; row: Para[][] | null; cell: Para[] | null }[] = [];
  let para: Para | null = null;
  let images = 0;
  const tag = /<(\/?)w:(tbl|tr|tc|p|t|drawing)(?=[\s>/])([^>]*?)(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(body))) {
    const [, close, name, , selfClose] = m;
    const top = tables[tables.length - 1];
    if (name === "tbl") {
      if (!close) tables.push({ t: { rows: [] }, row: null, cell: null });
      else {
        const done = tables.pop()!;
        const outer = tables[tables.length - 1];
        if (!outer) nodes.push({ kind: "tbl", t: done.t });
      }
    } else if (name === "tr" && top) {
      if (!close) top.t.rows.push((top.row = []));
    } else if (name === "tc" && top && top.row) {
      if (!close) top.row.push((top.cell = []));
    } else if (name === "p") {
      if (!close && !selfClose) para = { text: "", image: null };
      else if (!close && selfClose) {
        if (top?.cell) top.cell.push({ text: "", image: null });
        else nodes.push({ kind: "p", p: { text: "", image: null } });
      } else if (close && para) {
        if (top?.cell) top.cell.push(para);
        else nodes.push({ kind: "p", p: para });
        para = null;
      }
    } else if (name === "t" && !close && !selfClose && para) {
      const end = body.indexOf("</w:t>", tag.lastIndex);
      para.text += body
        .slice(tag.lastIndex, end)
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, "&");
    } else if (name === "drawing" && !close && para) {
      para.image = images++;
    }
  }
  const counts = { paragraphs: 0, tables: 0, rows: 0, cells: 0, images, textChars: 0, bytes: docx.length };
  const countPara = (p: Para) => {
    counts.paragraphs++;
    counts.textChars += p.text.length;
  };
  for (const n of nodes) {
    if (n.kind === "p") countPara(n.p);
    else {
      counts.tables++;
      for (const r of n.t.rows) {
        counts.rows++;
        for (const c of r) {
          counts.cells++;
          c.forEach(countPara);
        }
      }
    }
  }
  return { nodes, counts };
}

const appShape = shape(sample);
const version = getVersion(actor, row.engagementId, row.number);
const stored = readPictures(db, version.id);
// The document's images in the order they appear, with the sizes the app gave them.
const imageOrder = version.content.sections
  .flatMap((s) => [...s.blocks, ...(s.subsections ?? []).flatMap((x) => x.blocks)])
  .filter((b): b is Extract<typeof b, { type: "picture" }> => b.type === "picture")
  .map((b) => stored[b.picture])
  .filter((p): p is NonNullable<typeof p> => Boolean(p && p.png.length));

// The same shape written with the docx library and nothing else.
async function baselineOnce() {
  const paragraph = (p: Para) => {
    const picture = p.image !== null ? imageOrder[p.image] : undefined;
    return new Paragraph({
      children: picture
        ? [
            new ImageRun({
              type: "png",
              data: picture.png,
              transformation: { width: Math.min(642, picture.width), height: Math.round((Math.min(642, picture.width) / picture.width) * picture.height) },
            }),
          ]
        : [new TextRun(p.text)],
    });
  };
  const children = appShape.nodes.map((n) =>
    n.kind === "p"
      ? paragraph(n.p)
      : new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: n.t.rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: c.length ? c.map(paragraph) : [new Paragraph("")] })) })),
        })
  );
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
await baselineOnce();
await baselineOnce();
const baseline = await timed(RUNS, baselineOnce);
const baselineShape = shape(baseline.last);

// Uncached last: it starts the browser. The first (cold) render is reported on its own.
const t0 = performance.now();
let coldError: string | null = null;
let cold = NaN;
let uncached: Awaited<ReturnType<typeof timed>> | null = null;
try {
  await uncachedOnce();
  cold = performance.now() - t0;
  uncached = await timed(RUNS, uncachedOnce);
} catch (e) {
  coldError = (e as Error).message.split("\n")[0]!;
}
await closeBrowser();

const strip = <T extends { last: unknown }>(x: T | null) => (x ? { ...x, last: undefined } : null);
console.log(
  JSON.stringify({
    version: {
      id: Number(versionArg),
      engagementId: row.engagementId,
      number: row.number,
      approval: approvalStateOf(version.id).status,
      pictures: Object.keys(stored),
    },
    runs: RUNS,
    cached: strip(cached),
    kept: strip(kept),
    cachedTimeShares: shares,
    uncached: strip(uncached),
    uncachedFirstMs: cold,
    uncachedError: coldError,
    baseline: strip(baseline),
    appShape: appShape.counts,
    baselineShape: baselineShape.counts,
  })
);
process.exit(0);
