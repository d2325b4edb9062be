import type { ReactNode, RefObject } from "react";

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

export function Notice({ children, tone = "warning" }: { children: ReactNode; tone?: "warning" | "danger" }) {
  return (
    <div className={tone === "danger" ? "notice notice--danger" : "notice"} role="status">
      {children}
    </div>
  );
}

// Dates are written the one way the domain writes them, on pages as in documents: "4 December 2026".
export { formatDate, formatDateTime } from "~/domain/calendar";
