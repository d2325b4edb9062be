import type { FieldErrors, FormValues } from "~/lib/forms";
import { pick, SelectField, TextField } from "./field";

/** The fields of a roster entry, shared by the add and edit pages. */
export function StaffFields({
  roles,
  values,
  saved,
  errors,
  currency,
}: {
  roles: { key: string; label: string }[];
  values?: FormValues;
  saved?: { name: string; role: string; fte: number; availableFrom: string | null; availableTo: string | null; dayRate: number };
  errors?: FieldErrors;
  currency: string;
}) {
  return (
    <>
      <TextField name="name" label="Name" defaultValue={pick(values, "name", saved?.name)} errors={errors} />
      <SelectField
        name="role"
        label="Role"
        placeholder="Choose a role…"
        options={roles.map((r) => ({ value: r.key, label: r.label }))}
        defaultValue={pick(values, "role", saved?.role)}
        errors={errors}
      />
      <div className="row-grid">
        <TextField
          name="fte"
          label="FTE for engagements"
          hint="From 0.1 to 1.0."
          inputMode="numeric"
          defaultValue={pick(values, "fte", saved?.fte)}
          errors={errors}
        />
        <TextField
          name="availableFrom"
          label="Available from"
          type="month"
          hint="Leave empty if already available."
          defaultValue={pick(values, "availableFrom", saved?.availableFrom)}
          errors={errors}
        />
        <TextField
          name="availableTo"
          label="Available until"
          type="month"
          hint="Leave empty if open-ended."
          defaultValue={pick(values, "availableTo", saved?.availableTo)}
          errors={errors}
        />
        <TextField
          name="dayRate"
          label={`Day rate (${currency}, internal)`}
          hint="Never shown to partners."
          inputMode="numeric"
          defaultValue={pick(values, "dayRate", saved?.dayRate)}
          errors={errors}
        />
      </div>
    </>
  );
}
