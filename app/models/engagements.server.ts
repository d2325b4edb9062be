import { and, asc, count, desc, eq, inArray, sql, type Placeholder, type SQL } from "drizzle-orm";
import { approvalRequests, engagementCoOwners, engagements, intakes, organisations, partnerResponses, proposalVersions, users } from "../../db/schema";
import type {
  EngagementDetailsInput,
  IntakePopulationInput,
  NewEngagementInput,
  OrganisationCountryInput,
  PartnerProfileInput,
} from "~/domain/engagement-forms";
import type { Intake } from "~/domain/intake";
import { ENGAGEMENT_PAGE_SIZE, isFiltered, likeContaining, pageWithin, searchWords, type EngagementListQuery } from "~/domain/engagement-list";
import { Conflict, Refusal } from "~/domain/errors";
import { may, readsSharedOnly, type EngagementAccessFacts } from "~/domain/permissions";
import type { Actor } from "~/domain/roles";
import { stagesFoundBy, standingBadge, STANDINGS_FOUND_BY, type Stage, type Standing } from "~/domain/workflow";
import { writeAudit } from "~/services/audit.server";
import { builtQuery, getDb, qualified, type DB, type Tx } from "~/services/db.server";
import { keptViews } from "~/services/kept-views.server";
import { forbidden, notFound } from "~/services/session.server";
import { organisationColumns } from "./organisation-columns.server";

export type EngagementListItem = {
  id: number;
  title: string;
  stage: Stage;
  /** Where it stands (the stage, or the partner's acceptance of the latest version and what remains), as its badge says. */
  standing: Standing;
  partner: { id: number; name: string };
  ownerName: string;
  /** The owner no longer signs in: the list says so beside their name. */
  ownerDisabled: boolean;
  updatedAt: string;
};

/** How the actor sees engagements: every one as it stands (staff who read them), only their organisation's shared ones, or none. */
function visibility(actor: Actor): "all" | "shared" | undefined {
  if (readsSharedOnly(actor)) return actor.organisationId === null ? undefined : "shared";
  return may(actor, "engagement:read") ? "all" : undefined;
}

/**
 * Where an engagement stands (standingOf, app/domain/workflow.ts), in SQL for the list and its filter:
 * an amendment while an approved version stays in force; else the stage, unless the partner accepted
 * the latest version, when our leadership's stance on that version says what remains; back at
 * "approved" with no amendment in review, the version in force, agreed once the partner accepted it. Each look-up is by index (the version's number, the responses and
 * requests of one version), and only for the rows asked about.
 */
/**
 * The ids of the engagements a user owns or co-owns, each found by index: what every question asked of
 * an engagement's owners asks, as co-owners take it forward alike (docs/domain.md §9.15).
 */
export function ownedOrCoOwnedIds(userId: number | Placeholder): SQL {
  return sql`(select ${engagements.id} from ${engagements} where ${engagements.ownerId} = ${userId}
  union select ${engagementCoOwners.engagementId} from ${engagementCoOwners} where ${engagementCoOwners.userId} = ${userId})`;
}

