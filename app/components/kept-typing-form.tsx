import { useActionData, useLocation, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Notice } from "./ui";
import { PREFIX, storage } from "./kept-typing-store";

/*
 * What KeepTyped does once the page is live (kept-typing.tsx says what and why): loaded after the page
 * has hydrated, as nothing of it is needed to draw the page.
 */

const SKIPPED = new Set(["hidden", "submit", "button", "reset", "file", "password", "image"]);

type Typed = Record<string, string | boolean>;
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function fieldsOf(form: HTMLFormElement): Field[] {
  return Array.from(form.elements).filter(
    (el): el is Field => (el instanceof HTMLInputElement && !SKIPPED.has(el.type)) || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement
  );
}

/** A checkbox or a radio button: kept as ticked or not, not as its value. */
const isTick = (el: Field): el is HTMLInputElement => el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio");

/** A tick is kept under its name and value (several boxes share a name); anything else under its name. */
function keyOf(el: Field): string | null {
  if (!el.name) return null;
  return isTick(el) ? `${el.name}=${el.value}` : el.name;
}

function read(form: HTMLFormElement): Typed {
  const typed: Typed = {};
  for (const el of fieldsOf(form)) {
    const key = keyOf(el);
    if (key === null || key in typed) continue;
    typed[key] = isTick(el) ? el.checked : el.value;
  }
  return typed;
}

/** Puts what was typed back into the form; answers the fields that differed from what the page showed. */
function restore(form: HTMLFormElement, typed: Typed): Field[] {
  const changed: Field[] = [];
  for (const el of fieldsOf(form)) {
    const key = keyOf(el);
    if (key === null || !(key in typed)) continue;
    const value = typed[key];
    if (isTick(el)) {
      if (typeof value === "boolean" && el.checked !== value) {
        el.checked = value;
        // A choice changed ticks one option and unticks another: the one now ticked is marked.
        if (value) changed.push(el);
        el.dispatchEvent(new Event("change", { bubbles: true }));
      }
    } else if (typeof value === "string" && el.value !== value) {
      el.value = value;
      changed.push(el);
      // Counters and the like listen for input.
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }
  return changed;
}

/** Where restored typing is marked on the form: the fields carry it until it is saved or discarded. */
const RESTORED_MARK = "data-restored";

/** How many restored fields the note names; the rest are counted. */
const NAMED = 5;

/** A field's name as the form shows it: its label, and for a choice, the question it answers too. */
function shownName(el: Field): string {
  const label = el.labels?.[0]?.textContent?.replace(/\s+/g, " ").trim() || el.name;
  const legend = isTick(el) ? el.closest("fieldset")?.querySelector("legend")?.textContent?.replace(/\s+/g, " ").trim() : undefined;
  return legend ? `${legend}: ${label}` : label;
}

function unmark(form: HTMLFormElement | null) {
  for (const el of form?.querySelectorAll(`[${RESTORED_MARK}]`) ?? []) el.removeAttribute(RESTORED_MARK);
}

type Kept = { typed: Typed; sent: boolean };

function load(store: Storage, key: string): Kept | null {
  try {
    const kept = JSON.parse(store.getItem(key) ?? "null") as Kept | null;
    return kept && typeof kept.typed === "object" && kept.typed !== null ? kept : null;
  } catch {
    return null;
  }
}

function announce(form: HTMLFormElement) {
  for (const field of fieldsOf(form)) field.dispatchEvent(new Event("input", { bubbles: true }));
}

export default function KeptTypingForm({ name }: { name: string }) {
  const root = useRouteLoaderData<{ user: { id: number } | null }>("root");
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const answered = useActionData() != null;
  const marker = useRef<HTMLDivElement>(null);
  // The names of the fields brought back, for the note; empty when nothing was.
  const [restored, setRestored] = useState<string[]>([]);
  const key = root?.user ? `${PREFIX}${root.user.id}:${pathname}:${name}` : null;
  // Whether this form was sent: once the page is idle again its answer is in, and what was typed is settled.
  const sending = useRef(false);

  const form = () => marker.current?.closest("form") ?? null;

  /**
   * Forgets what was typed; with `reset`, the form shows what is saved now (a form that adds something
   * is empty again). Forgotten after the reset: what the reset puts back is saved, not typed, and kept
   * as typed it would later be "restored" over whatever is saved by then.
   */
  const forget = (reset: boolean) => {
    const el = form();
    unmark(el);
    if (reset && el) {
      el.reset();
      announce(el);
    }
    const store = storage();
    if (store && key !== null) store.removeItem(key);
  };

  /**
   * A submission of this form has been answered. Refused, the page shows what was typed and the browser
   * keeps it until it is saved; saved, the browser forgets it.
   */
  const settle = (store: Storage, key: string, kept: Kept, reset: boolean) => {
    if (answered) store.setItem(key, JSON.stringify({ typed: kept.typed, sent: false }));
    else forget(reset);
  };

  useEffect(() => {
    const el = form();
    const store = storage();
    if (!el || !store || key === null) return;
    const kept = load(store, key);
    if (kept?.sent) {
      // The form was drawn afresh after its own submission (a new version of what it edits).
      if (navigation.state === "idle") settle(store, key, kept, false);
    } else if (kept) {
      const fields = restore(el, kept.typed);
      if (fields.length) {
        for (const field of fields) field.setAttribute(RESTORED_MARK, "");
        setRestored([...new Set(fields.map(shownName))]);
        const details = el.closest("details");
        if (details) details.open = true;
      } else store.removeItem(key);
    }
    const keep = () => store.setItem(key, JSON.stringify({ typed: read(el), sent: false }));
    const send = () => {
      store.setItem(key, JSON.stringify({ typed: read(el), sent: true }));
      sending.current = true;
      unmark(el);
      setRestored([]);
    };
    el.addEventListener("input", keep);
    el.addEventListener("change", keep);
    el.addEventListener("submit", send);
    return () => {
      el.removeEventListener("input", keep);
      el.removeEventListener("change", keep);
      el.removeEventListener("submit", send);
    };
    // Read once for the form as drawn: a later answer is settled below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    if (!sending.current || navigation.state !== "idle") return;
    sending.current = false;
    const store = storage();
    const kept = store && key !== null ? load(store, key) : null;
    if (store && key !== null && kept?.sent) settle(store, key, kept, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [navigation.state]);

  const discard = () => {
    forget(true);
    setRestored([]);
  };

  const more = restored.length - NAMED;
  return (
    <div ref={marker} className="kept-typing">
      {restored.length ? (
        <Notice>
          Restored what you had typed — not yet saved. Marked below: {restored.slice(0, NAMED).join("; ")}
          {more > 0 ? `; and ${more} more` : ""}.{" "}
          <button type="button" className="button button--secondary button--small" onClick={discard}>
            Discard it
          </button>
        </Notice>
      ) : null}
    </div>
  );
}
