import { relations, sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CountryCode } from "../app/domain/countries";
import { PARTNER_KINDS } from "../app/domain/partner-kinds";

const timestamps = {
  createdAt: text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

/** Partner organisations: hospitals, health systems, associations, regions, nations. */
export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    kind: text("kind", { enum: PARTNER_KINDS }).notNull(),
    /** An ISO 3166-1 alpha-2 code; null until the manager chooses it (older free text that matched no country). */
    country: text("country").$type<CountryCode>(),
    sites: integer("sites").notNull(),
    /** Null when not known yet. */
    population: integer("population"),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex("organisations_name_unique").on(t.name)]
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ["manager", "partner", "leader", "admin"] }).notNull(),
    /** Only partner executives belong to a partner organisation. */
    organisationId: integer("organisation_id").references(() => organisations.id),
    passwordHash: text("password_hash").notNull(),
    disabledAt: text("disabled_at"),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)]
);

/** Server-side sessions; the cookie carries a random id, the table only its SHA-256. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    /** A one-time message left for the next page (`flash_set_at`): given to the page it names (`flash_page`, a path), and to that page asking for its data again until a few seconds after its first reading (`flash_shown_at`). */
    flash: text("flash"),
    flashPage: text("flash_page"),
    flashSetAt: text("flash_set_at"),
    flashShownAt: text("flash_shown_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)]
);

/** Failed-login counters per account, one row per throttle key ("account:<email>"). */
export const loginFailures = sqliteTable("login_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: text("window_started_at").notNull(),
  lockedUntil: text("locked_until"),
});

/**
 * Accounts that failed to sign in from each client address, with the time of the last failure. An
 * address is held back when many different accounts fail from it (credential stuffing), never because
 * one person mistyped their own password (see app/domain/login-throttle.ts).
 */
export const loginAddressFailures = sqliteTable(
  "login_address_failures",
  {
    address: text("address").notNull(),
    account: text("account").notNull(),
    lastFailedAt: text("last_failed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.address, t.account] }), index("login_address_failures_time_idx").on(t.address, t.lastFailedAt)]
);

export const engagements = sqliteTable(
  "engagements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    ownerId: integer("owner_id")
      .notNull()
      .references(() => users.id),
    stage: text("stage", {
      enum: ["draft", "shared", "changes_requested", "awaiting_approval", "approved", "declined"],
    })
      .notNull()
      .default("draft"),
    /** Internal only: never selected for partner users. */
    internalNotes: text("internal_notes").notNull().default(""),
    version: integer("version").notNull().default(1),
    /**
     * The exchange rate the manager records for setting the fee against a budget in the partner's own
     * currency (docs/domain.md §8.7, decision 33): one unit of `exchange_rate_from` (the fee's currency)
     * buys `exchange_rate` units of `exchange_rate_to` (the budget's), as of `exchange_rate_on`
     * (YYYY-MM-DD), from `exchange_rate_source` in the manager's words. All null when none is recorded.
     * Used only while the budget is in `exchange_rate_to`; each version freezes the one it used.
     */
    exchangeRate: real("exchange_rate"),
    exchangeRateFrom: text("exchange_rate_from"),
    exchangeRateTo: text("exchange_rate_to"),
    exchangeRateOn: text("exchange_rate_on"),
    exchangeRateSource: text("exchange_rate_source"),
    ...timestamps,
  },
  // engagements_updated_idx: the engagement list's first page, newest change first, reads 50 rows of it, not every engagement.
  (t) => [index("engagements_org_idx").on(t.organisationId), index("engagements_owner_idx").on(t.ownerId), index("engagements_updated_idx").on(t.updatedAt)]
);

export const engagementCoOwners = sqliteTable(
  "engagement_co_owners",
  {
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    uniqueIndex("engagement_co_owners_unique").on(t.engagementId, t.userId),
    // Whose engagements a user co-owns (the engagement list's owner filter asks it of every user).
    index("engagement_co_owners_user_idx").on(t.userId),
  ]
);

/** Frozen proposal versions. A partner reaches an engagement only through a shared version. */
export const proposalVersions = sqliteTable(
  "proposal_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    snapshotJson: text("snapshot_json").notNull(),
    /** The proposal content as frozen with the snapshot, so later template edits never change it. */
    contentJson: text("content_json").notNull().default("{}"),
    contentHash: text("content_hash").notNull(),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    sharedAt: text("shared_at"),
    /** Who shared it: they, like its creator and submitter, may not decide its approval. */
    sharedById: integer("shared_by_id").references(() => users.id),
    /** The day by which the partner is asked to answer it (YYYY-MM-DD), set when it is shared and changeable after (docs/domain.md §9.16). */
    answerBy: text("answer_by"),
  },
  // proposal_versions_shared_idx answers the access check's "shared with the partner yet?" (asked several
  // times a request) from the index, instead of walking each row past the snapshot's forty-odd KiB of
  // overflow pages to reach shared_at. proposal_versions_ref_idx does the same for a download of a
  // stored document, which needs a version's number, whether it is shared and its fingerprint.
  (t) => [
    uniqueIndex("proposal_versions_number_unique").on(t.engagementId, t.number),
    index("proposal_versions_shared_idx").on(t.engagementId, t.sharedAt),
    index("proposal_versions_ref_idx").on(t.engagementId, t.number, t.sharedAt, t.contentHash),
  ]
);

