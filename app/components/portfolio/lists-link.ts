/** Which of the page's two long lists are shown in full. */
export type ListsShown = { allRisks: boolean; allListed: boolean };

/** A link to the portfolio with the two lists shown in full or not, keeping the other list as it is. */
export function listsLink(shown: ListsShown, change: Partial<ListsShown>, hash: string) {
  const next = { ...shown, ...change };
  const search = new URLSearchParams();
  if (next.allListed) search.set("pipeline", "all");
  if (next.allRisks) search.set("risks", "all");
  const query = search.toString();
  return { pathname: "/portfolio", search: query ? `?${query}` : "", hash };
}
