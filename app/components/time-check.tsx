import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { TimeCheckShown } from "~/domain/timeline-constraints";
import { TextField } from "~/components/field";
import { PendingButton } from "~/components/pending-button";
import { formatDate } from "~/components/ui";
import type { FormState } from "~/lib/forms";

/**
 * How a timeline keeps the partner's time (docs/domain.md §8.6): one line when it does; when it
 * cannot, by how much, whether the partner agreed to it, and the choices the manager has, each with a
 * link to where it is made when it is made on another page. The same block on the Timeline and Fit
 * pages. On the Timeline page, `agreedDetail` follows the partner's agreement (how they agreed), and
 * `children` the choices (the form that records it).
 */
export function TimeCheckView({
  check,
  engagementId,
  page,
  agreedDetail,
  children,
}: {
  check: TimeCheckShown;
  engagementId: number;
  /** The page it is shown on: a choice's link to a place on that same page says where it is there. */
  page: "timeline" | "fit";
  agreedDetail?: ReactNode;
  children?: ReactNode;
}) {
  if (check.holds) {
    return (
      <p className="small" data-time-check="holds">
        {check.summary}
      </p>
    );
  }
  return (
    <div className={check.agreed ? "notice notice--agreed" : "notice"} role="status" data-time-check={check.agreed ? "agreed" : "overrun"}>
      <p>
        <strong>{check.summary}</strong>
      </p>
      {check.agreed ? (
        <>
          <p data-overrun-agreed>The partner agreed to this on {formatDate(check.agreed.on)}.</p>
          {agreedDetail}
        </>
      ) : null}
      <p>{check.agreed ? "To keep their time instead:" : "What you can do:"}</p>
      <ul className="reasons small">
        {check.choices.map((c) => (
          <li key={c.kind} data-time-choice={c.kind}>
            {c.text}
            {c.link ? (
              <>
                {" "}
                {c.link.page === "fit" && page === "fit" ? (
                  <a href={`#${c.link.anchor}`}>{c.link.here}</a>
                ) : (
                  <Link to={`/engagements/${engagementId}/${c.link.page}#${c.link.anchor}`}>{c.link.text}</Link>
                )}
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
}

/** How the partner agreed to the plan running past their time and who recorded it (docs/domain.md §8.6), with a way to withdraw it. */
export function AgreementRecorded({ agreement, canEdit }: { agreement: { how: string; recordedBy: string | null }; canEdit: boolean }) {
  return (
    <div className="overrun-agreement" id="overrun-agreement">
      <p className="small">
        How they agreed, as {agreement.recordedBy ?? "a former user"} recorded it: “{agreement.how}”
      </p>
      {canEdit ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw-agreement" />
          <PendingButton className="button button--secondary" fields={{ intent: "withdraw-agreement" }} pending="Withdrawing…">
            Withdraw the record of their agreement
          </PendingButton>
        </Form>
      ) : null}
    </div>
  );
}

/**
 * Under the time check of a plan past the partner's time that they have not agreed to (docs/domain.md
 * §8.6): why an earlier agreement no longer covers it, and to the engagement's owners a form to record
 * their agreement, once the timeline needs no review.
 */
export function RecordAgreement({
  lapsed,
  canEdit,
  needsReview,
  version,
  today,
  state,
}: {
  lapsed: string | null;
  canEdit: boolean;
  needsReview: boolean;
  version: number;
  /** The day the date field starts from. */
  today: string;
  state: FormState;
}) {
  return (
    <div className="overrun-agreement" id="overrun-agreement">
      {lapsed ? <p data-agreement-lapsed>{lapsed}</p> : null}
      {!canEdit ? null : needsReview ? (
        <p className="small muted">
          Once the timeline is reviewed (kept or regenerated, above), you can record here that the partner agrees to the plan running past their time.
        </p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="agree-overrun" />
          <input type="hidden" name="version" value={version} />
          <TextField
            name="how"
            label="The partner agrees to this: who agreed, and how"
            hint="For example “Chief executive, by email”. Only our staff read this; the proposal's risks say that the partner agreed, and on which day."
            state={state}
          />
          <TextField name="agreedOn" type="date" label="The day they agreed" defaultValue={today} state={state} />
          <PendingButton fields={{ intent: "agree-overrun" }} pending="Recording…">
            Record the partner's agreement
          </PendingButton>
        </Form>
      )}
    </div>
  );
}