/**
 * What the portfolio names of each version's frozen fit shortfalls among its engagements at risk: how many,
 * and the first few. Kept beside the version because the portfolio asks for every open engagement's
 * latest at once and would otherwise parse each forty-odd KiB snapshot. Written only by the database
 * itself (trigger proposal_version_fit_kept, on every new version); a version never changes, nor does
 * its row.
 */
export const proposalVersionFit = sqliteTable("proposal_version_fit", {
  proposalVersionId: integer("proposal_version_id")
    .primaryKey()
    .references(() => proposalVersions.id, { onDelete: "cascade" }),
  /** How many shortfalls the snapshot's fit.shortfalls lists; 0 when none (or no fit). */
  shortfallCount: integer("shortfall_count").notNull(),
  /** The first two of them, as a JSON array of text (the portfolio names FIT_SHORTFALLS_NAMED). */
  firstShortfallsJson: text("first_shortfalls_json").notNull(),
  /** The lowest fee the version offers (its fee, or its cheapest option's) and its currency; null before fees were frozen. */
  lowestFee: real("lowest_fee"),
  feeCurrency: text("fee_currency"),
  /** How many options it offers; null when it offers one scope. */
  optionCount: integer("option_count"),
  /** The partner's budget as the version froze it: its maximum, minimum and currency (null when none was given). */
  budgetMax: real("budget_max"),
  budgetMin: real("budget_min"),
  budgetCurrency: text("budget_currency"),
  /** Whether the version's plan keeps the partner's time, and its time check's words; null before time checks were frozen. */
  timeHolds: integer("time_holds", { mode: "boolean" }),
  timeSummary: text("time_summary"),
  /** Whether the partner had agreed to the plan running past their time when the version was frozen (its time check's `agreed`). */
  timeAgreed: integer("time_agreed", { mode: "boolean" }).notNull().default(false),
  /** The exchange rate the version froze for a budget in another currency (its snapshot's `exchangeRate`); null when it froze none. */
  exchangeRate: real("exchange_rate"),
  exchangeRateFrom: text("exchange_rate_from"),
  exchangeRateTo: text("exchange_rate_to"),
  exchangeRateOn: text("exchange_rate_on"),
});