export function standingSql(engagementId: SQL | typeof engagements.id, stage: SQL | typeof engagements.stage): SQL<Standing> {
  const latest = sql`(select ${proposalVersions.id} from ${proposalVersions} where ${proposalVersions.engagementId} = ${engagementId} order by ${proposalVersions.number} desc limit 1)`;
  const accepted = sql`exists (select 1 from ${partnerResponses} where ${partnerResponses.proposalVersionId} = ${latest} and ${partnerResponses.response} = 'accepted')`;
  const stance = sql`(select case
      when sum(${approvalRequests.status} = 'declined') > 0 then ${stage}
      when sum(${approvalRequests.status} in ('approved', 'approved_with_conditions')) > 0 then 'agreed'
      when sum(${approvalRequests.status} = 'pending') > 0 then 'accepted_awaiting_approval'
      else 'accepted' end
    from ${approvalRequests} where ${approvalRequests.proposalVersionId} = ${latest})`;
  // An earlier version approved (an approval is final: it stays in force) and the latest, not approved,
  // shared: an amendment (workflow.ts standingOf).
  const approvedVersion = (which: SQL) =>
    sql`exists (select 1 from ${approvalRequests} join ${proposalVersions} on ${proposalVersions.id} = ${approvalRequests.proposalVersionId}
      where ${proposalVersions.engagementId} = ${engagementId} and ${which} and ${approvalRequests.status} in ('approved', 'approved_with_conditions'))`;
  const sharedAmendment = sql`(${approvedVersion(sql`${proposalVersions.id} != ${latest}`)}
    and exists (select 1 from ${proposalVersions} where ${proposalVersions.id} = ${latest} and ${proposalVersions.sharedAt} is not null)
    and not ${approvedVersion(sql`${proposalVersions.id} = ${latest}`)}
    and not exists (select 1 from ${approvalRequests} where ${approvalRequests.proposalVersionId} = ${latest} and ${approvalRequests.status} = 'declined'))`;
  // Back at "approved" with no amendment in review, the version in force stands: agreed once the partner accepted it.
  const inForce = sql`(select ${proposalVersions.id} from ${approvalRequests} join ${proposalVersions} on ${proposalVersions.id} = ${approvalRequests.proposalVersionId}
      where ${proposalVersions.engagementId} = ${engagementId} and ${approvalRequests.status} in ('approved', 'approved_with_conditions')
      order by ${proposalVersions.number} desc limit 1)`;
  const inForceAccepted = sql`exists (select 1 from ${partnerResponses} where ${partnerResponses.proposalVersionId} = ${inForce} and ${partnerResponses.response} = 'accepted')`;
  return sql<Standing>`(case
    when ${stage} = 'awaiting_approval' and ${sharedAmendment} then 'amendment_awaiting_approval'
    when ${stage} in ('shared', 'changes_requested', 'approved') and ${sharedAmendment} then 'amendment_in_progress'
    when ${stage} = 'approved' then (case when ${inForceAccepted} then 'agreed' else 'approved' end)
    when ${accepted} then ${stance} else ${stage} end)`;
}

/**
 * The engagements the actor may see, as they may see them: the one scoping rule of every engagement
 * list, whole or paged. Staff who read engagements see every one as it stands. Partners see only their
 * organisation's shared ones, and see each as it was shared: title, partner name and date from the
 * latest version shared with them, never from edits made since; only the stage is live (it is what the
 * status wording follows). Searches and orders run over these columns, so a partner never finds an
 * engagement by words it was not shared with. `organisationId` is the partner's organisation, or a
 * placeholder for it in a query built once.
 */
function visibleEngagements(db: DB, seen: "all" | "shared", organisationId: number | Placeholder) {
  if (seen === "shared") {
    const latestShared = sql`(select max(pv.number) from proposal_versions pv where pv.engagement_id = ${engagements.id} and pv.shared_at is not null)`;
    return db
      .select({
        id: engagements.id,
        title: sql<string>`json_extract(${proposalVersions.snapshotJson}, '$.engagement.title')`.as("title"),
        stage: engagements.stage,
        // Our words for where it stands are ours: a partner reads the stage in theirs.
        standing: sql<Standing>`${engagements.stage}`.as("standing"),
        partnerId: sql<number>`${engagements.organisationId}`.as("partner_id"),
        partnerName: sql<string>`json_extract(${proposalVersions.snapshotJson}, '$.partner.name')`.as("partner_name"),
        // Who owns an engagement is internal: a partner is told no owner, and finds none by owner.
        ownerId: sql<number | null>`null`.as("owner_id"),
        ownerName: sql<string>`''`.as("owner_name"),
        ownerDisabled: sql<number>`0`.as("owner_disabled"),
        changedAt: sql<string>`${proposalVersions.sharedAt}`.as("changed_at"),
      })
      .from(engagements)
      .innerJoin(proposalVersions, and(eq(proposalVersions.engagementId, engagements.id), eq(proposalVersions.number, latestShared)))
      .where(eq(engagements.organisationId, organisationId))
      .as("visible");
  }
  // The names are looked up per row rather than joined, so that a count or a page in order of change
  // reads the engagements alone (engagements_updated_idx), and the names of the page's rows only.
  return db
    .select({
      id: engagements.id,
      title: engagements.title,
      stage: engagements.stage,
      standing: sql<Standing>`${standingSql(engagements.id, engagements.stage)}`.as("standing"),
      partnerId: sql<number>`${engagements.organisationId}`.as("partner_id"),
      partnerName: sql<string>`(select ${qualified(organisations.name)} from ${organisations} where ${qualified(organisations.id)} = ${qualified(
        engagements.organisationId
      )})`.as("partner_name"),
      ownerId: engagements.ownerId,
      ownerName: sql<string>`(select ${qualified(users.name)} from ${users} where ${qualified(users.id)} = ${qualified(engagements.ownerId)})`.as("owner_name"),
      ownerDisabled: sql<number>`(select ${qualified(users.disabledAt)} is not null from ${users} where ${qualified(users.id)} = ${qualified(
        engagements.ownerId
      )})`.as("owner_disabled"),
      changedAt: sql<string>`${engagements.updatedAt}`.as("changed_at"),
    })
    .from(engagements)
    .as("visible");
}

