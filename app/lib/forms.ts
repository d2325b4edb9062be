import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

/** Form fields as strings, as typed, so a page can show them again after an error. */
export function formValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === "string" && !(k in values)) values[k] = v;
  }
  return values;
}

/** The first message per field, keyed by the field's dotted path ("" for form-wide problems). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    errors[key] ??= issue.message;
  }
  return errors;
}

export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.infer<S>> {
  const values = formValues(form);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: fieldErrors(parsed.error), values };
}