/** Pictures of a frozen version, rendered once with mermaid in headless Chromium. */
export const proposalPictures = sqliteTable(
  "proposal_pictures",
  {
    proposalVersionId: integer("proposal_version_id")
      .notNull()
      .references(() => proposalVersions.id, { onDelete: "cascade" }),
    picture: text("picture", { enum: ["driver-diagram", "timeline", "fee-chart", "payment-chart"] }).notNull(),
    svg: text("svg").notNull(),
    png: blob("png", { mode: "buffer" }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
  },
  (t) => [uniqueIndex("proposal_pictures_unique").on(t.proposalVersionId, t.picture)]
);

/**
 * A frozen version's documents as made (docs/domain.md §9.4): each edition as Word and PDF. `madeFor`
 * fingerprints what the document says beyond the frozen content (its approval record, its pictures,
 * the internal briefing's annex), so a stored document is served until one of those changes, and a
 * later change of layout never makes it again. See docs/decisions/0015-documents-stored-as-made.md.
 */
export const proposalDocuments = sqliteTable(
  "proposal_documents",
  {
    proposalVersionId: integer("proposal_version_id")
      .notNull()
      .references(() => proposalVersions.id, { onDelete: "cascade" }),
    edition: text("edition", { enum: ["partner", "internal"] }).notNull(),
    format: text("format", { enum: ["docx", "pdf"] }).notNull(),
    madeFor: text("made_for").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
    /** SHA-256 of the bytes: the download's strong ETag. */
    sha256: text("sha256").notNull(),
    madeAt: text("made_at").notNull(),
    /** The version's title, which names the downloaded file; kept beside the document so that serving it never reads the version's content. Null for documents made before it was kept. */
    title: text("title"),
    /**
     * The internal briefing's key from small rows only: a SHA-256 of the version's fingerprint, its approval,
     * its picture names and our internal comments, taken with made_for when the briefing is made. Equal
     * while made_for is, as the content they read is frozen. Null for the partner version (its made_for
     * needs no content) and where the content is read again from the snapshot.
     */
    facts: text("facts"),
  },
  (t) => [primaryKey({ columns: [t.proposalVersionId, t.edition, t.format] })]
);

/** Append-only: rows are inserted in the same transaction as the change they record. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    userId: integer("user_id").references(() => users.id),
    action: text("action").notNull(),
    engagementId: integer("engagement_id").references(() => engagements.id, { onDelete: "set null" }),
    proposalVersionId: integer("proposal_version_id"),
    detailJson: text("detail_json").notNull().default("{}"),
  },
  (t) => [index("audit_engagement_idx").on(t.engagementId)]
);

export const organisationsRelations = relations(organisations, ({ many }) => ({
  engagements: many(engagements),
  users: many(users),
}));

export const usersRelations = relations(users, ({ one }) => ({
  organisation: one(organisations, { fields: [users.organisationId], references: [organisations.id] }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const engagementsRelations = relations(engagements, ({ one, many }) => ({
  organisation: one(organisations, { fields: [engagements.organisationId], references: [organisations.id] }),
  owner: one(users, { fields: [engagements.ownerId], references: [users.id] }),
  coOwners: many(engagementCoOwners),
  proposalVersions: many(proposalVersions),
}));

export const engagementCoOwnersRelations = relations(engagementCoOwners, ({ one }) => ({
  engagement: one(engagements, { fields: [engagementCoOwners.engagementId], references: [engagements.id] }),
  user: one(users, { fields: [engagementCoOwners.userId], references: [users.id] }),
}));

export const proposalVersionsRelations = relations(proposalVersions, ({ one }) => ({
  engagement: one(engagements, { fields: [proposalVersions.engagementId], references: [engagements.id] }),
}));

/**
 * Engagement aggregates kept as validated JSON documents (one row per engagement each): the intake,
 * the driver diagram and the timeline are edited and versioned as wholes. See docs/decisions/0003.
 */
export const intakes = sqliteTable("intakes", {
  engagementId: integer("engagement_id")
    .primaryKey()
    .references(() => engagements.id, { onDelete: "cascade" }),
  dataJson: text("data_json").notNull(),
  version: integer("version").notNull().default(1),
  updatedById: integer("updated_by_id").references(() => users.id),
  updatedAt: text("updated_at").notNull(),
});

export const methodDecisions = sqliteTable("method_decisions", {
  engagementId: integer("engagement_id")
    .primaryKey()
    .references(() => engagements.id, { onDelete: "cascade" }),
  recommended: text("recommended", { enum: ["collaborative", "campaign", "tailored"] }).notNull(),
  chosen: text("chosen", { enum: ["collaborative", "campaign", "tailored"] }).notNull(),
  overrideReason: text("override_reason"),
  scoresJson: text("scores_json").notNull(),
  /** The intake version the decision was based on; a newer intake makes it stale. */
  intakeVersion: integer("intake_version").notNull(),
  decidedById: integer("decided_by_id")
    .notNull()
    .references(() => users.id),
  decidedAt: text("decided_at").notNull(),
  version: integer("version").notNull().default(1),
  /** For a small request, the form of the chosen method offered instead of the full one (docs/domain.md §2.5). */
  variant: text("variant", { enum: ["join_open_collaborative", "short_tailored"] }),
  /** The open collaborative the partner's team joins, when the variant is joining one. */
  openCollaborativeId: integer("open_collaborative_id").references(() => openCollaboratives.id, { onDelete: "set null" }),
});

export const driverDiagrams = sqliteTable("driver_diagrams", {
  engagementId: integer("engagement_id")
    .primaryKey()
    .references(() => engagements.id, { onDelete: "cascade" }),
  templateKey: text("template_key").notNull(),
  dataJson: text("data_json").notNull(),
  version: integer("version").notNull().default(1),
  updatedById: integer("updated_by_id").references(() => users.id),
  updatedAt: text("updated_at").notNull(),
});

export const timelines = sqliteTable("timelines", {
  engagementId: integer("engagement_id")
    .primaryKey()
    .references(() => engagements.id, { onDelete: "cascade" }),
  /** The method it was generated for; what else it was generated from is in basis_json. */
  method: text("method", { enum: ["collaborative", "campaign", "tailored"] }).notNull(),
  dataJson: text("data_json").notNull(),
  /**
   * What it was generated from, beside the timeline so that the stepper and the portfolio judge
   * whether it is stale without reading its items: its generatedFrom, and the item its span starts
   * from (spanFrom), which tells the form of the method. Kept from data_json by the database's own
   * triggers (migration 0025) on every insert and every change of data_json: never written by code.
   */
  basisJson: text("basis_json").notNull().default("{}"),
  version: integer("version").notNull().default(1),
  updatedById: integer("updated_by_id").references(() => users.id),
  updatedAt: text("updated_at").notNull(),
});

/**
 * The partner's agreement to a plan that runs past their time (docs/domain.md §8.6), recorded by the
 * engagement's staff: the partner's time as it was then and how far past it the plan ran. It covers the
 * plan while the partner's time is unchanged and the plan runs no further past it; one per engagement.
 */
export const overrunAgreements = sqliteTable("overrun_agreements", {
  engagementId: integer("engagement_id")
    .primaryKey()
    .references(() => engagements.id, { onDelete: "cascade" }),
  /** The partner's time agreed against: their longest duration, hard deadline and aim's month, as the intake gave them. */
  horizonMonths: real("horizon_months"),
  hardDeadline: text("hard_deadline"),
  aimBy: text("aim_by"),
  /** How far past each limit the plan ran when they agreed, in months (0 within it). */
  durationMonths: real("duration_months").notNull(),
  deadlineMonths: real("deadline_months").notNull(),
  /** Who agreed for the partner and how, in the manager's words; read by staff only. */
  how: text("how").notNull(),
  /** The day it was recorded, YYYY-MM-DD. */
  agreedOn: text("agreed_on").notNull(),
  recordedById: integer("recorded_by_id").references(() => users.id),
});

/**
 * Collaboratives already running that a small request can join: kept by administrators. The dates of
 * the next learning sessions are stored as a JSON array of YYYY-MM-DD, earliest first.
 */
export const openCollaboratives = sqliteTable("open_collaboratives", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  topic: text("topic").notNull(),
  title: text("title").notNull(),
  host: text("host").notNull(),
  sessionDatesJson: text("session_dates_json").notNull(),
  placesLeft: integer("places_left").notNull(),
  version: integer("version").notNull().default(1),
  ...timestamps,
});