type Visible = ReturnType<typeof visibleEngagements>;

function listItem(v: Visible) {
  return {
    id: v.id,
    title: v.title,
    stage: v.stage,
    standing: v.standing,
    partnerId: v.partnerId,
    partnerName: v.partnerName,
    ownerName: v.ownerName,
    ownerDisabled: v.ownerDisabled,
    updatedAt: v.changedAt,
  };
}

function toItem(r: {
  id: number;
  title: string;
  stage: Stage;
  standing: Standing;
  partnerId: number;
  partnerName: string;
  ownerName: string;
  ownerDisabled: number;
  updatedAt: string;
}): EngagementListItem {
  return {
    id: r.id,
    title: r.title,
    stage: r.stage,
    standing: r.standing,
    partner: { id: r.partnerId, name: r.partnerName },
    ownerName: r.ownerName,
    ownerDisabled: r.ownerDisabled === 1,
    updatedAt: r.updatedAt,
  };
}

/** Every engagement the actor may see (visibleEngagements), last changed (for partners: last shared) first. */
export function listEngagements(actor: Actor): EngagementListItem[] {
  const seen = visibility(actor);
  if (!seen) return [];
  const db = getDb();
  const v = visibleEngagements(db, seen, actor.organisationId ?? 0);
  return db.select(listItem(v)).from(v).orderBy(desc(v.changedAt), desc(v.id)).all().map(toItem);
}

export type EngagementPage = {
  rows: EngagementListItem[];
  /** Rows matching the query, over all pages. */
  total: number;
  /** The page shown: the one asked for, or the last when it asked beyond it. */
  page: number;
  pageCount: number;
  beyondEnd: boolean;
  /** Whether the actor may see any engagement at all, matching or not. */
  anyAtAll: boolean;
};

/**
 * What decides the text of a list query: whose view, how many search words, which standing, whether
 * an owner is asked for, which order. The values (words, owner, organisation, page) fill its
 * placeholders (listParams), so
 * each shape is built once per connection, not on every request: building the query cost several
 * times more than running it.
 */
type ListShape = { seen: "all" | "shared"; words: number; stage: Standing | null; owner: boolean; sort: EngagementListQuery["sort"] };

function listShape(seen: ListShape["seen"], query: EngagementListQuery): ListShape {
  return { seen, words: searchWords(query.q).length, stage: query.stage, owner: query.owner !== "anyone", sort: query.sort };
}

function listParams(actor: Actor, query: EngagementListQuery): Record<string, string | number> {
  const params: Record<string, string | number> = { organisationId: actor.organisationId ?? 0 };
  // LIKE ignores the case of ASCII letters; the pattern's own % and _ are escaped (likeContaining).
  searchWords(query.q).forEach((word, i) => (params[`word${i}`] = likeContaining(word)));
  if (query.owner !== "anyone") params.owner = query.owner === "mine" ? actor.id : query.owner;
  return params;
}

