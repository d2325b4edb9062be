import { type Row, staffRead } from "../../helpers/authz";

const partnerShared = { ...staffRead, partnerA: 200 };

/** The proposal: live draft, versions, documents. Version 1 of the own engagement is shared with partner A. */
export const ROWS: Row[] = [
  {
    route: "engagements.$id.proposal",
    name: "own proposal draft",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/proposal`,
    params: (c) => ({ id: String(c.own) }),
    expect: staffRead,
  },
  {
    route: "engagements.$id.proposal",
    name: "other proposal draft",
    kind: "loader",
    path: (c) => `/engagements/${c.other}/proposal`,
    params: (c) => ({ id: String(c.other) }),
    expect: staffRead,
  },
  {
    route: "engagements.$id.proposal",
    name: "create own version",
    kind: "action",
    path: (c) => `/engagements/${c.own}/proposal`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "create-version" }),
    expect: { anonymous: 302, manager: 303, managerOther: 403, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "engagements.$id.proposal",
    name: "create other version",
    kind: "action",
    path: (c) => `/engagements/${c.other}/proposal`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ intent: "create-version" }),
    expect: { anonymous: 302, manager: 403, managerOther: 303, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "engagements.$id.versions.$number",
    name: "own version page",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/versions/1`,
    params: (c) => ({ id: String(c.own), number: "1" }),
    expect: staffRead,
  },
  {
    route: "engagements.$id.versions.$number",
    name: "missing version page",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/versions/9`,
    params: (c) => ({ id: String(c.own), number: "9" }),
    expect: { ...staffRead, manager: 404, managerOther: 404, leader: 404 },
  },
  {
    route: "engagements.$id.versions.$number.docx",
    name: "shared version as Word",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/versions/1/docx`,
    params: (c) => ({ id: String(c.own), number: "1" }),
    expect: { ...partnerShared, admin: 404 },
  },
  {
    route: "engagements.$id.versions.$number.pdf",
    name: "shared version as PDF",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/versions/1/pdf`,
    params: (c) => ({ id: String(c.own), number: "1" }),
    expect: { ...partnerShared, admin: 404 },
  },
  {
    route: "engagements.$id.versions.$number.docx",
    name: "internal briefing as Word",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/versions/1/docx?edition=internal`,
    params: (c) => ({ id: String(c.own), number: "1" }),
    expect: { ...staffRead, admin: 404 },
  },
  {
    route: "engagements.$id.versions.$number.pdf",
    name: "internal briefing as PDF",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/versions/1/pdf?edition=internal`,
    params: (c) => ({ id: String(c.own), number: "1" }),
    expect: { ...staffRead, admin: 404 },
  },
];
