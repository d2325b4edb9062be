import { LOGIN, staffRead, type Row } from "../../helpers/authz";

/** Key dates as calendar files: the live timeline for staff, a shared version's frozen timeline for its partner too. */
export const ROWS: Row[] = [
  {
    route: "engagements.$id.timeline[.]ics",
    name: "own key dates from the live timeline",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/timeline.ics`,
    params: (c) => ({ id: String(c.own) }),
    expect: staffRead,
  },
  {
    route: "engagements.$id.timeline[.]ics",
    name: "key dates of an engagement with no timeline yet",
    kind: "loader",
    path: (c) => `/engagements/${c.other}/timeline.ics`,
    params: (c) => ({ id: String(c.other) }),
    expect: { anonymous: LOGIN, manager: 404, managerOther: 404, leader: 404, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "engagements.$id.versions.$number.ics",
    name: "key dates of the shared version",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/versions/1/ics`,
    params: (c) => ({ id: String(c.own), number: "1" }),
    expect: { ...staffRead, admin: 404, partnerA: 200 },
  },
  {
    route: "engagements.$id.versions.$number.ics",
    name: "key dates of a version that does not exist",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/versions/9/ics`,
    params: (c) => ({ id: String(c.own), number: "9" }),
    expect: { anonymous: LOGIN, manager: 404, managerOther: 404, leader: 404, admin: 404, partnerA: 404, partnerB: 404 },
  },
];