function listConditions(shape: ListShape, v: Visible): SQL[] {
  const where: SQL[] = [];
  for (let i = 0; i < shape.words; i++) {
    const pattern = sql.placeholder(`word${i}`);
    where.push(sql`(${v.title} like ${pattern} escape '\\' or ${v.partnerName} like ${pattern} escape '\\')`);
  }
  // The stage first, which most rows fail; where it stands, asked only of the rows left.
  if (shape.stage) where.push(inArray(v.stage, stagesFoundBy(shape.stage)), inArray(v.standing, [...STANDINGS_FOUND_BY[shape.stage]]));
  if (shape.owner)
    where.push(
      // A partner is told no owner, and finds none by owner.
      shape.seen === "shared"
        ? sql`0`
        : sql`(${v.ownerId} = ${sql.placeholder("owner")} or exists (select 1 from ${engagementCoOwners} where ${engagementCoOwners.engagementId} = ${
            v.id
          } and ${engagementCoOwners.userId} = ${sql.placeholder("owner")}))`
    );
  return where;
}

function listOrder(v: Visible, sort: EngagementListQuery["sort"]): SQL[] {
  if (sort === "title") return [sql`${v.title} collate nocase`, asc(v.id)];
  if (sort === "partner") return [sql`${v.partnerName} collate nocase`, sql`${v.title} collate nocase`, asc(v.id)];
  return [desc(v.changedAt), desc(v.id)];
}

/** The count, the page and the unfiltered count of one shape of list query, with placeholders for its values. */
function listQueries(db: DB, shape: ListShape) {
  const v = visibleEngagements(db, shape.seen, sql.placeholder("organisationId"));
  const where = and(...listConditions(shape, v));
  return {
    count: db.select({ n: count() }).from(v).where(where).prepare(),
    countAll: db.select({ n: count() }).from(v).prepare(),
    page: db
      .select(listItem(v))
      .from(v)
      .where(where)
      .orderBy(...listOrder(v, shape.sort))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(),
  };
}

/**
 * One page of the engagements the actor may see (visibleEngagements), searched, filtered and ordered
 * as the query says: the database reads the page's rows and a count, never the whole list.
 */
export function pageEngagements(actor: Actor, query: EngagementListQuery, size = ENGAGEMENT_PAGE_SIZE): EngagementPage {
  const seen = visibility(actor);
  if (!seen) return { rows: [], total: 0, ...pageWithin(query.page, 0, size), anyAtAll: false };
  const shape = listShape(seen, query);
  const params = listParams(actor, query);
  // What the page shows follows from the shape, its values, the page and the size alone.
  const key = JSON.stringify([shape, params, query.page, size]);
  return keptPages.get(key, () => readPage(shape, params, query, size), { copy: false });
}

const keptPages = keptViews<EngagementPage>(50);

function readPage(shape: ListShape, params: Record<string, string | number>, query: EngagementListQuery, size: number): EngagementPage {
  const queries = builtQuery(`engagement list ${JSON.stringify(shape)}`, (db) => listQueries(db, shape));
  const total = queries.count.get(params)!.n;
  const at = pageWithin(query.page, total, size);
  const rows = queries.page.all({ ...params, limit: size, offset: (at.page - 1) * size }).map(toItem);
  const anyAtAll = total > 0 || (isFiltered(query) && queries.countAll.get(params)!.n > 0);
  return { rows, total, ...at, anyAtAll };
}

/** The people who own or co-own an engagement, to filter the list by: staff only, by name. */
export function listEngagementOwners(actor: Actor): { id: number; name: string; disabled: boolean }[] {
  if (readsSharedOnly(actor) || !may(actor, "engagement:read")) return [];
  return builtQuery("engagement owners", engagementOwnersQuery)
    .all()
    .map((u) => ({ id: u.id, name: u.name, disabled: u.disabledAt !== null }));
}

// Each user asked by index whether they own or co-own anything, rather than every engagement read
// to collect its owners (2.6 ms against 0.2 ms at 5,000 engagements).
const engagementOwnersQuery = (db: DB) =>
  db
    .select({ id: users.id, name: users.name, disabledAt: users.disabledAt })
    .from(users)
    .where(
      sql`exists (select 1 from ${engagements} where ${engagements.ownerId} = ${users.id}) or exists (select 1 from ${engagementCoOwners} where ${engagementCoOwners.userId} = ${users.id})`
    )
    .orderBy(sql`${users.name} collate nocase`, asc(users.id))
    .prepare();

