import { useLocation, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * The word of what a form did, said again beside the form, for a form that stays on the page and keeps
 * the reader where they are (sent with `preventScrollReset`): a row saved halfway down a long table, a
 * comment sent under a section. The page's own message (the root's, read out as it arrives) is at the
 * top, out of sight. `sentHere` tells this form's submission by what it sent, which is returned with the message. Only the message the
 * answer to that submission brought is given, never one from before it, and none once another form is
 * sent. Apart from ui.tsx, so that only the pages that use it load it.
 */
export function useMessageBeside(sentHere: (sent: FormData) => boolean): { message: string; sent: FormData } | null {
  const navigation = useNavigation();
  const root = useRouteLoaderData<{ flash: string | null; flashId: string | null }>("root");
  const [sent, setSent] = useState<{ form: FormData; before: string | null | undefined } | null>(null);
  const [answer, setAnswer] = useState<{ message: string; sent: FormData } | null>(null);
  const isHere = useRef(sentHere);
  isHere.current = sentHere;
  // Another page of the same route (another version, another engagement) is not where the form was answered.
  const location = useLocation();
  useEffect(() => {
    if (navigation.state === "idle") setAnswer(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.key]);
  useEffect(() => {
    const form = navigation.formData;
    if (navigation.state !== "submitting" || !form) return;
    setSent(isHere.current(form) ? { form, before: root?.flashId } : null);
    setAnswer(null);
    // The page's data as the form went: a message is an answer only once it has changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [navigation.state, navigation.formData]);
  // A message new since the form went is its answer (the page asking for its data again brings the one
  // before it, with its id, for a few seconds); once the form is answered, the answer stays.
  useEffect(() => {
    if (!sent || navigation.state !== "idle") return;
    setAnswer(root?.flash && root.flashId !== sent.before ? { message: root.flash, sent: sent.form } : null);
    setSent(null);
  }, [root, navigation.state, sent]);
  return answer;
}

/**
 * The message of `useMessageBeside`, where it is drawn: beside the form it answers. When the form went with
 * the answer (a lever applied leaves its list, an option removed), it takes the focus, also from the page's
 * message at the top, which takes it then (useFocusWhenFormGoes), so that the reader stays here rather than
 * being taken to the top; else the focus stays on the button pressed.
 */
export function MessageBeside({ message }: { message: string | null | undefined }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (message && (!active || active === document.body || active.hasAttribute("data-page-message"))) ref.current?.focus();
  }, [message]);
  return message ? (
    <p className="sent-beside" data-sent-beside tabIndex={-1} ref={ref}>
      {message}
    </p>
  ) : null;
}
