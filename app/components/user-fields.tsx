import { ROLE_LABELS, ROLES } from "~/domain/roles";
import type { FormState } from "~/lib/forms";
import { SelectField, TextField } from "./field";

/** What each of a new user's fields is called in the list of problems. */
export const USER_LABELS = { name: "Name", email: "Email", role: "Role", organisationId: "Partner organisation" };

/** Who a new user is: name, address, role and, for a partner's executive, their organisation. Shared by the add and invite forms. */
export function UserFields({ organisations, state }: { organisations: { id: number; name: string }[]; state: FormState }) {
  return (
    <>
      <TextField name="name" label="Name" state={state} />
      <TextField name="email" label="Email" type="email" state={state} />
      <SelectField name="role" label="Role" placeholder="Choose a role…" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} state={state} />
      <SelectField
        name="organisationId"
        label="Partner organisation"
        hint="Only for partner executives: they see nothing but their own organisation's shared proposals."
        placeholder="None"
        options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
        state={state}
      />
    </>
  );
}
