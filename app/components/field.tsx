import { useEffect, useRef, useState, type ReactNode } from "react";
import type { FieldErrors, FormValues } from "~/lib/forms";

type Common = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: FieldErrors;
};

function describedBy(name: string, hint: ReactNode, error: string | undefined) {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldShell({ name, label, hint, error, children }: { name: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <span className="hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {children}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  name,
  label,
  hint,
  errors,
  defaultValue,
  type = "text",
  autoComplete,
  required,
  inputMode,
}: Common & { defaultValue?: string | number | null; type?: string; autoComplete?: string; required?: boolean; inputMode?: "numeric" | "text" | "email" }) {
  const error = errors?.[name];
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue ?? ""}
        autoComplete={autoComplete}
        required={required}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </FieldShell>
  );
}

const count = new Intl.NumberFormat("en-GB");

/**
 * A multi-line field. With `maxLength`, it says how much may be written and counts as people type
 * (the server still refuses longer text, and keeps it for them to shorten): nothing is cut off.
 */
export function TextArea({
  name,
  label,
  hint,
  errors,
  defaultValue,
  rows = 4,
  maxLength,
}: Common & { defaultValue?: string | null; rows?: number; maxLength?: number }) {
  const error = errors?.[name];
  const box = useRef<HTMLTextAreaElement>(null);
  const [length, setLength] = useState((defaultValue ?? "").length);
  // Count what is in the box: text the browser restored, or typed before the script ran, or left
  // there after a save (the form is not cleared), not only the value it started with.
  useEffect(() => {
    if (box.current) setLength(box.current.value.length);
  }, [defaultValue]);
  const counterId = `${name}-count`;
  const over = maxLength !== undefined && length > maxLength;
  const described = [describedBy(name, hint, error), maxLength !== undefined ? counterId : null].filter(Boolean).join(" ") || undefined;
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <textarea
        ref={box}
        id={name}
        name={name}
        rows={rows}
        defaultValue={defaultValue ?? ""}
        onInput={maxLength !== undefined ? (e) => setLength(e.currentTarget.value.length) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      {maxLength !== undefined ? (
        <p className={over ? "char-count char-count--over" : "char-count"} id={counterId}>
          {over
            ? `${count.format(length - maxLength)} characters over the limit of ${count.format(maxLength)}`
            : `${count.format(length)} of up to ${count.format(maxLength)} characters`}
        </p>
      ) : null}
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  hint,
  errors,
  defaultValue,
  options,
  placeholder,
}: Common & { defaultValue?: string | number | null; options: { value: string; label: string }[]; placeholder?: string }) {
  const error = errors?.[name];
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <select
        id={name}
        name={name}
        defaultValue={defaultValue == null ? "" : String(defaultValue)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
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
export function ErrorSummary({ errors, labels, level = 2 }: { errors?: FieldErrors; labels?: Record<string, string>; level?: 2 | 3 | 4 }) {
  const ref = useFocusOnErrors<HTMLDivElement>(errors);
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <Heading level={level}>There is a problem</Heading>
      <ul>
        {Object.entries(errors).map(([field, message]) => (
          <li key={field}>
            {field ? (
              <a href={`#${field}`}>
                {labels?.[field] && !message.startsWith(labels[field]) ? `${labels[field]}: ` : ""}
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

/** Prefer what the user just typed over what was saved. */
export function pick(values: FormValues | undefined, name: string, saved: string | number | null | undefined) {
  if (values && name in values) return values[name];
  return saved == null ? "" : String(saved);
}

export function RadioGroup({
  name,
  legend,
  hint,
  errors,
  value,
  options,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: FieldErrors;
  value?: string;
  options: { value: string; label: string }[];
}) {
  const error = errors?.[name];
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
          <input type="radio" id={i === 0 ? name : undefined} name={name} value={o.value} defaultChecked={value === o.value} />
          {o.label}
        </label>
      ))}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function Checkbox({ name, label, checked, errors }: { name: string; label: ReactNode; checked?: boolean; errors?: FieldErrors }) {
  const error = errors?.[name];
  return (
    <div className={error ? "field field--error" : "field"}>
      <label className="choice">
        <input
          type="checkbox"
          id={name}
          name={name}
          defaultChecked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
        />
        {label}
      </label>
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Heading({ level, children }: { level: 2 | 3 | 4; children: ReactNode }) {
  return level === 2 ? <h2>{children}</h2> : level === 3 ? <h3>{children}</h3> : <h4>{children}</h4>;
}
