import { Fragment } from "react";
import { Link } from "@remix-run/react";
import type { missingPartView } from "~/domain/missing-parts";

type Part = ReturnType<typeof missingPartView>;

/** The parts a proposal still needs, each with a link to where it is completed (docs/domain.md §9.1). */
export function MissingPartsList({ parts, className }: { parts: Part[]; className?: string }) {
  return (
    <ul className={className} data-missing-parts>
      {parts.map((part) => (
        <li key={part.words}>
          {part.words} <span className="small">— complete it in </span>
          {part.completeIn.map((place, i) => (
            <Fragment key={place.to}>
              {i === 0 ? null : <span className="small">{i === part.completeIn.length - 1 ? " and " : ", "}</span>}
              <Link to={place.to} className="small">
                {place.words}
              </Link>
            </Fragment>
          ))}
        </li>
      ))}
    </ul>
  );
}
