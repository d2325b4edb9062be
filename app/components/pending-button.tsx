import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { SubmitButton } from "~/components/submit-button";

/**
 * The submit button of a form whose action takes a while (sharing, submitting and accepting make the
 * version's documents): once pressed it says what is happening ("Sharing…") and, like every other
 * such button on the page, refuses a press until the page has answered (`SubmitButton`: it keeps its
 * focus), so a second click sends nothing.
 * `fields` tells this form's submission apart from the page's other forms (its hidden intent, say);
 * the button's own name and value count too. `label` names the button for a screen reader when its
 * text alone would not say which one it is ("Save" on every row of a table); while pending, its text
 * is its name. Without JavaScript it is a plain submit button.
 */
export function PendingButton({
  children,
  pending,
  fields = {},
  name,
  value,
  className = "button",
  label,
  id,
  describedBy,
}: {
  children: ReactNode;
  /** What the button says while its form is being sent and answered. */
  pending: string;
  fields?: Record<string, string>;
  name?: string;
  value?: string;
  className?: string;
  /** The button's accessible name while it is not pending, when its text is shorter (a row's "Save"). */
  label?: string;
  id?: string;
  /** The id of what describes the button (an error refusing what it asked). */
  describedBy?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const sent = navigation.formData;
  const mine =
    busy && sent !== undefined && Object.entries({ ...fields, ...(name && value !== undefined ? { [name]: value } : {}) }).every(([k, v]) => sent.get(k) === v);
  return (
    <SubmitButton
      className={className}
      name={name}
      value={value}
      busy={busy}
      aria-busy={mine || undefined}
      aria-label={mine ? undefined : label}
      id={id}
      aria-describedby={describedBy}
    >
      {mine ? pending : children}
    </SubmitButton>
  );
}
