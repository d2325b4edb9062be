/**
 * A route module's name (app/routes, Remix's flat file names) as an address on the demo data, with its
 * params: `$id`, `$number` and `$requestId` become 1 (the demo engagement, its first version, the first
 * approval request) unless given, a chart's `$chart`, `$role`, `$method` and `$format` the pipeline
 * chart, faculty, the collaborative and CSV; `_index` nothing, `[.]` a dot, other dots slashes. The
 * route-wide browser tests and the authorisation matrix find routes this way.
 */
const SAMPLE_PARAMS: Record<string, string> = { $chart: "pipeline", $role: "faculty", $method: "collaborative", $format: "csv" };

export function routeAddress(name: string, given: Record<string, string> = {}): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = name
    .replace(/\[\.\]/g, "\u0001")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => {
      if (!s.startsWith("$")) return s.replace(/\u0001/g, ".");
      const value = given[s] ?? SAMPLE_PARAMS[s] ?? "1";
      params[s.slice(1)] = value;
      return value;
    });
  return { path: `/${segments.join("/")}`, params };
}
