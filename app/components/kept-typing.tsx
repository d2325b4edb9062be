import { lazy, Suspense, useEffect, useState } from "react";
export { forgetAllTyped } from "./kept-typing-store";

/*
 * Nothing typed is lost: what is typed in a long form is kept in the browser's session storage, under
 * the person, the page (its address names the engagement and the version) and the form, until the form
 * is saved. A reload, a crash of the tab or a sign-in after the session ended brings it back, with a
 * note that says it is not saved yet, names the fields brought back (each marked on the form until it
 * is saved or discarded) and offers a way to discard it. After a successful save the form shows
 * what is saved (empty, for a form that adds something); after a refused one it keeps what was typed.
 *
 * Put <KeepTyped name="…" /> inside the form. Only the fields a person fills in are kept: text, choices
 * and ticks, never the hidden fields the page fills in (a version, an intent).
 */

/*
 * The work is done in kept-typing-form.tsx, loaded once the page has hydrated: the page draws without
 * it, and the script every page loads stays small. The server, and the browser until then, draw the
 * empty place it fills.
 */
const KeptTypingForm = lazy(() => import("./kept-typing-form"));

export function KeepTyped({ name }: { name: string }) {
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const placeholder = <div className="kept-typing" />;
  return live ? (
    <Suspense fallback={placeholder}>
      <KeptTypingForm name={name} />
    </Suspense>
  ) : (
    placeholder
  );
}
