import { all, LOGIN, type Row } from "../../helpers/authz";

/** Invitations and password links. A made-up token opens nothing, for anyone. */
export const ROWS: Row[] = [
  {
    route: "admin.users.invite",
    name: "invitation form",
    kind: "loader",
    path: () => "/admin/users/invite",
    expect: all(403, { anonymous: LOGIN, admin: 200 }),
  },
  {
    route: "admin.users.invite",
    name: "invite a user",
    kind: "action",
    path: () => "/admin/users/invite",
    form: () => ({ name: "Invited Person", email: "invited.person@demo.test", role: "leader", organisationId: "" }),
    expect: all(403, { anonymous: LOGIN, admin: 303 }),
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
