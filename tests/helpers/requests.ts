import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { formState, type FormReply } from "~/lib/forms";
import { createUserSession } from "~/services/session.server";
import { userIdByEmail } from "./db";

export const BASE = "http://127.0.0.1:3000";

/** A session cookie for a demo (or test-created) user, without going through the login form. */
export function sessionCookie(email: string): string {
  const response = createUserSession(userIdByEmail(email), "/");
  const setCookie = response.headers.get("Set-Cookie")!;
  return setCookie.split(";")[0]!;
}

export type Outcome = {
  status: number;
  data: any;
  headers: Headers;
  location: string | null;
};

async function settle(run: () => unknown): Promise<Outcome> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    result = thrown;
    if (!(thrown instanceof Response) && !isDataWithInit(thrown)) throw thrown;
  }
  if (result instanceof Response) {
    const type = result.headers.get("Content-Type") ?? "";
    const body = type.includes("json") ? await result.json() : await result.text();
    return { status: result.status, data: body, headers: result.headers, location: result.headers.get("Location") };
  }
  if (isDataWithInit(result)) {
    const headers = new Headers(result.init?.headers);
    return { status: result.init?.status ?? 200, data: result.data, headers, location: headers.get("Location") };
  }
  return { status: 200, data: result, headers: new Headers(), location: null };
}

function isDataWithInit(v: unknown): v is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof v === "object" && v !== null && (v as { type?: string }).type === "DataWithResponseInit";
}

type Who = { as?: string | null; cookie?: string };

function headersFor(who: Who, extra?: Record<string, string>) {
  const headers = new Headers(extra);
  const cookie = who.cookie ?? (who.as ? sessionCookie(who.as) : undefined);
  if (cookie) headers.set("Cookie", cookie);
  return headers;
}

export function callLoader(loader: (args: LoaderFunctionArgs) => unknown, opts: Who & { path: string; params?: Record<string, string> }): Promise<Outcome> {
  const request = new Request(BASE + opts.path, { headers: headersFor(opts) });
  return settle(() => loader({ request, params: opts.params ?? {}, context: { clientAddress: "127.0.0.1" } }));
}

/** The message shown by the page an action's 303 leads to: the root's loader, read at that address, as the browser would. */
export async function messageAfter(res: Outcome, cookie: string): Promise<string | null> {
  if (!res.location) throw new Error(`The action answered ${res.status}, not a redirect: ${JSON.stringify(res.data)}`);
  const root = await import("~/root");
  const page = new URL(res.location, BASE);
  return (await callLoader(root.loader, { path: page.pathname + page.search, cookie })).data.flash;
}

export function callAction(
  action: (args: ActionFunctionArgs) => unknown,
  opts: Who & {
    path: string;
    params?: Record<string, string>;
    form?: Record<string, string>;
    /** A form as sent, when it repeats a field or carries a file. */
    body?: URLSearchParams | FormData;
    json?: unknown;
    clientAddress?: string;
  }
): Promise<Outcome> {
  const headers = headersFor(opts, opts.json !== undefined ? { "Content-Type": "application/json" } : undefined);
  const body = opts.json !== undefined ? JSON.stringify(opts.json) : opts.body ?? new URLSearchParams(opts.form ?? {});
  const request = new Request(BASE + opts.path, { method: "POST", headers, body });
  return settle(() => action({ request, params: opts.params ?? {}, context: { clientAddress: opts.clientAddress ?? "127.0.0.1" } }));
}

/**
 * A form's answer (400, 409) as its page reads it (`formState`): the first message per field ("" for
 * the form), and what was sent, a field left empty as "".
 */
export function formAnswer(res: Outcome): { errors: Record<string, string>; values: Record<string, unknown>; conflict: FormReply["conflict"] } {
  const reply = res.data as FormReply;
  const state = formState(reply);
  // Conform leaves empty fields out of what it sends back; it lists every field that was sent.
  const values: Record<string, unknown> = Object.fromEntries((reply?.result?.fields ?? []).map((name) => [name, ""]));
  return { errors: state.errors, values: { ...values, ...state.values }, conflict: reply?.conflict };
}
