import fs from "node:fs";
import path from "node:path";
import { all, type Row } from "../../helpers/authz";
import { routeAddress } from "../../helpers/route-address";

/**
 * Addresses that are only read (app/lib/read-only.server.ts), found from the route modules whose
 * action is `readOnly`: anything but GET is 405 for everyone, signed in or not, whatever the record,
 * so it tells no one whether a record exists.
 */
const dir = path.resolve("app/routes");
const readOnlyRoutes = fs
  .readdirSync(dir)
  .filter((f) => /\.tsx?$/.test(f) && /^export const action = readOnly;$/m.test(fs.readFileSync(path.join(dir, f), "utf8")))
  .map((f) => f.replace(/\.tsx?$/, ""));

export const ROWS: Row[] = readOnlyRoutes.map((route) => ({
  route,
  name: `POST to an address that is only read (${route})`,
  kind: "action",
  path: (c) => routeAddress(route, { $id: String(c.own) }).path,
  params: (c) => routeAddress(route, { $id: String(c.own) }).params,
  form: () => ({ intent: "anything" }),
  expect: all(405),
}));
