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
  // The exchange rate for a budget in the partner's currency (docs/domain.md §8.7): the engagement's managers' alone.
  // The demo engagements' budgets are in USD, so one who may record a rate for EUR is told the budget is not in EUR (409).
  {
    route: "engagements.$id.proposal",
    name: "record own proposal's exchange rate",
    kind: "action",
    path: (c) => `/engagements/${c.own}/proposal`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({
      form: "budget",
      intent: "set-rate",
      version: "0",
      currency: "EUR",
      rate: "0.92",
      rateOn: "2026-10-30",
      rateSource: "European Central Bank reference rate",
    }),
    expect: { ...staffWrite(true), manager: 409 },
  },
  {
    route: "engagements.$id.proposal",
    name: "record other proposal's exchange rate",
    kind: "action",
    path: (c) => `/engagements/${c.other}/proposal`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ form: "budget", intent: "set-rate", version: "0", currency: "EUR", rate: "0.92", rateOn: "2026-10-30", rateSource: "" }),
    expect: { ...staffWrite(false), managerOther: 409 },
  },
  {
    route: "engagements.$id.fit",
    name: "record own proposal's exchange rate (Fit page)",
    kind: "action",
    path: (c) => `/engagements/${c.own}/fit`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ form: "budget", intent: "set-rate", version: "0", currency: "EUR", rate: "0.92", rateOn: "2026-10-30", rateSource: "" }),
    expect: { ...staffWrite(true), manager: 409 },
  },
  {
    // Nothing is recorded for the demo engagement: its owner is told so (409); no one else may try.
    route: "engagements.$id.proposal",
    name: "clear own proposal's exchange rate",
    kind: "action",
    path: (c) => `/engagements/${c.own}/proposal`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ form: "budget", intent: "clear-rate", version: "0" }),
    expect: { ...staffWrite(true), manager: 409 },
  },
];
