import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { shown, ticked, type FieldErrors, type FormState } from "~/lib/forms";

/**
 * The one field shell of the app: a label, a hint, the control, and its message, tied together for
 * screen readers. A field reads its form's state (`formState` of the action's answer): the message
 * next to it, and what was typed when the form came back, else the saved value. On a page of several
 * forms that share field names, `form` keeps each field's id unique.
 */
type Common = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  state?: FormState;
  /** The form's key on a page of several forms. */
  form?: string;
  className?: string;
  /** Messages by field, for forms that do not read a FormState yet. */
  errors?: FieldErrors;
};

/** The id of a field: its name, or on a page of several forms, its form's key and its name. */
export function fieldId(form: string | undefined, name: string): string {
  return form ? `f-${form}-${name}`.replace(/[^A-Za-z0-9_-]/g, "-") : name;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined, extra?: string) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, extra ?? null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function errorOf(props: Common): string | undefined {
  return props.state?.errors[props.name] ?? props.errors?.[props.name];
}

/** The label, hint and message around a control; `children` gets the id and the described-by list. */
export function Field({
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
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

type Saved = string | number | null | undefined;

function valueOf(props: Common & { defaultValue?: Saved; saved?: Saved }): string {
  if (props.state) return shown(props.state, props.name, props.saved ?? props.defaultValue);
  const v = props.defaultValue ?? props.saved;
  return v == null ? "" : String(v);
}

export function TextField(
  props: Common & {
    saved?: Saved;
    defaultValue?: Saved;
    type?: string;
    autoComplete?: string;
    required?: boolean;
    inputMode?: "numeric" | "decimal" | "text" | "email";
    /** The earliest day a date box offers (the browser's picker greys out the days before it). */
    min?: string;
  }
) {
  const { name, label, form, className, type = "text", autoComplete, required, inputMode, min } = props;
  const hint = type === "month" ? monthHint(props.hint) : props.hint;
  const id = fieldId(form, name);
  const error = errorOf(props);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={valueOf(props)}
        autoComplete={autoComplete}
        required={required}
        inputMode={inputMode}
        min={min}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </Field>
  );
}

/** What a month box's hint says first: where the browser has no month picker (Firefox, Safari), the box is a text box, and takes "March 2027" or "2027-03". */
export const MONTH_EXAMPLE = "Month and year, e.g. March 2027.";

/** A month box's hint, giving an example of what to type unless the field's own hint gives one. */
function monthHint(hint: ReactNode): ReactNode {
  if (typeof hint === "string" && /\be\.g\./.test(hint)) return hint;
  return hint ? (
    <>
      {MONTH_EXAMPLE} {hint}
    </>
  ) : (
    MONTH_EXAMPLE
  );
}

const count = new Intl.NumberFormat("en-GB");

/**
 * A multi-line field. With `maxLength`, it says how much may be written and counts as people type
 * (the server still refuses longer text, and keeps it for them to shorten): nothing is cut off.
 */
export function TextArea(props: Common & { saved?: Saved; defaultValue?: Saved; rows?: number; maxLength?: number }) {
  const { name, label, hint, form, className, rows = 4, maxLength } = props;
  const id = fieldId(form, name);
  const error = errorOf(props);
  const value = valueOf(props);
  const box = useRef<HTMLTextAreaElement>(null);
  const [length, setLength] = useState(value.length);
  // Count what is in the box: text the browser restored, or typed before the script ran, or left
  // there after a save (the form is not cleared), not only the value it started with.
  useEffect(() => {
    if (box.current) setLength(box.current.value.length);
  }, [value]);
  const counterId = `${id}-count`;
  const over = maxLength !== undefined && length > maxLength;
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <textarea
        ref={box}
        id={id}
        name={name}
        rows={rows}
        defaultValue={value}
        onInput={maxLength !== undefined ? (e) => setLength(e.currentTarget.value.length) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, maxLength !== undefined ? counterId : undefined)}
      />
      {maxLength !== undefined ? (
        <p className={over ? "char-count char-count--over" : "char-count"} id={counterId}>
          {over
            ? `${count.format(length - maxLength)} characters over the limit of ${count.format(maxLength)}`
            : `${count.format(length)} of up to ${count.format(maxLength)} characters`}
        </p>
      ) : null}
    </Field>
  );
}

export type Option = { value: string; label: string };
export type OptionGroup = { label: string; options: Option[] };

