import { type Row } from "../../helpers/authz";

/** The portfolio: leadership and partnership managers only; partners and administrators are refused. */
export const ROWS: Row[] = [
  {
    route: "portfolio",
    name: "portfolio",
    kind: "loader",
    path: () => "/portfolio",
    expect: { anonymous: 302, manager: 200, managerOther: 200, leader: 200, admin: 403, partnerA: 403, partnerB: 403 },
  },
];
