/** Which of the page's three long lists are shown in full. */
export type ListsShown = { allRisks: boolean; allListed: boolean; allApprovals: boolean };

/** The role the capacity chart shows, kept when a list is opened or closed. */
export type ChartShown = { charts?: { role: string | null } };

/** A link to the portfolio with the lists shown in full or not, keeping the other lists and the chart's role as they are. */
export function listsLink(shown: ListsShown & ChartShown, change: Partial<ListsShown>, hash: string) {
  const next = { ...shown, ...change };
  const search = new URLSearchParams();
  if (shown.charts?.role) search.set("role", shown.charts.role);
  if (next.allListed) search.set("pipeline", "all");
  if (next.allRisks) search.set("risks", "all");
  if (next.allApprovals) search.set("approvals", "all");
  const query = search.toString();
  return { pathname: "/portfolio", search: query ? `?${query}` : "", hash };
}

/** A link to the portfolio showing `role` in the capacity chart, keeping the lists as they are. */
export function roleLink(shown: ListsShown, role: string) {
  const link = listsLink({ ...shown, charts: { role } }, {}, "capacity-chart");
  return link;
}
