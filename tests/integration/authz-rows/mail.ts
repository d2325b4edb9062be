import { all, LOGIN, type Row } from "../../helpers/authz";

const adminsOnly = (ok: number) => all(403, { anonymous: LOGIN, admin: ok });

/** Mail: the outbox administrators read, and each user's own choice of notices. The demo seed's shared versions wrote message 1. */
export const ROWS: Row[] = [
  { route: "admin.outbox._index", name: "outbox", kind: "loader", path: () => "/admin/outbox", expect: adminsOnly(200) },
  { route: "admin.outbox.$id", name: "one message", kind: "loader", path: () => "/admin/outbox/1", params: () => ({ id: "1" }), expect: adminsOnly(200) },
  {
    route: "admin.outbox.$id",
    name: "missing message",
    kind: "loader",
    path: () => "/admin/outbox/99999",
    params: () => ({ id: "99999" }),
    expect: adminsOnly(404),
  },
  {
    route: "notices",
    name: "choose own notices by mail",
    kind: "action",
    path: () => "/notices",
    form: () => ({ intent: "mail-notices", partner_commented: "on" }),
    expect: all(303, { anonymous: LOGIN }),
  },
];
