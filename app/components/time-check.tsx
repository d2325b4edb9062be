import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { TimeCheck } from "~/domain/timeline-constraints";
import { formatDate } from "~/components/ui";

/**
 * How a timeline keeps the partner's time (docs/domain.md §8.6): one line when it does; when it
 * cannot, by how much, whether the partner agreed to it, and the choices the manager has, each with a
 * link to where it is made when it is made on another page. The same block on the Timeline and Fit
 * pages. On the Timeline page, `agreedDetail` follows the partner's agreement (how they agreed), and
 * `children` the choices (the form that records it).
 */
export function TimeCheckView({
  check,
  engagementId,
  agreedDetail,
  children,
}: {
  check: Pick<TimeCheck, "holds" | "limited" | "summary" | "choices" | "agreed">;
  engagementId: number;
  agreedDetail?: ReactNode;
  children?: ReactNode;
}) {
  if (check.holds) {
    return (
      <p className="small" data-time-check="holds">
        {check.summary}
      </p>
    );
  }
  return (
    <div className={check.agreed ? "notice notice--agreed" : "notice"} role="status" data-time-check={check.agreed ? "agreed" : "overrun"}>
      <p>
        <strong>{check.summary}</strong>
      </p>
      {check.agreed ? (
        <>
          <p data-overrun-agreed>The partner agreed to this on {formatDate(check.agreed.on)}.</p>
          {agreedDetail}
        </>
      ) : null}
      <p>{check.agreed ? "To keep their time instead:" : "What you can do:"}</p>
      <ul className="reasons small">
        {check.choices.map((c) => (
          <li key={c.kind} data-time-choice={c.kind}>
            {c.text}
            {c.link ? (
              <>
                {" "}
                <Link to={`/engagements/${engagementId}/${c.link.page}#${c.link.anchor}`}>{c.link.text}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
}
