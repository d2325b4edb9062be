import type { SnapshotDiff } from "~/domain/proposal-diff";
import type { Pictures } from "~/domain/proposal-content";

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

/** The pictures as a page receives them: the SVG only, since the PNG exists for the Word document. */
export type PagePictures = Partial<Record<keyof Pictures, { svg: string; width: number; height: number }>>;

export function forPage(pictures: Pictures): PagePictures {
  return Object.fromEntries(Object.entries(pictures).map(([k, p]) => [k, { svg: p!.svg, width: p!.width, height: p!.height }]));
}

export function forDocument(pictures: PagePictures): Pictures {
  return Object.fromEntries(Object.entries(pictures).map(([k, p]) => [k, { ...p!, png: new Uint8Array() }])) as Pictures;
}
