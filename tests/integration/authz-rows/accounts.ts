import { all, LOGIN, type Row } from "../../helpers/authz";

/**
 * Invitations and password links. A made-up token opens nothing, for anyone. An engagement's owner
 * invites an executive of its partner from the engagement's page; an administrator, who cannot open
 * that page, is refused there too and invites executives from the Users page instead.
 */
export const ROWS: Row[] = [
  {
    route: "engagements.$id._index",
    name: "invite an executive of own engagement's partner",
    kind: "action",
    path: (c) => `/engagements/${c.own}`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ form: "invite-executive", intent: "invite-executive", name: "Nadia Okafor", email: "nadia.okafor@northfield.example" }),
    expect: { anonymous: LOGIN, manager: 303, managerOther: 403, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "engagements.$id._index",
    name: "invite an executive of the other engagement's partner",
    kind: "action",
    path: (c) => `/engagements/${c.other}`,
    params: (c) => ({ id: String(c.other) }),
    form: () => ({ form: "invite-executive", intent: "invite-executive", name: "Nadia Okafor", email: "nadia.okafor@northfield.example" }),
    expect: { anonymous: LOGIN, manager: 403, managerOther: 303, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "password.$token",
    name: "password link page",
    kind: "loader",
    path: () => "/password/not-a-real-token",
    params: () => ({ token: "not-a-real-token" }),
    expect: all(404),
  },
  {
    route: "password.$token",
    name: "choose a password",
    kind: "action",
    path: () => "/password/not-a-real-token",
    params: () => ({ token: "not-a-real-token" }),
    form: () => ({ password: "a-long-enough-password", confirm: "a-long-enough-password" }),
    expect: all(400),
  },
  { route: "forgot-password", name: "forgot password page", kind: "loader", path: () => "/forgot-password", expect: all(302, { anonymous: 200 }) },
  {
    route: "forgot-password",
    name: "ask for a reset link",
    kind: "action",
    path: () => "/forgot-password",
    form: () => ({ email: "manager@demo.test" }),
    expect: all(303),
  },
];
