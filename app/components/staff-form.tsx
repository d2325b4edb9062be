import type { FormState } from "~/lib/forms";
import { SelectField, TextField } from "./field";

/** What each field of a roster entry is called in the list of problems. */
export const STAFF_LABELS = { name: "Name", role: "Role", fte: "FTE", availableFrom: "Available from", availableTo: "Available until", dayRate: "Day rate" };

/** The fields of a roster entry, shared by the add and edit pages. */
export function StaffFields({
  roles,
  state,
  saved,
  currency,
}: {
  roles: { key: string; label: string }[];
  state: FormState;
  saved?: { name: string; role: string; fte: number; availableFrom: string | null; availableTo: string | null; dayRate: number | null };
  currency: string;
}) {
  return (
    <>
      <TextField name="name" label="Name" state={state} saved={saved?.name} />
      <SelectField
        name="role"
        label="Role"
        placeholder="Choose a role…"
        options={roles.map((r) => ({ value: r.key, label: r.label }))}
        state={state}
        saved={saved?.role}
      />
      <div className="row-grid">
        <TextField name="fte" label="FTE for engagements" hint="From 0.1 to 1.0." inputMode="decimal" state={state} saved={saved?.fte} />
        <TextField
          name="availableFrom"
          label="Available from"
          type="month"
          hint="Leave empty if already available."
          state={state}
          saved={saved?.availableFrom}
        />
        <TextField name="availableTo" label="Available until" type="month" hint="Leave empty if open-ended." state={state} saved={saved?.availableTo} />
        <TextField
          name="dayRate"
          label={`Day rate (${currency}, internal)`}
          hint="Leave empty to price their time at their role's rate: the others' rates, or the role's standard one. Never shown to partners."
          inputMode="numeric"
          state={state}
          saved={saved?.dayRate}
        />
      </div>
    </>
  );
}
