import { z } from "zod";

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

function notFound(message: string) {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/** The engagement id from the URL; anything that is not one is a 404, not a crash. */
export function engagementIdParam(params: { id?: string }): number {
  const id = Id.safeParse(params.id);
  if (!id.success) throw notFound("No such engagement.");
  return id.data;
}

export function idParam(params: Record<string, string | undefined>, name: string, what: string): number {
  const id = Id.safeParse(params[name]);
  if (!id.success) throw notFound(`No such ${what}.`);
  return id.data;
}

/** Which edition of a proposal document the URL asks for: the partner version unless it says `?edition=internal`. */
export function editionParam(request: Request): "partner" | "internal" {
  const edition = new URL(request.url).searchParams.get("edition");
  if (edition === null || edition === "partner") return "partner";
  if (edition === "internal") return "internal";
  throw notFound("No such edition: ask for the partner version or the internal briefing.");
}
