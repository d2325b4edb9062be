import type { ReactNode } from "react";

/**
 * Form fields for the driver-diagram page, where many small forms share field names (every rename
 * form posts `label`): each field's id is made from its form's key, so labels and error messages
 * stay tied to the right input.
 */

/** What the action answered for one form: its messages by field ("" for the form) and what was typed. */
export type FormState = { errors: Record<string, string>; values: Record<string, string> };
export const NO_STATE: FormState = { errors: {}, values: {} };

export function fieldId(form: string, name: string): string {
  return `f-${form}-${name}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** What to show in a field: what the user typed if the form came back, else the saved value. */
export function shown(state: FormState, name: string, saved: string | null | undefined): string {
  return name in state.values ? state.values[name]! : saved ?? "";
}

type Common = { form: string; name: string; label: ReactNode; hint?: ReactNode; state: FormState; className?: string };

function describedBy(id: string, hint: ReactNode, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Shell({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={[error ? "field field--error" : "field", className].filter(Boolean).join(" ")}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function DText({ form, name, label, hint, state, className, saved }: Common & { saved?: string | null }) {
  const id = fieldId(form, name);
  const error = state.errors[name];
  return (
    <Shell id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        name={name}
        type="text"
        defaultValue={shown(state, name, saved)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </Shell>
  );
}

export function DTextArea({ form, name, label, hint, state, className, saved, rows = 3 }: Common & { saved?: string | null; rows?: number }) {
  const id = fieldId(form, name);
  const error = state.errors[name];
  return (
    <Shell id={id} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={shown(state, name, saved)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </Shell>
  );
}

export type Option = { value: string; label: string };
export type OptionGroup = { label: string; options: Option[] };

export function DSelect({
  form,
  name,
  label,
  hint,
  state,
  className,
  saved,
  options,
  groups,
  placeholder,
}: Common & { saved?: string | null; options?: Option[]; groups?: OptionGroup[]; placeholder?: string }) {
  const id = fieldId(form, name);
  const error = state.errors[name];
  return (
    <Shell id={id} label={label} hint={hint} error={error} className={className}>
      <select
        id={id}
        name={name}
        defaultValue={shown(state, name, saved)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups
          ?.filter((g) => g.options.length > 0)
          .map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
      </select>
    </Shell>
  );
}

export function DCheckbox({ form, name, label, state, saved }: Omit<Common, "hint" | "className"> & { saved: boolean }) {
  const id = fieldId(form, name);
  const error = state.errors[name];
  const checked = name in state.values ? state.values[name] === "on" : "intent" in state.values ? false : saved;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label className="choice" htmlFor={id}>
        <input type="checkbox" id={id} name={name} defaultChecked={checked} />
        {label}
      </label>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The message for a form as a whole (not one of its fields). */
export function FormMessage({ form, state }: { form: string; state: FormState }) {
  const message = state.errors[""];
  if (!message) return null;
  return (
    <p className="field-error" id={fieldId(form, "form")} role="alert">
      {message}
    </p>
  );
}

/** The hidden fields every form on the page carries. */
export function FormBasics({ form, intent, version }: { form: string; intent: string; version: number }) {
  return (
    <>
      <input type="hidden" name="form" value={form} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}
