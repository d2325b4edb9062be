import type { SnapshotDiff } from "~/domain/proposal-diff";

/** "What changed" between two versions, section by section. */
export function VersionChanges({ diff, emptyText = "Nothing changed." }: { diff: SnapshotDiff; emptyText?: string }) {
  if (diff.isEmpty) return <p>{emptyText}</p>;
  return (
    <dl className="changes" data-changes>
      {diff.sections.map((s) => (
        <div key={s.section}>
          <dt>{s.section}</dt>
          <dd>
            <ul className="reasons">
              {s.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}
