import { engagementCoOwners } from "../../../db/schema";
import { LOGIN, type Ctx, type Row } from "../../helpers/authz";
import { db } from "../../helpers/db";

/**
 * Who owns an engagement (docs/domain.md §9.15). Its owners add and remove co-owners and hand it over
 * from its page; nobody else may, and a partner is told nothing exists. An administrator, who cannot
 * open that page, hands a user's live engagements over from the user's page, disabling them or not.
 */

/**
 * The other manager made a co-owner of the demo engagement, for the row that removes them. The forms
 * are read once before any test for their fields, with no users (id 0): nothing is written then.
 */
function withCoOwner(c: Ctx): string {
  if (c.managerOtherId > 0) db().insert(engagementCoOwners).values({ engagementId: c.own, userId: c.managerOtherId }).onConflictDoNothing().run();
  return String(c.managerOtherId);
}

const ownersOf = (own: boolean) => ({
  anonymous: LOGIN,
  manager: own ? 303 : 403,
  managerOther: own ? 403 : 303,
  leader: 403,
  admin: 403,
  partnerA: 404,
  partnerB: 404,
});
const adminOnly = (ok: number) => ({ anonymous: LOGIN, manager: 403, managerOther: 403, leader: 403, admin: ok, partnerA: 403, partnerB: 403 });

export const ROWS: Row[] = [
  {
    route: "engagements.$id._index",
    name: "add a co-owner to own engagement",
    kind: "action",
    path: (c) => `/engagements/${c.own}`,
    params: (c) => ({ id: String(c.own) }),
    form: (c) => ({ form: "add-co-owner", intent: "add-co-owner", coOwnerId: String(c.managerOtherId) }),
    expect: ownersOf(true),
  },
  {
    route: "engagements.$id._index",
    name: "add a co-owner to the other engagement",
    kind: "action",
    path: (c) => `/engagements/${c.other}`,
    params: (c) => ({ id: String(c.other) }),
    form: (c) => ({ form: "add-co-owner", intent: "add-co-owner", coOwnerId: String(c.managerId) }),
    expect: ownersOf(false),
  },
  {
    route: "engagements.$id._index",
    name: "remove a co-owner of own engagement",
    kind: "action",
    path: (c) => `/engagements/${c.own}`,
    params: (c) => ({ id: String(c.own) }),
    form: (c) => ({ form: "remove-co-owner", intent: "remove-co-owner", coOwnerId: withCoOwner(c) }),
    // The co-owner removed is the other manager: as a co-owner they may remove themselves.
    expect: { ...ownersOf(true), managerOther: 303 },
  },
  {
    route: "engagements.$id._index",
    name: "hand own engagement over",
    kind: "action",
    path: (c) => `/engagements/${c.own}`,
    params: (c) => ({ id: String(c.own) }),
    form: (c) => ({ form: "hand-over", intent: "hand-over", newOwnerId: String(c.managerOtherId), ownerId: String(c.managerId), keepPrevious: "on" }),
    expect: ownersOf(true),
  },
  {
    route: "engagements.$id._index",
    name: "hand the other engagement over",
    kind: "action",
    path: (c) => `/engagements/${c.other}`,
    params: (c) => ({ id: String(c.other) }),
    form: (c) => ({ form: "hand-over", intent: "hand-over", newOwnerId: String(c.managerId), ownerId: String(c.managerOtherId) }),
    expect: ownersOf(false),
  },
  {
    route: "admin.users.$id",
    name: "disable a user who owns a live engagement, handing it over",
    kind: "action",
    path: (c) => `/admin/users/${c.managerOtherId}`,
    params: (c) => ({ id: String(c.managerOtherId) }),
    form: (c) => ({ form: "access", intent: "disable", successorId: String(c.managerId) }),
    expect: adminOnly(303),
  },
  {
    route: "admin.users.$id",
    name: "hand a user's live engagements over",
    kind: "action",
    path: (c) => `/admin/users/${c.managerOtherId}`,
    params: (c) => ({ id: String(c.managerOtherId) }),
    form: (c) => ({ form: "hand-over-all", intent: "hand-over-all", successorId: String(c.managerId) }),
    expect: adminOnly(303),
  },
];