/** What the permission table needs of an engagement, in one query built once per connection (every engagement request asks). */
const accessFactsQuery = (db: DB | Tx) =>
  db
    .select({
      ownerId: engagements.ownerId,
      organisationId: engagements.organisationId,
      coOwnerIds: sql<string>`(select json_group_array(${qualified(engagementCoOwners.userId)}) from ${engagementCoOwners} where ${qualified(
        engagementCoOwners.engagementId
      )} = ${qualified(engagements.id)})`,
      shared: sql<number>`exists (select 1 from ${proposalVersions} where ${qualified(proposalVersions.engagementId)} = ${qualified(
        engagements.id
      )} and ${qualified(proposalVersions.sharedAt)} is not null)`,
    })
    .from(engagements)
    .where(eq(engagements.id, sql.placeholder("id")))
    .prepare();

/** What the permission table needs to know of an engagement; undefined when there is none. */
export function accessFacts(id: number, db: DB | Tx = getDb()): EngagementAccessFacts | undefined {
  const row = builtQuery("engagement access facts", accessFactsQuery, db).get({ id });
  if (!row) return undefined;
  return { ownerId: row.ownerId, organisationId: row.organisationId, coOwnerIds: JSON.parse(row.coOwnerIds) as number[], sharedWithPartner: row.shared === 1 };
}

/** The engagement with its partner and owner, built once per connection: every engagement page reads it. */
const engagementForStaffQuery = (db: DB) =>
  db
    .select({
      id: engagements.id,
      title: engagements.title,
      stage: engagements.stage,
      internalNotes: engagements.internalNotes,
      version: engagements.version,
      createdAt: engagements.createdAt,
      updatedAt: engagements.updatedAt,
      ownerId: engagements.ownerId,
      ownerName: users.name,
      ownerDisabled: sql<boolean>`${users.disabledAt} is not null`.mapWith(Boolean),
      organisation: { id: organisations.id, version: organisations.version, ...organisationColumns },
    })
    .from(engagements)
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .innerJoin(users, eq(users.id, engagements.ownerId))
    .where(eq(engagements.id, sql.placeholder("id")))
    .prepare();

/**
 * The internal engagement record, for staff. Partners get 404 (the page must not reveal that the
 * record exists); admins, who manage users and the roster only, get 403.
 */
export function getEngagementForStaff(actor: Actor, id: number) {
  if (readsSharedOnly(actor)) throw notFound("No such engagement.");
  if (!may(actor, "engagement:read")) throw forbidden("Administrators manage users and the roster, not engagements.");
  const row = builtQuery("engagement for staff", engagementForStaffQuery).get({ id });
  if (!row) throw notFound("No such engagement.");
  const facts = accessFacts(id)!;
  return { ...row, facts, canEdit: may(actor, "engagement:update", facts), canEditPartner: may(actor, "partner:update", facts) };
}

const standingQuery = (db: DB) =>
  db
    .select({ standing: standingSql(engagements.id, engagements.stage) })
    .from(engagements)
    .where(eq(engagements.id, sql.placeholder("id")))
    .prepare();

/**
 * The badge in an engagement's header: where it stands, as the list says it. Worked out here so that
 * the page's own code never loads the workflow table. The caller has found the engagement.
 */
export function engagementBadge(id: number): ReturnType<typeof standingBadge> {
  return standingBadge(builtQuery("engagement standing", standingQuery).get({ id })?.standing ?? "draft");
}

/** Throws 403/404 unless the actor may perform the action on this engagement. */
export function requireEngagementAccess(actor: Actor, id: number, action: Parameters<typeof may>[1], db: DB | Tx = getDb()) {
  if (readsSharedOnly(actor)) throw notFound("No such engagement.");
  const facts = accessFacts(id, db);
  if (!facts) throw notFound("No such engagement.");
  if (!may(actor, action, facts)) throw forbidden("Only the engagement's owners may change it.");
  return facts;
}

export function listOrganisations() {
  return getDb()
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, country: organisations.country })
    .from(organisations)
    .orderBy(asc(organisations.name))
    .all();
}

