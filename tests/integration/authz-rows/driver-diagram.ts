import { LOGIN, staffRead, staffWrite, type Row } from "../../helpers/authz";

/** The demo engagement ("own") has the seeded VAP diagram at version 1; the "other" one has none yet. */
const noDiagramYet = { anonymous: LOGIN, manager: 404, managerOther: 404, leader: 404, admin: 403, partnerA: 404, partnerB: 404 };
const page = "engagements.$id.driver-diagram";

/** The driver diagram page, its edits and its downloads. */
export const ROWS: Row[] = [
  { route: page, name: "own driver diagram", kind: "loader", path: (c) => `/engagements/${c.own}/driver-diagram`, params: (c) => ({ id: String(c.own) }), expect: staffRead },
  {
    route: page,
    name: "own driver diagram, confirming a deletion, full size",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/driver-diagram?delete=n1&wide=1&measures=names&tab=table`,
    params: (c) => ({ id: String(c.own) }),
    expect: staffRead,
  },
  { route: page, name: "other driver diagram (template choice)", kind: "loader", path: (c) => `/engagements/${c.other}/driver-diagram`, params: (c) => ({ id: String(c.other) }), expect: staffRead },
  {
    route: page,
    name: "rename in own driver diagram",
    kind: "action",
    path: (c) => `/engagements/${c.own}/driver-diagram`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "rename-node", version: "1", nodeId: "n1", label: "Prevent aspiration of secretions" }),
    expect: staffWrite(true),
  },
  {
    route: page,
    name: "delete in own driver diagram",
    kind: "action",
    path: (c) => `/engagements/${c.own}/driver-diagram?delete=n4`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "delete-node", version: "1", nodeId: "n4", confirm: "yes" }),
    expect: staffWrite(true),
  },
  {
    route: page,
    name: "add a measure to own driver diagram",
    kind: "action",
    path: (c) => `/engagements/${c.own}/driver-diagram?tab=measures`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "upsert-measure", version: "1", measureId: "", kind: "process", name: "Checklist used on rounds", attachedTo: "n12" }),
    expect: staffWrite(true),
  },
  {
    route: page,
    name: "start other driver diagram from a template",
    kind: "action",
    path: (c) => `/engagements/${c.other}/driver-diagram`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ intent: "start-from-template", version: "0", templateKey: "vap" }),
    expect: staffWrite(false),
  },
  {
    route: page,
    name: "edit other driver diagram before it exists",
    kind: "action",
    path: (c) => `/engagements/${c.other}/driver-diagram`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ intent: "add-node", version: "0", kind: "primary", label: "Reliable processes" }),
    expect: { ...staffWrite(false), managerOther: 400 },
  },
  { route: "engagements.$id.driver-diagram.csv", name: "own driver diagram as CSV", kind: "loader", path: (c) => `/engagements/${c.own}/driver-diagram/csv`, params: (c) => ({ id: String(c.own) }), expect: staffRead },
  { route: "engagements.$id.driver-diagram.csv", name: "other driver diagram as CSV", kind: "loader", path: (c) => `/engagements/${c.other}/driver-diagram/csv`, params: (c) => ({ id: String(c.other) }), expect: noDiagramYet },
  { route: "engagements.$id.driver-diagram.mmd", name: "own driver diagram as mermaid", kind: "loader", path: (c) => `/engagements/${c.own}/driver-diagram/mmd`, params: (c) => ({ id: String(c.own) }), expect: staffRead },
  { route: "engagements.$id.driver-diagram.mmd", name: "other driver diagram as mermaid", kind: "loader", path: (c) => `/engagements/${c.other}/driver-diagram/mmd`, params: (c) => ({ id: String(c.other) }), expect: noDiagramYet },
];