/** Our own staff. Day rates are internal and never reach a partner. */
export const staff = sqliteTable("staff", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  role: text("role").notNull(),
  fte: real("fte").notNull(),
  availableFrom: text("available_from"),
  availableTo: text("available_to"),
  /** Null: priced at the role's standard rate (docs-templates/staff-roles.json). */
  dayRate: integer("day_rate"),
  version: integer("version").notNull().default(1),
  ...timestamps,
});

/**
 * Months a person on the roster is away (parental leave, a sabbatical, long sickness), from one month to
 * another, both included: `share` of each of those months away (1 the whole month, 0.5 half of it), taken
 * off their FTE wherever capacity is counted (docs/domain.md §8.1). The reason is internal.
 */
export const staffLeave = sqliteTable(
  "staff_leave",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    fromMonth: text("from_month").notNull(),
    toMonth: text("to_month").notNull(),
    share: real("share").notNull().default(1),
    reason: text("reason").notNull().default(""),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [index("staff_leave_staff_idx").on(t.staffId, t.fromMonth)]
);

/** What an engagement demands of each role per month, tentative or confirmed. */
export const bookings = sqliteTable(
  "bookings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    proposalVersionId: integer("proposal_version_id").references(() => proposalVersions.id),
    role: text("role").notNull(),
    month: text("month").notNull(),
    fte: real("fte").notNull(),
    status: text("status", { enum: ["tentative", "confirmed"] }).notNull(),
  },
  (t) => [
    index("bookings_engagement_idx").on(t.engagementId),
    index("bookings_month_idx").on(t.month),
    // Covers the capacity query (other engagements' bookings summed per role, month and status)
    // so it reads the index in order instead of sorting the table.
    index("bookings_capacity_idx").on(t.role, t.month, t.status, t.engagementId, t.fte),
  ]
);

