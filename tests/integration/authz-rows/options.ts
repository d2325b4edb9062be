import { LOGIN, type Row, staffWrite } from "../../helpers/authz";
import { optionOf } from "../../helpers/fixtures";

/** The options forms of the Proposal page (docs/domain.md §9.13). */
const page = (id: number) => ({ path: `/engagements/${id}/proposal`, params: { id: String(id) } });
const fields = { name: "Core + capability building", scope: "The collaborative, with a cadre of improvement advisors trained.", leavesOut: "Travel." };

export const ROWS: Row[] = [
  {
    route: "engagements.$id.proposal",
    name: "add an option to own proposal",
    kind: "action",
    path: (c) => page(c.own).path,
    params: (c) => page(c.own).params,
    form: () => ({ form: "option-new", intent: "add-option", ...fields }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.proposal",
    name: "add an option to other proposal",
    kind: "action",
    path: (c) => page(c.other).path,
    params: (c) => page(c.other).params,
    form: () => ({ form: "option-new", intent: "add-option", ...fields }),
    expect: staffWrite(false),
  },
  {
    route: "engagements.$id.proposal",
    name: "change an option of own proposal",
    kind: "action",
    path: (c) => page(c.own).path,
    params: (c) => page(c.own).params,
    form: (c) => ({ form: "option-1", intent: "edit-option", option: String(optionOf(c.own)), version: "1", ...fields }),
    expect: staffWrite(true),
  },
  {
    // The option is looked for in the engagement of the page: another engagement's option is not found.
    route: "engagements.$id.proposal",
    name: "change own proposal's option through other proposal's page",
    kind: "action",
    path: (c) => page(c.other).path,
    params: (c) => page(c.other).params,
    form: (c) => ({ form: "option-1", intent: "edit-option", option: String(optionOf(c.own)), version: "1", ...fields }),
    expect: { anonymous: LOGIN, manager: 403, managerOther: 404, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "engagements.$id.proposal",
    name: "apply a lever to an option of own proposal",
    kind: "action",
    path: (c) => page(c.own).path,
    params: (c) => page(c.own).params,
    form: (c) => ({ form: "option-1", intent: "apply-option-lever", option: String(optionOf(c.own)), version: "1", lever: "virtual_sessions" }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.proposal",
    name: "take the levers off an option of own proposal",
    kind: "action",
    path: (c) => page(c.own).path,
    params: (c) => page(c.own).params,
    form: (c) => ({ form: "option-1", intent: "clear-option-levers", option: String(optionOf(c.own)), version: "1" }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.proposal",
    name: "remove an option of own proposal",
    kind: "action",
    path: (c) => page(c.own).path,
    params: (c) => page(c.own).params,
    form: (c) => ({ form: "option-1", intent: "remove-option", option: String(optionOf(c.own)), version: "1", confirm: "on" }),
    expect: staffWrite(true),
  },
];
