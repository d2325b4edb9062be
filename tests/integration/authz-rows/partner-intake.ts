import { LOGIN, staffRead, staffWrite, type Row } from "../../helpers/authz";
import { intakeForm } from "../../helpers/intake";

/**
 * The intake sections opened to the partner: the manager's page and its changes, and the partner's
 * own page. "Scale and horizon" and "Budget" of the own engagement are open to partner A's
 * organisation and answered (tests/helpers/fixtures.ts, openIntakeSections); nothing is opened on the
 * other engagement.
 */
const partnerOnly = (ok: number) => ({ anonymous: LOGIN, manager: 403, managerOther: 403, leader: 403, admin: 403, partnerA: ok, partnerB: 404 });

export const ROWS: Row[] = [
  {
    route: "engagements.$id.partner-intake",
    name: "what own partner was asked",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/partner-intake`,
    params: (c) => ({ id: String(c.own) }),
    expect: staffRead,
  },
  {
    route: "engagements.$id.partner-intake",
    name: "open a section of own intake to the partner",
    kind: "action",
    path: (c) => `/engagements/${c.own}/partner-intake`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "open", section: "needs" }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.partner-intake",
    name: "take the partner's answers into own intake",
    kind: "action",
    path: (c) => `/engagements/${c.own}/partner-intake`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({
      intent: "take",
      section: "budget",
      draftVersion: "2",
      intakeVersion: "1",
      // The partner's minimum: their maximum alone would fall below the intake's minimum, which is refused.
      take: "budgetMin",
      note: "We keep the minimum agreed at the scoping call.",
    }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.partner-intake",
    name: "send the partner's answers back with a note",
    kind: "action",
    path: (c) => `/engagements/${c.own}/partner-intake`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "return", section: "scale", draftVersion: "2", note: "Could you give the start month the board agreed?" }),
    expect: staffWrite(true),
  },
  {
    route: "engagements.$id.partner-intake",
    name: "open a section of the other intake to its partner",
    kind: "action",
    path: (c) => `/engagements/${c.other}/partner-intake`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ intent: "open", section: "context" }),
    expect: staffWrite(false),
  },
  {
    route: "partner.intake.$id",
    name: "the partner's opened section",
    kind: "loader",
    path: (c) => `/partner/intake/${c.own}?section=scale`,
    params: (c) => ({ id: String(c.own) }),
    expect: partnerOnly(200),
  },
  {
    route: "partner.intake.$id",
    name: "the partner's page of an engagement with nothing opened",
    kind: "loader",
    path: (c) => `/partner/intake/${c.other}`,
    params: (c) => ({ id: String(c.other) }),
    expect: { ...partnerOnly(404) },
  },
  {
    route: "partner.intake.$id",
    name: "the partner saves an opened section",
    kind: "action",
    path: (c) => `/partner/intake/${c.own}?section=scale`,
    params: (c) => ({ id: String(c.own) }),
    form: () => intakeForm("scale", { version: "2", expectedSites: "14", desiredStart: "2027-10", longestDurationMonths: "24", hardDeadline: "" }),
    expect: partnerOnly(303),
  },
];
