import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { CommonWordingSchema, MethodWordingSchema, ResultsLibrarySchema, type MethodWording, type ProposalWording } from "~/domain/proposal-templates";
import { METHODS, type Method } from "~/domain/methods";

export class ProposalTemplateError extends Error {}

function load<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ProposalTemplateError(`${file}: cannot be read as JSON (${(e as Error).message}).`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ProposalTemplateError(`${file}: ${first.path.join(".") || "(file)"}: ${first.message}`);
  }
  return parsed.data;
}

let cached: { root: string; wording: ProposalWording } | undefined;

/** The proposal wording and results library from docs-templates/, validated; cached per root. */
export function getProposalWording(root = process.cwd()): ProposalWording {
  if (cached?.root === root && process.env.NODE_ENV === "production") return cached.wording;
  const dir = path.join(root, "docs-templates");
  const methods = Object.fromEntries(
    METHODS.map((m) => {
      const wording = load(path.join(dir, "proposal", `${m}.json`), MethodWordingSchema);
      if (wording.method !== m) throw new ProposalTemplateError(`proposal/${m}.json: method must be "${m}".`);
      return [m, wording];
    })
  ) as Record<Method, MethodWording>;
  const wording: ProposalWording = {
    common: load(path.join(dir, "proposal", "common.json"), CommonWordingSchema),
    methods,
    results: load(path.join(dir, "evidence", "results.json"), ResultsLibrarySchema).entries,
  };
  cached = { root, wording };
  return wording;
}
