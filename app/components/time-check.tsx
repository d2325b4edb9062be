import type { TimeCheck } from "~/domain/timeline-constraints";

/**
 * How a timeline keeps the partner's time (docs/domain.md §8.6): one line when it does; when it
 * cannot, by how much, and the choices the manager has. The same block on the Timeline and Fit pages.
 */
export function TimeCheckView({ check }: { check: Pick<TimeCheck, "holds" | "limited" | "summary" | "choices"> }) {
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
          </li>
        ))}
      </ul>
    </div>
  );
}
