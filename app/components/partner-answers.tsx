import { signerText } from "~/domain/proposal-content";
import { formatDate } from "./ui";

export type PartnerAnswer = {
  number: number;
  response: "accepted" | "changes_requested";
  reason: string;
  at: string;
  by: string;
  /** For an acceptance: what was accepted ("Option B: Virtual, for a fee of …") and who signed. */
  accepted?: string | null;
  signerName?: string | null;
  signerTitle?: string | null;
};

/** The partner's answers to the versions, newest first: what they said, on which version, who and when, and for an acceptance what was accepted and who signed. */
export function PartnerAnswers({ answers }: { answers: PartnerAnswer[] }) {
  return (
    <ul className="reasons" data-answers>
      {answers.map((a) => (
        <li key={`${a.number}-${a.at}`}>
          <strong>{a.response === "accepted" ? "Accepted" : "Asked for changes"}</strong> on version {a.number} — {a.by}, {formatDate(a.at)}
          {a.reason ? `: ${a.reason}` : ""}
          {a.response === "accepted" && a.accepted ? (
            <>
              <br />
              {a.accepted}
              {a.signerName ? `; signed by ${signerText(a.signerName, a.signerTitle)}` : ""}.
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
