import { shortMonth } from "~/domain/calendar";
import { CAPACITY_LEVEL_LABELS, fteText, type PortfolioCapacity, type PortfolioCell } from "~/domain/portfolio";

function Bar({ cell }: { cell: PortfolioCell }) {
  const scale = Math.max(cell.capacity, cell.confirmed + cell.tentative);
  if (scale <= 0) return null;
  const pct = (n: number) => `${Math.min(100, (n / scale) * 100).toFixed(1)}%`;
  return (
    <span className="portfolio-bar" aria-hidden="true">
      <span className="portfolio-bar__confirmed" style={{ width: pct(cell.confirmed) }} />
      <span className="portfolio-bar__tentative" style={{ width: pct(cell.tentative) }} />
      {cell.capacity > 0 && cell.capacity < scale ? <span className="portfolio-bar__capacity" style={{ left: pct(cell.capacity) }} /> : null}
    </span>
  );
}

export function PortfolioHeatmap({ capacity }: { capacity: PortfolioCapacity }) {
  return (
    <div className="table-wrap portfolio-heatmap-wrap" tabIndex={0} role="region" aria-labelledby="heatmap-caption">
      <table className="data portfolio-heatmap">
        <caption id="heatmap-caption">Staff capacity by role and month: confirmed and tentative bookings of the FTE available</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            {capacity.months.map((m) => {
              const [month, year] = shortMonth(m).split(" ");
              return (
                <th scope="col" key={m} className="portfolio-month">
                  <span>{month}</span> <span className="portfolio-year">{year}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {capacity.rows.map((row) => (
            <tr key={row.role} data-role={row.role}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell) => {
                const empty = cell.capacity <= 0 && cell.confirmed + cell.tentative <= 0;
                return (
                  <td
                    key={cell.month}
                    className={`portfolio-cell portfolio-cell--${empty ? "empty" : cell.level}`}
                    data-month={cell.month}
                    data-level={cell.level}
                    title={cell.label}
                  >
                    <span aria-hidden="true">
                      <span className="portfolio-cell__level">{empty ? "None" : CAPACITY_LEVEL_LABELS[cell.level]}</span>
                      {!empty ? <Bar cell={cell} /> : null}
                      {cell.confirmed > 0 ? <span className="portfolio-cell__line">{fteText(cell.confirmed)} conf.</span> : null}
                      {cell.tentative > 0 ? <span className="portfolio-cell__line portfolio-cell__tentative">{fteText(cell.tentative)} tent.</span> : null}
                      {cell.confirmed + cell.tentative <= 0 && !empty ? <span className="portfolio-cell__line muted">none booked</span> : null}
                      <span className="portfolio-cell__line muted">{empty ? "no one" : `of ${fteText(cell.capacity)}`}</span>
                    </span>
                    <span className="visually-hidden">{cell.label}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
