import { formatDate } from "./ui";

export type PartnerAnswer = { number: number; response: "accepted" | "changes_requested"; reason: string; at: string; by: string };

/** The partner's answers to the versions, newest first: what they said, on which version, who and when. */
export function PartnerAnswers({ answers }: { answers: PartnerAnswer[] }) {
  return (
    <ul className="reasons" data-answers>
      {answers.map((a) => (
        <li key={`${a.number}-${a.at}`}>
          <strong>{a.response === "accepted" ? "Accepted" : "Asked for changes"}</strong> on version {a.number} — {a.by}, {formatDate(a.at)}
          {a.reason ? `: ${a.reason}` : ""}
        </li>
      ))}
    </ul>
  );
}
