import fs from "node:fs";
import path from "node:path";
import { all, type Row } from "../../helpers/authz";

/**
 * Addresses that are only read (app/lib/read-only.server.ts), found from the route modules whose
 * action is `readOnly`: anything but GET is 405 for everyone, signed in or not, whatever the record,
 * so it tells no one whether a record exists.
 */
const SAMPLE: Record<string, (own: number) => string> = {
  $id: (own) => String(own),
  $number: () => "1",
  $requestId: () => "1",
  $role: () => "faculty",
  $format: () => "csv",
  $chart: () => "pipeline",
  $method: () => "collaborative",
};

const dir = path.resolve("app/routes");
const readOnlyRoutes = fs
  .readdirSync(dir)
  .filter((f) => /\.tsx?$/.test(f) && /^export const action = readOnly;$/m.test(fs.readFileSync(path.join(dir, f), "utf8")))
  .map((f) => f.replace(/\.tsx?$/, ""));

function address(route: string, own: number) {
  const segments = route
    .replace(/\[\.\]/g, "\u0001")
    .split(".")
    .filter((s) => s !== "_index");
  const params: Record<string, string> = {};
  const url = segments.map((s) => {
    if (!s.startsWith("$")) return s.replace(/\u0001/g, ".");
    const value = SAMPLE[s]?.(own) ?? "1";
    params[s.slice(1)] = value;
    return value;
  });
  return { path: `/${url.join("/")}`, params };
}

export const ROWS: Row[] = readOnlyRoutes.map((route) => ({
  route,
  name: `POST to an address that is only read (${route})`,
  kind: "action",
  path: (c) => address(route, c.own).path,
  params: (c) => address(route, c.own).params,
  form: () => ({ intent: "anything" }),
  expect: all(405),
}));
