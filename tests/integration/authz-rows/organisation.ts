import type { Row } from "../../helpers/authz";

const adminOnly = (ok: number) => ({ anonymous: 302, manager: 403, managerOther: 403, leader: 403, admin: ok, partnerA: 403, partnerB: 403 });

/** Our organisation's profile: kept by administrators only. The demo seeds it, at version 1. */
export const ROWS: Row[] = [
  { route: "admin.organisation", name: "our organisation's profile", kind: "loader", path: () => "/admin/organisation", expect: adminOnly(200) },
  {
    route: "admin.organisation",
    name: "save our organisation's profile",
    kind: "action",
    path: () => "/admin/organisation",
    form: () => ({
      version: "1",
      name: "Northbridge Institute for Health Improvement",
      shortName: "Northbridge",
      address: "3 Harbour Yard",
      brandColour: "#0b5563",
      contactName: "Priya Raman",
      contactEmail: "priya.raman@northbridge.example",
      contactPhone: "+44 1632 960 418",
      signatoryName: "Dr Ana Ruiz",
      signatoryTitle: "Chief Executive",
      legalFooter: "",
      offerValidDays: "90",
    }),
    expect: adminOnly(303),
  },
];
