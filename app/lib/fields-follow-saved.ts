import { useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** One form of the page: its id and what is saved for each of its fields, by name. */
export type SavedForm = { id: string; saved: Record<string, string> };

/**
 * Several small forms on one page, each saved on its own (a table's rows): none is drawn afresh when
 * another is saved, or what was typed in it, not yet saved, would be lost. When what is saved changes,
 * a field nobody has typed in shows the new value (an item that moved with another shows its new
 * dates), a field typed in keeps what was typed, and the form just saved shows what is saved. A form
 * refused keeps what was typed. `sending` is the id of the form being sent, while it is.
 */
export function useFieldsFollowSaved(forms: SavedForm[], sending: string | null): void {
  const navigation = useNavigation();
  const answered = useActionData() != null;
  const idle = navigation.state === "idle";
  const sent = useRef<string | null>(null);
  const shown = useRef(new Map<string, Record<string, string>>());

  useEffect(() => {
    if (sending) sent.current = sending;
  }, [sending]);

  useEffect(() => {
    if (!idle) return;
    // A redirect leaves no answer on the page: the form sent was saved.
    const saved = answered ? null : sent.current;
    sent.current = null;
    for (const form of forms) {
      const before = shown.current.get(form.id);
      shown.current.set(form.id, form.saved);
      const element = document.getElementById(form.id);
      if (!before || !(element instanceof HTMLFormElement)) continue;
      for (const [name, value] of Object.entries(form.saved)) {
        // Fields outside the form's element that name it with `form=` are among its elements too.
        const field = element.elements.namedItem(name);
        if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement)) continue;
        if (field.value !== value && (form.id === saved || field.value === before[name])) {
          field.value = value;
          // What follows the field (the name of a duration's unit) listens for input.
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
    }
  }, [forms, idle, answered]);
}
