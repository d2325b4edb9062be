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
  {
    route: "portfolio.charts.$chart.$format",
    name: "portfolio pipeline chart as CSV",
    kind: "loader",
    path: () => "/portfolio/charts/pipeline/csv",
    params: () => ({ chart: "pipeline", format: "csv" }),
    expect: { anonymous: 302, manager: 200, managerOther: 200, leader: 200, admin: 403, partnerA: 403, partnerB: 403 },
  },
  {
    route: "portfolio.charts.$chart.$format",
    name: "portfolio capacity chart as SVG",
    kind: "loader",
    path: () => "/portfolio/charts/capacity/svg",
    params: () => ({ chart: "capacity", format: "svg" }),
    expect: { anonymous: 302, manager: 200, managerOther: 200, leader: 200, admin: 403, partnerA: 403, partnerB: 403 },
  },
  {
    route: "portfolio.charts.$chart.$format",
    name: "portfolio chart in an unknown format",
    kind: "loader",
    path: () => "/portfolio/charts/capacity/exe",
    params: () => ({ chart: "capacity", format: "exe" }),
    expect: { anonymous: 302, manager: 404, managerOther: 404, leader: 404, admin: 403, partnerA: 403, partnerB: 403 },
  },
];
