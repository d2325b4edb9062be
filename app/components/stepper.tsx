import { Link } from "@remix-run/react";
import type { StepKey, StepStatus } from "~/domain/steps";

export function Stepper({
  steps,
  current,
  hrefFor,
}: {
  steps: { key: StepKey; label: string; status: StepStatus; words: string }[];
  current?: StepKey;
  hrefFor?: (key: StepKey) => string | undefined;
}) {
  return (
    <nav aria-label="Engagement steps">
      <ol className="stepper">
        {steps.map((s) => {
          const href = hrefFor?.(s.key);
          const body = (
            <>
              <span className="step-name">{s.label}</span>
              <span className="step-status">{s.words}</span>
            </>
          );
          return (
            <li key={s.key} data-status={s.status} data-step={s.key}>
              {href ? (
                // Named "Intake: Complete", not "IntakeComplete" as its two spans would read together.
                <Link to={href} aria-current={current === s.key ? "step" : undefined} aria-label={`${s.label}: ${s.words}`}>
                  {body}
                </Link>
              ) : (
                <span className="step" aria-current={current === s.key ? "step" : undefined}>
                  {body}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
