import { type Row, staffWrite } from "../../helpers/authz";

/** The fee-and-budget panel's forms on the Fit and Proposal pages. */
export const ROWS: Row[] = [
  {
    route: "engagements.$id.fit",
    name: "take the levers off own proposal (Fit page)",
    kind: "action",
    path: (c) => `/engagements/${c.own}/fit`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ form: "budget", intent: "clear-levers", version: "0" }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.fit",
    name: "take the levers off other proposal (Fit page)",
    kind: "action",
    path: (c) => `/engagements/${c.other}/fit`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ form: "budget", intent: "clear-levers", version: "0" }),
    expect: staffWrite(false),
  },
  {
    route: "engagements.$id.proposal",
    name: "take the levers off own proposal (Proposal page)",
    kind: "action",
    path: (c) => `/engagements/${c.own}/proposal`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ form: "budget", intent: "clear-levers", version: "0" }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.fit",
    name: "set own proposal's fee by hand",
    kind: "action",
    path: (c) => `/engagements/${c.own}/fit`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ form: "budget", intent: "set-fee", version: "0", fee: "1,000,000", reason: "Agreed with the partner's board." }),
    expect: staffWrite(true),
  },
];
