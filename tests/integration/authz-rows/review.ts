import { type Row, staffRead } from "../../helpers/authz";
import { approvalRequests } from "../../../db/schema";
import { db } from "../../helpers/db";

/** The demo's pending approval request and a role its version needs. */
const demoRequest = () => {
  const r = db().select({ id: approvalRequests.id }).from(approvalRequests).get()!;
  return String(r.id);
};

const leadersOnly = (ok: number) => ({ anonymous: 302, manager: 403, managerOther: 403, leader: ok, admin: 403, partnerA: 403, partnerB: 403 });
const partnersOnly = (a: number, b: number) => ({ anonymous: 302, manager: 403, managerOther: 403, leader: 403, admin: 403, partnerA: a, partnerB: b });

/** Review, approval, audit trail, notices. Version 1 of the own engagement is shared with partner A. */
export const ROWS: Row[] = [
  {
    route: "engagements.$id.review",
    name: "own review page",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/review`,
    params: (c) => ({ id: String(c.own) }),
    expect: staffRead,
  },
  {
    route: "engagements.$id.review",
    name: "comment on own engagement",
    kind: "action",
    path: (c) => `/engagements/${c.own}/review`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "comment", number: "1", sectionKey: "aims", body: "Is the date right?", visibility: "internal", parentId: "" }),
    expect: { anonymous: 302, manager: 303, managerOther: 303, leader: 303, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "engagements.$id.review",
    name: "submit own version",
    kind: "action",
    path: (c) => `/engagements/${c.own}/review`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "submit", number: "1" }),
    expect: { anonymous: 302, manager: 303, managerOther: 403, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "engagements.$id.review",
    name: "change the day own version's answer is asked by",
    kind: "action",
    path: (c) => `/engagements/${c.own}/review`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ form: "answer-by", intent: "answer-by", number: "1", answerBy: "2027-03-31" }),
    expect: { anonymous: 302, manager: 303, managerOther: 403, leader: 403, admin: 403, partnerA: 404, partnerB: 404 },
  },
  {
    route: "engagements.$id.audit",
    name: "own audit trail",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/audit`,
    params: (c) => ({ id: String(c.own) }),
    expect: staffRead,
  },
  {
    route: "engagements.$id.audit[.]csv",
    name: "audit trail CSV",
    kind: "loader",
    path: (c) => `/engagements/${c.own}/audit.csv`,
    params: (c) => ({ id: String(c.own) }),
    expect: staffRead,
  },
  { route: "approvals._index", name: "approvals queue", kind: "loader", path: () => "/approvals", expect: leadersOnly(200) },
  {
    route: "approvals.$requestId",
    name: "missing approval request",
    kind: "loader",
    path: () => "/approvals/999",
    params: () => ({ requestId: "999" }),
    expect: { ...leadersOnly(404), manager: 404, managerOther: 404 },
  },
  {
    route: "approvals.$requestId",
    name: "decide on a missing request",
    kind: "action",
    path: () => "/approvals/999",
    params: () => ({ requestId: "999" }),
    form: () => ({ decision: "approve", conditions: "", reason: "", requestVersion: "1" }),
    expect: leadersOnly(404),
  },
  {
    route: "approvals.$requestId.charts.$role.$format",
    name: "approval request chart as CSV",
    kind: "loader",
    path: () => `/approvals/${demoRequest()}/charts/faculty/csv`,
    params: () => ({ requestId: demoRequest(), role: "faculty", format: "csv" }),
    expect: { ...leadersOnly(200), manager: 200, managerOther: 200 },
  },
  {
    route: "approvals.$requestId.charts.$role.$format",
    name: "chart of a missing approval request",
    kind: "loader",
    path: () => "/approvals/999/charts/faculty/svg",
    params: () => ({ requestId: "999", role: "faculty", format: "svg" }),
    expect: { ...leadersOnly(404), manager: 404, managerOther: 404 },
  },
  {
    route: "partner.engagements.$id",
    name: "partner proposal page",
    kind: "loader",
    path: (c) => `/partner/engagements/${c.own}`,
    params: (c) => ({ id: String(c.own) }),
    expect: partnersOnly(200, 404),
  },
  {
    route: "partner.engagements.$id",
    name: "partner page of another's engagement",
    kind: "loader",
    path: (c) => `/partner/engagements/${c.other}`,
    params: (c) => ({ id: String(c.other) }),
    expect: partnersOnly(404, 404),
  },
  {
    route: "partner.engagements.$id",
    name: "partner comments",
    kind: "action",
    path: (c) => `/partner/engagements/${c.own}`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "comment", number: "1", sectionKey: "aims", body: "Could the aim include our community hospitals?", parentId: "" }),
    expect: partnersOnly(303, 404),
  },
  {
    route: "partner.engagements.$id",
    name: "partner has seen the agreement of a version",
    kind: "action",
    path: (c) => `/partner/engagements/${c.own}`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({ intent: "agreement_seen", number: "1" }),
    expect: partnersOnly(200, 404),
  },
  {
    route: "partner.engagements.$id",
    name: "partner accepts, signing the acceptance record",
    kind: "action",
    path: (c) => `/partner/engagements/${c.own}`,
    params: (c) => ({ id: String(c.own) }),
    form: () => ({
      intent: "respond",
      number: "1",
      response: "accepted",
      reason: "",
      signerName: "Helen Marsh",
      signerTitle: "Chief Executive",
      confirm: "on",
    }),
    expect: partnersOnly(303, 404),
  },
  {
    route: "notices",
    name: "notices",
    kind: "loader",
    path: () => "/notices",
    expect: { anonymous: 302, manager: 200, managerOther: 200, leader: 200, admin: 200, partnerA: 200, partnerB: 200 },
  },
];
