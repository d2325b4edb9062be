/*
 * Where a gantt's marks of the partner's time put their names (docs/domain.md §8.6): the printed
 * picture (gantt-chart.ts) and the Timeline page's chart (components/gantt-labels.ts) alike. Each mark
 * is a line across the chart's rows that runs on past them to its name, one name to a line of text
 * beside the chart; the first of those lines is the nearest the rows, and each mark's line crosses the
 * nearer ones on its way to its own. Pure.
 */

/** Between a mark's line and its name. */
export const MARK_GAP = 4;

export type MarkName = { x: number; width: number };
/** Where a mark's name goes: its line of text (0 the nearest the chart's rows), the side of its line, where its text is anchored. */
export type MarkPlace = { row: number; anchor: "start" | "end"; x: number };

/** A mark's name beside its line: to its right where it fits before `room.to`, else to its left where it fits there, else to its right. */
function side(x: number, width: number, room: { from: number; to: number }): Pick<MarkPlace, "anchor" | "x"> {
  if (x + MARK_GAP + width <= room.to || x - MARK_GAP - width < room.from) return { anchor: "start", x: x + MARK_GAP };
  return { anchor: "end", x: x - MARK_GAP };
}

/**
 * Each mark's name's place, in the order the marks were given: each beside its own line, within the
 * room, on a line of text of its own, in an order of lines where no name is crossed by the line of a
 * mark whose name is further out; the rightmost nearest the chart when every order crosses.
 */
export function placeMarkNames(marks: MarkName[], room: { from: number; to: number }): MarkPlace[] {
  const sides = marks.map((m) => side(m.x, m.width, room));
  const byX = marks.map((_, i) => i).sort((a, b) => marks[b]!.x - marks[a]!.x);
  const crosses = (order: number[]) =>
    order.some((i, row) =>
      order.slice(row + 1).some((j) => {
        const { anchor, x } = sides[i]!;
        const [from, to] = anchor === "start" ? [x, x + marks[i]!.width] : [x - marks[i]!.width, x];
        return marks[j]!.x >= from - 1 && marks[j]!.x <= to + 1;
      })
    );
  const order = [byX, [...byX].reverse()].find((o) => !crosses(o)) ?? byX;
  const places: MarkPlace[] = new Array(marks.length);
  order.forEach((i, row) => (places[i] = { row, ...sides[i]! }));
  return places;
}
