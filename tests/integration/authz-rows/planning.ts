import { type Row, staffRead, staffWrite } from "../../helpers/authz";

const adminOnly = (ok: number) => ({ anonymous: 302, manager: 403, managerOther: 403, leader: 403, admin: ok, partnerA: 403, partnerB: 403 });

/** Timeline, Fit capacity and the staff roster. */
export const ROWS: Row[] = [
  {
    route: "engagements.$id.timeline",
    name: "own timeline",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/timeline`,
    params: (c) => ({ id: String(c.own) }),
    expect: staffRead,
  },
  {
    route: "engagements.$id.timeline",
    name: "other timeline preview",
    kind: "loader",
    path: (c) => `/engagements/${c.other}/timeline?preview=regenerate`,
    params: (c) => ({ id: String(c.other) }),
    expect: staffRead,
  },
  {
    route: "engagements.$id.timeline",
    name: "regenerate own timeline",
    kind: "action",
    path: (c) => `/engagements/${c.own}/timeline`,
    params: (c) => ({ id: String(c.own) }),
    // The demo seed renamed an item after version 1: the timeline is at its version 2.
    form: () => ({ intent: "regenerate", version: "2" }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.timeline",
    name: "remove a dependency from own timeline",
    kind: "action",
    path: (c) => `/engagements/${c.own}/timeline`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "remove-dependency", version: "2", itemId: "ls2", on: "ap1" }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.timeline",
    name: "edit other timeline",
    kind: "action",
    path: (c) => `/engagements/${c.other}/timeline`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ intent: "regenerate", version: "0" }),
    expect: { ...staffWrite(false), managerOther: 400 },
  },
  { route: "admin.staff._index", name: "staff roster", kind: "loader", path: () => "/admin/staff", expect: adminOnly(200) },
  {
    route: "admin.staff._index",
    name: "add to roster",
    kind: "action",
    path: () => "/admin/staff",
    form: () => ({ name: "New Advisor", role: "improvement_advisor", fte: "0.8", availableFrom: "", availableTo: "", dayRate: "1200" }),
    expect: adminOnly(303),
  },
  { route: "admin.staff.$id", name: "roster entry", kind: "loader", path: () => "/admin/staff/1", params: () => ({ id: "1" }), expect: adminOnly(200) },
  {
    route: "admin.staff.$id",
    name: "remove roster entry",
    kind: "action",
    path: () => "/admin/staff/1",
    params: () => ({ id: "1" }),
    form: () => ({ intent: "remove" }),
    expect: adminOnly(303),
  },
];
