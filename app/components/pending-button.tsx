import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * The submit button of a form whose action takes a while (sharing, submitting and accepting make the
 * version's documents): once pressed it says what is happening ("Sharing…") and, like every other
 * such button on the page, is disabled until the page has answered, so a second click sends nothing.
 * `fields` tells this form's submission apart from the page's other forms (its hidden intent, say);
 * the button's own name and value count too. Without JavaScript it is a plain submit button.
 */
export function PendingButton({
  children,
  pending,
  fields = {},
  name,
  value,
  className = "button",
}: {
  children: ReactNode;
  /** What the button says while its form is being sent and answered. */
  pending: string;
  fields?: Record<string, string>;
  name?: string;
  value?: string;
  className?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const sent = navigation.formData;
  const mine =
    busy && sent !== undefined && Object.entries({ ...fields, ...(name && value !== undefined ? { [name]: value } : {}) }).every(([k, v]) => sent.get(k) === v);
  return (
    <button className={className} type="submit" name={name} value={value} disabled={busy} aria-busy={mine || undefined}>
      {mine ? pending : children}
    </button>
  );
}
