import { z } from "zod";
import { EngagementBundleSchema } from "~/domain/bundle";

/** GET /api/schema: the JSON Schema of the engagement bundle, for integrations. Public, like any schema. */
export async function loader() {
  const schema = z.toJSONSchema(EngagementBundleSchema, { io: "input", unrepresentable: "any" });
  return Response.json({ title: "Partnership Planner engagement bundle", ...schema }, { headers: { "Cache-Control": "public, max-age=300" } });
}
