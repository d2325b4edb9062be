import { z } from "zod";
import { EngagementBundleSchema } from "~/domain/bundle";
import { readOnly } from "~/lib/read-only.server";

/** What the import also checks, which a JSON Schema cannot say. */
const BUNDLE_RULES = [
  "Besides this schema, an import checks:",
  "each evidence entry names the id of one of intake.needs.priorities (refused at its priority);",
  "each priority topic appears once;",
  "intake.scale.hardDeadline is not before intake.scale.desiredStart;",
  "intake.budget.budgetMax is not below budgetMin;",
  "a method.decision other than the one the intake leads to has an overrideReason;",
  "a method.decision.variant is a form of the method chosen (join_open_collaborative of collaborative, short_tailored of tailored), and openCollaborative is named only with join_open_collaborative;",
  "the driver diagram's and the timeline's references (parents, measures, dependencies) resolve;",
  "proposal.options have names of their own (compared without regard to case), and proposal.feeSetByHand is null or left out when there are options;",
  "a first wave (proposal.levers.firstWaveSites, and each option's) has at most the plan's sites: the timeline's number of sites or teams, else partner.sites; for a campaign, which enrols openly and has no waves, firstWaveSites is the number of sites our staff support.",
  "with method.decision.variant join_open_collaborative, no levers (proposal.levers, or an option's) hold events online (virtualSessions): the sessions are the host's;",
  "Format version 1 (without proposal) is still read.",
  "Every refusal names the path of the field at fault.",
].join(" ");

/** GET /api/schema: the JSON Schema of the engagement bundle, for integrations. Public, like any schema. */
export async function loader() {
  const schema = z.toJSONSchema(EngagementBundleSchema, { io: "input", unrepresentable: "any" });
  return Response.json(
    { title: "Partnership Planner engagement bundle", description: BUNDLE_RULES, ...schema },
    { headers: { "Cache-Control": "public, max-age=300" } }
  );
}

export const action = readOnly;
