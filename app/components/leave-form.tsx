import type { FormState } from "~/lib/forms";
import { TextField } from "./field";

/** What each field of a leave is called in the list of problems. */
export const LEAVE_LABELS = { fromMonth: "First month", toMonth: "Last month", percent: "Share of each month", reason: "Reason" };

/** The fields of a person's leave, shared by the add card on their page and the leave's own page. */
export function LeaveFields({
  state,
  saved,
  form,
}: {
  state: FormState;
  saved?: { fromMonth: string; toMonth: string; share: number; reason: string };
  form?: string;
}) {
  return (
    <div className="row-grid">
      <TextField name="fromMonth" label="First month away" type="month" form={form} state={state} saved={saved?.fromMonth} />
      <TextField name="toMonth" label="Last month away" type="month" hint="The same month for one month." form={form} state={state} saved={saved?.toMonth} />
      <TextField
        name="percent"
        label="Share of each month away (%)"
        hint="100 for the whole month, 50 for half of it. Leave empty for the whole month."
        inputMode="numeric"
        form={form}
        state={state}
        saved={saved ? Math.round(saved.share * 100) : undefined}
      />
      <TextField
        name="reason"
        label="Reason (internal)"
        hint="Parental leave, a sabbatical, sickness: for administrators only, never shown on Fit pages or to partners."
        form={form}
        state={state}
        saved={saved?.reason}
      />
    </div>
  );
}