/** A partner executive's answer to a shared version. */
export const partnerResponses = sqliteTable(
  "partner_responses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalVersionId: integer("proposal_version_id")
      .notNull()
      .references(() => proposalVersions.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    response: text("response", { enum: ["accepted", "changes_requested"] }).notNull(),
    reason: text("reason").notNull().default(""),
    at: text("at").notNull(),
    /** An acceptance's electronic record (docs/domain.md §9.9): who signed as typed, the option, the version's fingerprint. */
    signerName: text("signer_name").notNull().default(""),
    signerTitle: text("signer_title").notNull().default(""),
    optionLabel: text("option_label").notNull().default(""),
    /** The key of the option the partner chose in the version's snapshot (docs/domain.md §9.13); empty when the version offers no options. */
    optionKey: text("option_key").notNull().default(""),
    fingerprint: text("fingerprint").notNull().default(""),
  },
  (t) => [index("partner_responses_version_idx").on(t.proposalVersionId)]
);

/** The last shared version each partner user has seen, for "what changed since you last looked". */
export const partnerViews = sqliteTable(
  "partner_views",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    lastSeenNumber: integer("last_seen_number").notNull(),
    at: text("at").notNull(),
  },
  (t) => [uniqueIndex("partner_views_unique").on(t.userId, t.engagementId)]
);

/**
 * The agreed version each partner user has seen the agreement of on their page (docs/domain.md §9.11):
 * their notice of an agreement stands until they have.
 */
export const partnerAgreementsSeen = sqliteTable(
  "partner_agreements_seen",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    at: text("at").notNull(),
  },
  (t) => [uniqueIndex("partner_agreements_seen_unique").on(t.userId, t.engagementId)]
);

/**
 * Comments on a version, anchored to a section, threaded by `parentId`. Internal comments (staff
 * only) are kept apart from partner-visible ones by `visibility`, which every partner query filters on.
 */
export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    proposalVersionId: integer("proposal_version_id")
      .notNull()
      .references(() => proposalVersions.id, { onDelete: "cascade" }),
    sectionKey: text("section_key").notNull(),
    parentId: integer("parent_id"),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    visibility: text("visibility", { enum: ["partner", "internal"] }).notNull(),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
    resolvedAt: text("resolved_at"),
    resolvedById: integer("resolved_by_id").references(() => users.id),
  },
  (t) => [index("comments_version_idx").on(t.proposalVersionId)]
);

/**
 * An intake section opened to the partner's executives, and what they entered in it: their own draft,
 * kept apart from the intake until the engagement's manager takes it in or sends it back with a note
 * (docs/domain.md §9.10).
 */
export const partnerIntakeSections = sqliteTable(
  "partner_intake_sections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    section: text("section", { enum: ["context", "needs", "evidence", "scale", "capacity", "budget"] }).notNull(),
    /** open: waiting for the partner; answered: entered, waiting for the manager; returned: sent back with a note; taken: in the intake. */
    status: text("status", { enum: ["open", "answered", "returned", "taken"] }).notNull(),
    /** The partner's answers to the section, as the intake stores a section; null until they save. */
    dataJson: text("data_json"),
    version: integer("version").notNull().default(1),
    openedById: integer("opened_by_id")
      .notNull()
      .references(() => users.id),
    openedAt: text("opened_at").notNull(),
    answeredById: integer("answered_by_id").references(() => users.id),
    answeredAt: text("answered_at"),
    /** The manager's note to the partner, shown to them: why the answers were sent back, or, optionally, with the answers taken in. */
    note: text("note"),
    reviewedById: integer("reviewed_by_id").references(() => users.id),
    reviewedAt: text("reviewed_at"),
    /**
     * Once taken in, the partner's answers left out of the intake, as they are told of them: each the
     * question in their words and their answer (LeftOutAnswer[]); null until taken, and once opened again.
     */
    leftOutJson: text("left_out_json"),
  },
  (t) => [uniqueIndex("partner_intake_sections_unique").on(t.engagementId, t.section)]
);

