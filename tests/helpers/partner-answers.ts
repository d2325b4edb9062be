import * as partnerPage from "~/routes/partner.engagements.$id";
import { callAction } from "./requests";

/**
 * The partner's executive accepts version `number` from their proposal's page, signing as `signer`,
 * choosing `option` where the version offers several. Returns the action's answer.
 */
export function partnerAccepts(
  engagementId: number,
  number: number,
  {
    option,
    as = "partner@demo.test",
    signer = { name: "Helen Marsh", title: "Chief Executive" },
  }: { option?: string; as?: string; signer?: { name: string; title: string } } = {}
) {
  return callAction(partnerPage.action, {
    path: `/partner/engagements/${engagementId}`,
    params: { id: String(engagementId) },
    as,
    form: {
      intent: "respond",
      number: String(number),
      response: "accepted",
      reason: "",
      ...(option ? { option } : {}),
      signerName: signer.name,
      signerTitle: signer.title,
      confirm: "on",
    },
  });
}