export function createEngagement(actor: Actor, input: NewEngagementInput, db = getDb()): number {
  if (!may(actor, "engagement:create")) throw forbidden();
  return db.transaction((tx) => {
    let organisationId: number;
    if (input.partner === "existing") {
      const org = tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId)).get();
      if (!org) throw new Refusal("That partner organisation no longer exists.", "organisationId");
      organisationId = org.id;
    } else {
      const clash = tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(sql`lower(${organisations.name}) = lower(${input.orgName})`)
        .get();
      if (clash) throw new Refusal("A partner organisation with this name already exists: choose it from the list.", "orgName");
      organisationId = tx
        .insert(organisations)
        .values({
          name: input.orgName,
          kind: input.orgKind,
          country: input.orgCountry,
          sites: input.orgSites,
          population: input.orgPopulation,
        })
        .returning({ id: organisations.id })
        .get().id;
      writeAudit(tx, { userId: actor.id, action: "organisation.create", detail: { organisationId, name: input.orgName } });
    }
    const id = tx.insert(engagements).values({ title: input.title, organisationId, ownerId: actor.id }).returning({ id: engagements.id }).get().id;
    writeAudit(tx, { userId: actor.id, action: "engagement.create", engagementId: id, detail: { title: input.title } });
    return id;
  });
}

/**
 * Sets the country of the engagement's partner organisation, for an owner of the engagement: the
 * organisation may have been created before countries were chosen from a list, and its free text matched none.
 */
export function setOrganisationCountry(actor: Actor, engagementId: number, input: OrganisationCountryInput): void {
  requireEngagementAccess(actor, engagementId, "partner:update");
  getDb().transaction((tx) => {
    const org = tx
      .select({ id: organisations.id, country: organisations.country })
      .from(organisations)
      .innerJoin(engagements, eq(engagements.organisationId, organisations.id))
      .where(eq(engagements.id, engagementId))
      .get()!;
    const updated = tx
      .update(organisations)
      .set({ country: input.orgCountry, version: input.orgVersion + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(organisations.id, org.id), eq(organisations.version, input.orgVersion)))
      .run();
    if (updated.changes !== 1)
      throw new Conflict("Someone else changed this organisation meanwhile: check its country below and choose again.", [], "orgCountry");
    writeAudit(tx, {
      userId: actor.id,
      action: "organisation.country",
      engagementId,
      detail: { organisationId: org.id, from: org.country, to: input.orgCountry },
    });
  });
}

/**
 * Saves the name and profile of the engagement's partner organisation that the proposal's context states
 * (its kind, sites and population), for an owner of the engagement, if nobody changed the organisation
 * since `orgVersion`. The name is corrected in the record only: versions already frozen keep the name
 * they were frozen with (docs/domain.md §9.1). Answers whether the name changed.
 */
export function setPartnerProfile(actor: Actor, engagementId: number, input: PartnerProfileInput): { renamed: boolean } {
  requireEngagementAccess(actor, engagementId, "partner:update");
  return getDb().transaction((tx) => {
    const org = tx
      .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, sites: organisations.sites, population: organisations.population })
      .from(organisations)
      .innerJoin(engagements, eq(engagements.organisationId, organisations.id))
      .where(eq(engagements.id, engagementId))
      .get()!;
    // Two partners may not share a name, whatever its capitals: the list a new engagement chooses from tells them apart by it.
    const clash = tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(sql`lower(${organisations.name}) = lower(${input.orgName})`, sql`${organisations.id} <> ${org.id}`))
      .get();
    if (clash) throw new Refusal("Another partner organisation already has this name: choose a name that tells them apart.", "orgName");
    const to = { name: input.orgName, kind: input.orgKind, sites: input.orgSites, population: input.orgPopulation };
    const updated = tx
      .update(organisations)
      .set({ ...to, version: input.orgVersion + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(organisations.id, org.id), eq(organisations.version, input.orgVersion)))
      .run();
    if (updated.changes !== 1)
      throw new Conflict("Someone else changed this organisation meanwhile: check its profile above and save again.", [], "orgPopulation");
    const { id: organisationId, ...from } = org;
    writeAudit(tx, { userId: actor.id, action: "organisation.profile", engagementId, detail: { organisationId, from, to } });
    return { renamed: from.name !== to.name };
  });
}

/**
 * The partner organisation's record takes the population the engagement's intake gives, for an owner of
 * the engagement, if nobody changed the organisation since `orgVersion` (docs/domain.md §9.1). Answers
 * the figure, and whether the record changed (it may already agree).
 */