/** A version submitted to leadership for the resourcing it commits. */
export const approvalRequests = sqliteTable(
  "approval_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    proposalVersionId: integer("proposal_version_id")
      .notNull()
      .references(() => proposalVersions.id),
    submittedById: integer("submitted_by_id")
      .notNull()
      .references(() => users.id),
    submittedAt: text("submitted_at").notNull(),
    status: text("status", { enum: ["pending", "approved", "approved_with_conditions", "declined", "withdrawn"] })
      .notNull()
      .default("pending"),
    /** What the gate requires: approvals from this many leaders, and whether a conflict must be acknowledged. */
    requiredApprovals: integer("required_approvals").notNull(),
    conflictAcknowledgementRequired: integer("conflict_ack_required", { mode: "boolean" }).notNull(),
    gateReasonsJson: text("gate_reasons_json").notNull().default("[]"),
    decidedAt: text("decided_at"),
    version: integer("version").notNull().default(1),
  },
  // approval_requests_version_idx finds a version's approval, which every download of its documents checks.
  (t) => [
    index("approval_requests_engagement_idx").on(t.engagementId),
    index("approval_requests_version_idx").on(t.proposalVersionId),
    // A leader's notices (on every page) ask which requests are pending: the few, not a scan of all.
    index("approval_requests_status_idx").on(t.status),
  ]
);

/** Each leader's decision on a request; one per leader. */
export const approvalDecisions = sqliteTable(
  "approval_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => approvalRequests.id, { onDelete: "cascade" }),
    leaderId: integer("leader_id")
      .notNull()
      .references(() => users.id),
    decision: text("decision", { enum: ["approve", "approve_with_conditions", "decline"] }).notNull(),
    conditions: text("conditions").notNull().default(""),
    reason: text("reason").notNull().default(""),
    acknowledgedConflict: integer("acknowledged_conflict", { mode: "boolean" }).notNull().default(false),
    at: text("at").notNull(),
  },
  (t) => [uniqueIndex("approval_decisions_unique").on(t.requestId, t.leaderId)]
);

/**
 * How a proposal's draft is priced (docs/domain.md §8.7–8.8): the levers applied to its plan and any
 * manual change of the fee, with its reason. Internal: never shown to a partner.
 */
export const proposalPricing = sqliteTable("proposal_pricing", {
  engagementId: integer("engagement_id")
    .primaryKey()
    .references(() => engagements.id, { onDelete: "cascade" }),
  /** LeverSettings as JSON. */
  leversJson: text("levers_json").notNull().default("{}"),
  /** A fee set by hand in place of the rules' fee, in whole currency units; null when the rules' fee stands. */
  feeOverride: integer("fee_override"),
  feeOverrideReason: text("fee_override_reason"),
  version: integer("version").notNull().default(1),
  updatedById: integer("updated_by_id").references(() => users.id),
  updatedAt: text("updated_at").notNull(),
});

/**
 * The options a proposal's draft offers (docs/domain.md §9.13): up to three, in order, each with its
 * scope, what it leaves out and its own levers. None means the proposal offers one scope, priced on the
 * draft's own levers (proposal_pricing). Frozen into each version's snapshot.
 */
export const proposalOptions = sqliteTable(
  "proposal_options",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    scope: text("scope").notNull().default(""),
    leavesOut: text("leaves_out").notNull().default(""),
    /** LeverSettings as JSON. */
    leversJson: text("levers_json").notNull().default("{}"),
    version: integer("version").notNull().default(1),
    updatedById: integer("updated_by_id").references(() => users.id),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("proposal_options_engagement_idx").on(t.engagementId)]
);

