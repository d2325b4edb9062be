import { listOf } from "~/domain/plural";

/** What a version is short of now, one line per role (docs/domain.md §8.1), as the approval request and the review page say it. */
export type CapacityShort = {
  count: number;
  roster: string[];
  changes: string[];
  others: string[];
  approval: string | null;
};

/**
 * The roles a version is short of now, the roster's doing apart from the other engagements': "Our roster
 * no longer carries it", naming the changes that left it short, then "Conflicts with other engagements".
 * `after` follows the conflicts (who competes for the roles). Nothing when nothing is short.
 */
export function CapacityShortNow({ short, level = 3, after }: { short: CapacityShort; level?: 2 | 3; after?: React.ReactNode }) {
  const Heading = level === 2 ? "h2" : "h3";
  if (short.count === 0) return null;
  return (
    <div data-capacity-short>
      {short.approval ? <p data-approval-no-longer-fits>{short.approval}</p> : null}
      {short.roster.length ? (
        <>
          <Heading>Our roster no longer carries it</Heading>
          {short.changes.length ? <p>Since {listOf(short.changes)}:</p> : null}
          <ul className="reasons" data-roster-short>
            {short.roster.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      {short.others.length ? (
        <>
          <Heading>Conflicts with other engagements</Heading>
          <ul className="reasons" data-conflicts>
            {short.others.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {after}
        </>
      ) : null}
    </div>
  );
}