export function adoptIntakePopulation(actor: Actor, engagementId: number, input: IntakePopulationInput): { population: number; changed: boolean } {
  requireEngagementAccess(actor, engagementId, "partner:update");
  return getDb().transaction((tx) => {
    const row = tx
      .select({ id: organisations.id, population: organisations.population, intake: intakes.dataJson })
      .from(organisations)
      .innerJoin(engagements, eq(engagements.organisationId, organisations.id))
      .leftJoin(intakes, eq(intakes.engagementId, engagements.id))
      .where(eq(engagements.id, engagementId))
      .get()!;
    const population = row.intake === null ? undefined : (JSON.parse(row.intake) as Intake).context?.population;
    if (population === undefined || population === null)
      throw new Refusal("The intake's partner context gives no population served: give it there, or change the record's in the profile above.");
    if (row.population === population) return { population, changed: false };
    const updated = tx
      .update(organisations)
      .set({ population, version: input.orgVersion + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(organisations.id, row.id), eq(organisations.version, input.orgVersion)))
      .run();
    if (updated.changes !== 1) throw new Conflict("Someone else changed this organisation meanwhile: check its profile above and try again.");
    writeAudit(tx, {
      userId: actor.id,
      action: "organisation.profile",
      engagementId,
      detail: { organisationId: row.id, from: { population: row.population }, to: { population }, fromIntake: true },
    });
    return { population, changed: true };
  });
}

/**
 * The intake's population fills the partner organisation's record where the record does not know it
 * yet (docs/domain.md §9.1), so that the engagement's page and every engagement with the partner know it
 * too. A record that knows its population keeps it: it is changed on the engagement's page.
 */
export function fillPartnerPopulation(tx: Tx | DB, actor: Actor, engagementId: number, population: number | undefined): boolean {
  if (population === undefined) return false;
  const org = tx
    .select({ id: organisations.id, population: organisations.population, version: organisations.version })
    .from(organisations)
    .innerJoin(engagements, eq(engagements.organisationId, organisations.id))
    .where(eq(engagements.id, engagementId))
    .get()!;
  if (org.population !== null) return false;
  tx.update(organisations)
    .set({ population, version: org.version + 1, updatedAt: new Date().toISOString() })
    .where(and(eq(organisations.id, org.id), eq(organisations.version, org.version)))
    .run();
  writeAudit(tx, {
    userId: actor.id,
    action: "organisation.profile",
    engagementId,
    detail: { organisationId: org.id, from: { population: null }, to: { population }, fromIntake: true },
  });
  return true;
}

export type UpdateResult =
  | { ok: true; version: number }
  | { ok: false; current: { title: string; internalNotes: string; version: number; updatedByName: string | null } };

/** Saves details only if nobody saved since the version the user started from. */
export function updateEngagementDetails(actor: Actor, id: number, input: EngagementDetailsInput): UpdateResult {
  requireEngagementAccess(actor, id, "engagement:update");
  const db = getDb();
  return db.transaction((tx: Tx) => {
    const result = tx
      .update(engagements)
      .set({
        title: input.title,
        internalNotes: input.internalNotes,
        version: input.version + 1,
        updatedAt: new Date().toISOString(),
      })
      .where(and(eq(engagements.id, id), eq(engagements.version, input.version)))
      .run();
    if (result.changes !== 1) {
      const current = tx
        .select({ title: engagements.title, internalNotes: engagements.internalNotes, version: engagements.version })
        .from(engagements)
        .where(eq(engagements.id, id))
        .get()!;
      const last = tx.all<{ name: string }>(
        sql`select u.name as name from audit_log a join users u on u.id = a.user_id
            where a.engagement_id = ${id} and a.action = 'engagement.update' order by a.id desc limit 1`
      )[0];
      return { ok: false as const, current: { ...current, updatedByName: last?.name ?? null } };
    }
    writeAudit(tx, {
      userId: actor.id,
      action: "engagement.update",
      engagementId: id,
      detail: { fields: ["title", "internalNotes"], fromVersion: input.version },
    });
    return { ok: true as const, version: input.version + 1 };
  });
}