export function SelectField(props: Common & { saved?: Saved; defaultValue?: Saved; options?: Option[]; groups?: OptionGroup[]; placeholder?: string }) {
  const { name, label, hint, form, className, options, groups, placeholder } = props;
  const id = fieldId(form, name);
  const error = errorOf(props);
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <select id={id} name={name} defaultValue={valueOf(props)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}>
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
    </Field>
  );
}

/**
 * Focus for an error summary: it takes focus when it appears and whenever its problems change, so
 * keyboard and screen-reader users land on it and Tab on to the links to each field.
 */
export function useFocusOnErrors<T extends HTMLElement>(errors: Record<string, string> | null | undefined) {
  const ref = useRef<T>(null);
  const key = errors && Object.keys(errors).length ? JSON.stringify(errors) : "";
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  return ref;
}

/** Lists every problem at the top of a form, each linking to its field. */
export function ErrorSummary({
  errors,
  labels,
  level = 2,
  form,
}: {
  errors?: FieldErrors;
  labels?: Record<string, string>;
  level?: 2 | 3 | 4;
  /** The form's key, on a page of several forms: the links go to its fields. */
  form?: string;
}) {
  const ref = useFocusOnErrors<HTMLDivElement>(errors);
  if (!errors || Object.keys(errors).length === 0) return null;
  // In the order of the form's fields, as `labels` lists them, whatever order the checks found them in.
  const order = Object.keys(labels ?? {});
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const entries = Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
  // The field is focused in place: following the link as an address would be a navigation of the
  // app's own, which forgets the answer the messages came with. Without JavaScript the link jumps.
  const toField = (event: MouseEvent<HTMLAnchorElement>) => {
    const field = document.getElementById(event.currentTarget.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  };
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <Heading level={level}>There is a problem</Heading>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            {field ? (
              <a href={`#${fieldId(form, field)}`} onClick={toField}>
                {labels?.[field] && !message.startsWith(labels[field]) ? `${labels[field]}: ` : ""}
                {message}
              </a>
            ) : form ? (
              <a href={`#${fieldId(form, "form")}`} onClick={toField}>
                {message}
              </a>
            ) : (
              message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message for a form as a whole (not one of its fields), where the form is. */
export function FormMessage({ form, state }: { form?: string; state: FormState }) {
  const message = state.errors[""];
  if (!message) return null;
  return (
    <p className="field-error" id={fieldId(form, "form")} role="alert">
      {message}
    </p>
  );
}

/** The hidden fields of a change on a page of several forms: which form it is, its intent, the version it was drawn from. */
export function FormBasics({ form, intent, version }: { form: string; intent: string; version: number }) {
  return (
    <>
      <input type="hidden" name="form" value={form} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

/** Prefer what the user just typed over what was saved (for forms that do not read a FormState yet). */
export function pick(values: Record<string, string> | undefined, name: string, saved: string | number | null | undefined) {
  if (values && name in values) return values[name];
  return saved == null ? "" : String(saved);
}

export function RadioGroup({
  name,
  legend,
  hint,
  errors,
  state,
  value,
  options,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: FieldErrors;
  state?: FormState;
  value?: string;
  options: { value: string; label: string }[];
}) {
  const error = state?.errors[name] ?? errors?.[name];
  const current = state ? shown(state, name, value) : value;
  return (
    <fieldset className={error ? "field field--error radios" : "field radios"} aria-describedby={describedBy(name, hint, error)}>
      <legend>{legend}</legend>
      {hint ? (
        <span className="hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {options.map((o, i) => (
        <label className="choice" key={o.value}>
          <input type="radio" id={i === 0 ? name : undefined} name={name} value={o.value} defaultChecked={current === o.value} />
          {o.label}
        </label>
      ))}
      <FieldError id={name} error={error} />
    </fieldset>
  );
}

export function Checkbox({
  name,
  label,
  checked,
  saved,
  errors,
  state,
  form,
}: {
  name: string;
  label: ReactNode;
  checked?: boolean;
  saved?: boolean;
  errors?: FieldErrors;
  state?: FormState;
  form?: string;
}) {
  const id = fieldId(form, name);
  const error = state?.errors[name] ?? errors?.[name];
  const on = state ? ticked(state, name, saved ?? checked ?? false) : checked ?? saved;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label className="choice" htmlFor={id}>
        <input
          type="checkbox"
          id={id}
          name={name}
          defaultChecked={on}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {label}
      </label>
      <FieldError id={id} error={error} />
    </div>
  );
}

function Heading({ level, children }: { level: 2 | 3 | 4; children: ReactNode }) {
  return level === 2 ? <h2>{children}</h2> : level === 3 ? <h3>{children}</h3> : <h4>{children}</h4>;
}
