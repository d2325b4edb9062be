import crypto from "node:crypto";
import { redirect } from "@remix-run/node";
import { and, eq, isNull, sql } from "drizzle-orm";
import { organisations, sessions, users } from "../../db/schema";
import { mayEver, type Action } from "~/domain/permissions";
import type { Actor, Role } from "~/domain/roles";
import { bookkeepingWrite, builtQuery, getDb, type DB, type Tx } from "./db.server";
import { forgetForRequest, oncePerRequest } from "./request-scope.server";
import { getEnv } from "./env.server";

const COOKIE = "pp_session";

export type SessionUser = Actor & { email: string; name: string; organisationName: string | null };

function hashId(id: string) {
  return crypto.createHash("sha256").update(id).digest("hex");
}

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    // A malformed value ("%E0%A4%A") is no session, not a 500 on every page.
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function cookieHeader(value: string, maxAgeSeconds: number) {
  const env = getEnv();
  return [`${COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`, ...(env.secureCookies ? ["Secure"] : [])].join("; ");
}

/** Starts a fresh session (a new id at every login) and answers a 303 to where the user was going. */
export function createUserSession(userId: number, redirectTo: string, flash?: string): Response {
  const env = getEnv();
  const id = crypto.randomBytes(32).toString("base64url");
  // Made before the session row is written, so an address a header cannot carry writes nothing.
  const response = redirect(redirectTo, { status: 303, headers: { "Set-Cookie": cookieHeader(id, env.SESSION_ABSOLUTE_HOURS * 3600) } });
  const now = new Date();
  const expires = new Date(now.getTime() + env.SESSION_ABSOLUTE_HOURS * 3600_000);
  bookkeepingWrite(() =>
    getDb()
      .insert(sessions)
      .values({
        idHash: hashId(id),
        userId,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: expires.toISOString(),
        flash: flash ?? null,
        flashPage: flash ? pageOf(redirectTo, "http://localhost/") : null,
        flashSetAt: flash ? now.toISOString() : null,
      })
      .run()
  );
  return response;
}

/** A one-time message, the page it is for, and when that page first showed it. */
type Flash = { message: string; page: string | null; setAt: string | null; shownAt: string | null };

type SessionRecord = { idHash: string; user: SessionUser; flash: Flash | null };

// A page's loaders (the root's and the route's) share one request: its session is read once. Whatever
// writes to the session (signing out, a message left for the next page) forgets it, so that loaders after
// an action read what the action left.
const SESSION = "session";

export function getSession(request: Request): SessionRecord | null {
  return oncePerRequest(request, SESSION, () => readSession(request));
}

function readSession(request: Request): SessionRecord | null {
  const id = readCookie(request, COOKIE);
  if (!id) return null;
  const db = getDb();
  const idHash = hashId(id);
  // One join, not the query API's nested JSON: every request of a signed-in user asks this.
  const row = builtQuery("session with its user", (db) =>
    db
      .select({
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        flash: sessions.flash,
        flashPage: sessions.flashPage,
        flashSetAt: sessions.flashSetAt,
        flashShownAt: sessions.flashShownAt,
        user: { id: users.id, email: users.email, name: users.name, role: users.role, organisationId: users.organisationId, disabledAt: users.disabledAt },
        organisationName: organisations.name,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(sessions.idHash, sql.placeholder("idHash")))
      .prepare()
  ).get({ idHash });
  if (!row || row.user.disabledAt) return null;
  const env = getEnv();
  const now = Date.now();
  const idleLimit = Date.parse(row.lastSeenAt) + env.SESSION_IDLE_MINUTES * 60_000;
  if (Date.parse(row.expiresAt) <= now || idleLimit <= now) {
    bookkeepingWrite(() => db.delete(sessions).where(eq(sessions.idHash, idHash)).run());
    return null;
  }
  if (now - Date.parse(row.lastSeenAt) > 60_000) {
    bookkeepingWrite(() =>
      db
        .update(sessions)
        .set({ lastSeenAt: new Date(now).toISOString() })
        .where(eq(sessions.idHash, idHash))
        .run()
    );
  }
  const u = row.user;
  return {
    idHash,
    flash: row.flash === null ? null : { message: row.flash, page: row.flashPage, setAt: row.flashSetAt, shownAt: row.flashShownAt },
    user: {
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role as Role,
      organisationId: u.organisationId,
      organisationName: row.organisationName,
    },
  };
}

export function getOptionalUser(request: Request): SessionUser | null {
  return getSession(request)?.user ?? null;
}

/** For pages: anonymous visitors are sent to the login page and brought back afterwards. */
export function requireUser(request: Request): SessionUser {
  const user = getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
  }
  return user;
}

/** For the JSON API: a 401 in JSON, never a redirect. */
export function requireApiUser(request: Request): SessionUser {
  const user = getOptionalUser(request);
  if (!user) throw Response.json({ error: "Not signed in." }, { status: 401 });
  return user;
}

