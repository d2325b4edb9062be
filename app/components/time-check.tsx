import { Link } from "@remix-run/react";
import type { TimeCheck } from "~/domain/timeline-constraints";

/**
 * How a timeline keeps the partner's time (docs/domain.md §8.6): one line when it does; when it
 * cannot, by how much, and the choices the manager has, each with a link to where it is made when it
 * is made on another page. The same block on the Timeline and Fit pages.
 */
export function TimeCheckView({ check, engagementId }: { check: Pick<TimeCheck, "holds" | "limited" | "summary" | "choices">; engagementId: number }) {
  if (check.holds) {
    return (
      <p className="small" data-time-check="holds">
        {check.summary}
      </p>
    );
  }
  return (
    <div className="notice" role="status" data-time-check="overrun">
      <p>
        <strong>{check.summary}</strong>
      </p>
      <p>What you can do:</p>
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
    </div>
  );
}
