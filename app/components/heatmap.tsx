import { shortMonth } from "~/domain/calendar";
import { useId } from "react";
import { TableScroll } from "~/components/ui";
import { fteFigure } from "~/domain/capacity";
import type { HeatmapView } from "~/domain/resource-fit";

const LEVEL_TEXT = { ok: "OK", tight: "Tight", over: "Over" } as const;

/** Role × month capacity, readable without colour: every cell says its level and numbers in words. */
export function CapacityHeatmap({ data, caption, captionHidden = false }: { data: HeatmapView; caption: string; captionHidden?: boolean }) {
  const captionId = useId();
  return (
    <div>
      <TableScroll labelledBy={captionId}>
        <table className="data heatmap">
          <caption id={captionId} className={captionHidden ? "visually-hidden" : undefined}>
            {caption}
          </caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              {data.months.map((m) => (
                <th scope="col" key={m} className="num">
                  {shortMonth(m)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.role}>
                <th scope="row">{row.label}</th>
                {data.months.map((m) => {
                  const cell = row.cells.find((c) => c.month === m);
                  if (!cell || cell.needed <= 0) {
                    return (
                      <td key={m} className="num heat heat--none" title={cell?.label}>
                        <span className="visually-hidden">No demand</span>
                      </td>
                    );
                  }
                  return (
                    <td key={m} className={`num heat heat--${cell.level}`} title={cell.label}>
                      <span className="heat__level">{LEVEL_TEXT[cell.level]}</span>
                      <span className="heat__numbers">
                        {fteFigure(cell.needed, "grid")}/{cell.freeAfterConfirmed.toFixed(1)}
                      </span>
                      <span className="visually-hidden">{cell.label}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="small muted">
        Each cell: FTE this engagement needs / FTE free after confirmed bookings. “Tight” fits only if tentative bookings do not go ahead, or leaves under 10%
        spare. Hover over a cell for the full figures.
      </p>
    </div>
  );
}