/** The signed-in user, if the permission table lets them do this at all; 403 with the message otherwise. */
export function requirePermission(request: Request, action: Action, message: string): SessionUser {
  const user = requireUser(request);
  if (!mayEver(user, action)) throw forbidden(message);
  return user;
}

export function forbidden(message = "You do not have permission to do this.") {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "Not found.") {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/**
 * Ends the session the request carries, if any. Signing in calls it, so a new session never continues
 * one that was there before (someone else's, or one planted in the browser): the old id stops working.
 */
export function endSession(request: Request) {
  forgetForRequest(SESSION, request);
  const id = readCookie(request, COOKIE);
  if (id)
    bookkeepingWrite(() =>
      getDb()
        .delete(sessions)
        .where(eq(sessions.idHash, hashId(id)))
        .run()
    );
}

export function logout(request: Request): Response {
  forgetForRequest(SESSION, request);
  const id = readCookie(request, COOKIE);
  if (id)
    bookkeepingWrite(() =>
      getDb()
        .delete(sessions)
        .where(eq(sessions.idHash, hashId(id)))
        .run()
    );
  return redirect("/login", { status: 303, headers: { "Set-Cookie": cookieHeader("", 0) } });
}

export function revokeUserSessions(db: DB | Tx, userId: number) {
  forgetForRequest(SESSION);
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** The path of an address, read relative to the request's. */
function pageOf(to: string, base: string): string {
  return new URL(to, base).pathname;
}

/** Leaves a one-time message for the page at `to`, the user's next. */
export function setFlash(request: Request, message: string, to: string) {
  forgetForRequest(SESSION, request);
  const id = readCookie(request, COOKIE);
  if (!id) return;
  bookkeepingWrite(() =>
    getDb()
      .update(sessions)
      .set({ flash: message, flashPage: pageOf(to, request.url), flashSetAt: new Date().toISOString(), flashShownAt: null })
      .where(eq(sessions.idHash, hashId(id)))
      .run()
  );
}

/**
 * How long after its page first showed it a one-time message is still given to that page. A page's data
 * can be asked for by more than one request at once — the answer to a form, and the page asking again
 * after a small form of its own (a proposal marked as read) or while its documents are being made —
 * and the browser may keep the answer of a later request than the one that read the message first.
 */
export const FLASH_REPEAT_MS = 15_000;

/** How long a message waits for the page it was left for before it is dropped unread. */
export const FLASH_UNCLAIMED_MS = 60_000;

/** A one-time message as a page reads it: `id` is the same for every read of one message, and new for the next. */
export type PageMessage = { message: string; id: string };

/**
 * The one-time message, for a read of the page at `request`'s address: given to the first read of the
 * page it was left for, and to the page asking for its data again until FLASH_REPEAT_MS after it (the
 * page tells a message it has shown already by its id); then, or once the page is loaded afresh,
 * cleared. A read of another page clears a message already shown, and never shows it; a message its
 * page has not read within FLASH_UNCLAIMED_MS is dropped.
 * Session bookkeeping, not a change to business data.
 */
export function takeFlash(request: Request, record: SessionRecord | null): PageMessage | null {
  const flash = record?.flash;
  if (!record || !flash) return null;
  const now = Date.now();
  const here = flash.page === null || flash.page === new URL(request.url).pathname;
  const clear = () => {
    bookkeepingWrite(() =>
      getDb().update(sessions).set({ flash: null, flashPage: null, flashSetAt: null, flashShownAt: null }).where(eq(sessions.idHash, record.idHash)).run()
    );
    record.flash = null;
    return null;
  };
  if (flash.shownAt === null) {
    // Never shown: its page was not reached (the answer that led there was interrupted), so it is not news any more.
    if (flash.setAt !== null && now - Date.parse(flash.setAt) > FLASH_UNCLAIMED_MS) return clear();
    if (!here) return null;
    // The first reading, once: two requests reading it at once agree on when, which is the message's id.
    const shownAt = new Date(now).toISOString();
    bookkeepingWrite(() =>
      getDb()
        .update(sessions)
        .set({ flashShownAt: shownAt })
        .where(and(eq(sessions.idHash, record.idHash), isNull(sessions.flashShownAt)))
        .run()
    );
    const stored = getDb().select({ shownAt: sessions.flashShownAt }).from(sessions).where(eq(sessions.idHash, record.idHash)).get()?.shownAt ?? shownAt;
    record.flash = { ...flash, shownAt: stored };
    return { message: flash.message, id: stored };
  }
  // Only the page asking for its data again: a page loaded afresh (reloaded, or a form sent without
  // JavaScript and refused) is no longer the answer the message was for. A browser that does not say
  // which (no Sec-Fetch-Dest) is taken to be asking for data, so a reload within the seconds may show it again.
  const loadedAfresh = request.headers.get("Sec-Fetch-Dest") === "document";
  if (here && !loadedAfresh && now - Date.parse(flash.shownAt) < FLASH_REPEAT_MS) return { message: flash.message, id: flash.shownAt };
  return clear();
}

export function findActiveUserByEmail(email: string) {
  return getDb()
    .select()
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.disabledAt)))
    .get();
}
