import { DECISION_LABELS, type LeaderDecision } from "~/domain/workflow";
import { sentencesOf } from "~/domain/text";
import { formatDate } from "./ui";

type DecisionRecord = { leaderId: number; leaderName: string; decision: string; conditions: string; reason: string; at: string };

/** Each leader's decision on a request, in the past tense, with the conditions or reason they gave. */
export function DecisionRecordText({ d, strong = false }: { d: DecisionRecord; strong?: boolean }) {
  const said = DECISION_LABELS[d.decision as LeaderDecision["decision"]] ?? d.decision.replace(/_/g, " ");
  return (
    <>
      {d.leaderName}: {strong ? <strong>{said}</strong> : said}{" "}
      {sentencesOf(`on ${formatDate(d.at)}`, d.conditions && `Conditions: ${d.conditions}`, d.reason && `Reason: ${d.reason}`)}
    </>
  );
}
