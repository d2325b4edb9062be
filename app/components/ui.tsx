import { useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode, type RefObject } from "react";

type Tone = "neutral" | "info" | "warning" | "success" | "danger";

export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      <p>{children}</p>
      {action}
    </section>
  );
}

export function PageHeader({ title, intro, actions, breadcrumbs }: { title: ReactNode; intro?: ReactNode; actions?: ReactNode; breadcrumbs?: ReactNode }) {
  return (
    <>
      {breadcrumbs ? (
        <nav className="breadcrumbs" aria-label="Breadcrumb">
          {breadcrumbs}
        </nav>
      ) : null}
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          {intro ? <p>{intro}</p> : null}
        </div>
        {actions ? <div className="actions">{actions}</div> : null}
      </div>
    </>
  );
}

/**
 * A table that scrolls sideways in its own box (months across), named and focusable, so a keyboard user can
 * reach it and scroll it with the arrow keys even when the table holds nothing else focusable. A box that
 * also says in words when it scrolls is `HintedTableScroll` (table-scroll-hint.tsx).
 */
export function TableScroll({
  label,
  labelledBy,
  className,
  children,
  boxRef,
}: {
  label?: string;
  labelledBy?: string;
  className?: string;
  children: ReactNode;
  boxRef?: RefObject<HTMLDivElement>;
}) {
  return (
    <div
      ref={boxRef}
      className={className ? `table-wrap ${className}` : "table-wrap"}
      role="region"
      tabIndex={0}
      aria-label={labelledBy ? undefined : label}
      aria-labelledby={labelledBy}
    >
      {children}
    </div>
  );
}

/** A notice, read out as it appears (role="status"); with `focusRef`, one that can take focus (useFocusOnNewMessage). */
export function Notice({ children, tone = "warning", focusRef }: { children: ReactNode; tone?: "warning" | "danger"; focusRef?: RefObject<HTMLDivElement> }) {
  return (
    <div className={tone === "danger" ? "notice notice--danger" : "notice"} role="status" ref={focusRef} tabIndex={focusRef ? -1 : undefined}>
      {children}
    </div>
  );
}

/**
 * Focus for the word of what a form did, where the form was: a message that appears or changes while
 * the page is open (the form was sent and the page answered) takes focus, so that keyboard and
 * screen-reader users land on it, and hear it, rather than at the top of the page once the form they
 * used has gone. A message the page opens with does not take focus: it is no answer to anything done
 * here. The error summary does the same for a form's problems (useFocusOnErrors).
 */
export function useFocusOnNewMessage<T extends HTMLElement>(message: string | null) {
  const ref = useRef<T>(null);
  const seen = useRef(message);
  useEffect(() => {
    if (message && message !== seen.current) ref.current?.focus();
    seen.current = message;
  }, [message]);
  return ref;
}

/**
 * Focus for the message a page answers a form with, when the form has gone with the answer (a version
 * shared or submitted, a proposal accepted: the button is not offered again): the message takes focus,
 * so that keyboard and screen-reader users land on what happened, and hear it, rather than at the top
 * of the page with focus lost. A form still on the page keeps focus where it was; a page that moves
 * focus to an answer of its own (useFocusOnNewMessage, the error summary) keeps it there.
 */
export function useFocusWhenFormGoes<T extends HTMLElement>(message: string | null) {
  const ref = useRef<T>(null);
  const navigation = useNavigation();
  const sentFrom = useRef<HTMLFormElement | null>(null);
  const answered = useRef(false);
  useEffect(() => {
    const sent = (event: Event) => {
      if (event.target instanceof HTMLFormElement) sentFrom.current = event.target;
    };
    document.addEventListener("submit", sent, true);
    return () => document.removeEventListener("submit", sent, true);
  }, []);
  useEffect(() => {
    if (navigation.state !== "idle") {
      // A link followed after a form that sent nothing here (a fetcher's) is no answer to a form.
      answered.current = Boolean(sentFrom.current) && navigation.formData !== undefined;
      return;
    }
    const form = sentFrom.current;
    const now = answered.current;
    sentFrom.current = null;
    answered.current = false;
    if (!now || !form || form.isConnected || !message) return;
    // After the page's own effects: one that put focus on its own answer keeps it.
    const timer = window.setTimeout(() => {
      const active = document.activeElement;
      if (!active || active === document.body) ref.current?.focus();
    });
    return () => window.clearTimeout(timer);
  }, [navigation.state, navigation.formData, message]);
  return ref;
}

// Dates are written the one way the domain writes them, on pages as in documents: "4 December 2026".
export { formatDate, formatDateTime } from "~/domain/calendar";