/**
 * Our own organisation as the proposal names it (docs/domain.md §9.8): one row, kept by
 * administrators. The logo is stored as uploaded (a PNG, or an SVG without scripts or references).
 */
export const organisationProfile = sqliteTable("organisation_profile", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  shortName: text("short_name").notNull(),
  address: text("address").notNull().default(""),
  brandColour: text("brand_colour").notNull().default("#1f4e79"),
  contactName: text("contact_name").notNull().default(""),
  contactEmail: text("contact_email").notNull().default(""),
  contactPhone: text("contact_phone").notNull().default(""),
  signatoryName: text("signatory_name").notNull().default(""),
  signatoryTitle: text("signatory_title").notNull().default(""),
  legalFooter: text("legal_footer").notNull().default(""),
  /** How many days from its date a proposal stands while the partner has not accepted it: "valid until" that day. */
  offerValidDays: integer("offer_valid_days").notNull().default(90),
  logo: blob("logo", { mode: "buffer" }),
  logoType: text("logo_type", { enum: ["image/png", "image/svg+xml"] }),
  version: integer("version").notNull().default(1),
  updatedById: integer("updated_by_id").references(() => users.id),
  updatedAt: text("updated_at").notNull(),
});

/**
 * A manager's own words for a proposal section's prose, on the live draft (docs/domain.md §9.6).
 * `baseMarkdown` is the generated text the edit was written over: when the generated text moves on,
 * the section offers it beside the edit instead of overwriting it. Frozen into each version's snapshot.
 */
export const proposalSectionEdits = sqliteTable(
  "proposal_section_edits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    sectionKey: text("section_key").notNull(),
    markdown: text("markdown").notNull(),
    baseMarkdown: text("base_markdown").notNull(),
    version: integer("version").notNull().default(1),
    editedById: integer("edited_by_id")
      .notNull()
      .references(() => users.id),
    editedAt: text("edited_at").notNull(),
  },
  (t) => [uniqueIndex("proposal_section_edits_section").on(t.engagementId, t.sectionKey)]
);

/**
 * Mail waiting to go out, and mail that went (docs/domain.md §9.11). A row is written in the transaction
 * of the event it tells of, and sent after that commits; `messageId` is fixed when it is written, so a
 * message sent twice after a crash is recognised as one by mail clients.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    messageId: text("message_id").notNull(),
    toAddress: text("to_address").notNull(),
    toName: text("to_name").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    sentAt: text("sent_at"),
    lastError: text("last_error"),
    /** When written to the outbox folder instead of an SMTP server: the file's name there. */
    file: text("file"),
  },
  (t) => [uniqueIndex("outbox_message_id_unique").on(t.messageId), index("outbox_due_idx").on(t.sentAt, t.nextAttemptAt)]
);

/** The kinds of notice a user has turned off for themselves. */
export const noticeOptOuts = sqliteTable(
  "notice_opt_outs",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })]
);

/**
 * What a change to the roster left short (docs/domain.md §8.1): an engagement submitted for approval,
 * approved or agreed, of one role, in these months, by as much as `gap` FTE; who changed what, and
 * when. Its owners and leadership are told of it until a later change to the roster mends it
 * (`resolvedAt`), or the engagement no longer books the version named.
 */
export const rosterShortfalls = sqliteTable(
  "roster_shortfalls",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    proposalVersionId: integer("proposal_version_id")
      .notNull()
      .references(() => proposalVersions.id, { onDelete: "cascade" }),
    commitment: text("commitment", { enum: ["submitted", "approved", "agreed"] }).notNull(),
    role: text("role").notNull(),
    monthsJson: text("months_json").notNull(),
    gap: real("gap").notNull(),
    /** What changed, in a phrase: "Hannah Schultz (communications / campaign lead) is available until February 2027". */
    change: text("change").notNull(),
    changedById: integer("changed_by_id").references(() => users.id),
    at: text("at").notNull(),
    resolvedAt: text("resolved_at"),
  },
  (t) => [index("roster_shortfalls_engagement_idx").on(t.engagementId, t.role)]
);

/** Single-use links sent by mail: an invitation to set a first password, or a password reset. Only the token's SHA-256 is kept. */
export const userTokens = sqliteTable(
  "user_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["invitation", "reset"] }).notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("user_tokens_user_idx").on(t.userId)]
);
