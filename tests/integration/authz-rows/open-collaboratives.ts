import { staffWrite, type Row } from "../../helpers/authz";

const adminOnly = (ok: number) => ({ anonymous: 302, manager: 403, managerOther: 403, leader: 403, admin: ok, partnerA: 403, partnerB: 403 });

/**
 * The open collaboratives a small request can join: kept by administrators only. The demo seeds three.
 * And a small request's offer taken on the Method page: the "other" engagement has no intake yet, so
 * its organisation's 9 sites make it a small request.
 */
export const ROWS: Row[] = [
  {
    route: "engagements.$id.method",
    name: "take a small request's offer on other method",
    kind: "action",
    path: (c) => `/engagements/${c.other}/method`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ form: "small", intent: "small", choice: "short_tailored", intakeVersion: "0", decisionVersion: "0" }),
    expect: staffWrite(false),
  },
  { route: "admin.open-collaboratives._index", name: "open collaboratives", kind: "loader", path: () => "/admin/open-collaboratives", expect: adminOnly(200) },
  {
    route: "admin.open-collaboratives._index",
    name: "add an open collaborative",
    kind: "action",
    path: () => "/admin/open-collaboratives",
    form: () => ({
      topic: "vte",
      title: "Clot Prevention Collaborative",
      host: "Northbridge Institute for Health Improvement",
      session1: "2030-03-05",
      session2: "2030-07-02",
      session3: "",
      placesLeft: "5",
    }),
    expect: adminOnly(303),
  },
  {
    route: "admin.open-collaboratives.$id",
    name: "an open collaborative",
    kind: "loader",
    path: () => "/admin/open-collaboratives/1",
    params: () => ({ id: "1" }),
    expect: adminOnly(200),
  },
  {
    route: "admin.open-collaboratives.$id",
    name: "edit an open collaborative",
    kind: "action",
    path: () => "/admin/open-collaboratives/2",
    params: () => ({ id: "2" }),
    form: () => ({
      intent: "save",
      version: "1",
      topic: "falls",
      title: "Safer Wards Falls Collaborative",
      host: "Eastmere Regional Health Authority",
      session1: "2030-02-05",
      session2: "2030-06-04",
      session3: "2030-10-01",
      placesLeft: "3",
    }),
    expect: adminOnly(303),
  },
  {
    route: "admin.open-collaboratives.$id",
    name: "remove an open collaborative",
    kind: "action",
    path: () => "/admin/open-collaboratives/3",
    params: () => ({ id: "3" }),
    form: () => ({ intent: "remove", confirm: "on" }),
    expect: adminOnly(303),
  },
];
