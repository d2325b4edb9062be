import { z } from "zod";
import { requestOrigin } from "./request-scope.server";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default("data/planner.sqlite"),
  /** Comma-separated list of origins allowed to POST; defaults to localhost and 127.0.0.1 on PORT. */
  APP_ORIGIN: z.string().optional(),
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(12 * 60),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(7 * 24),
  CHROMIUM_PATH: z.string().optional(),
  /** Draw, after start-up, the pictures of proposal versions that have none (the demo seed's, for one). */
  DRAW_PICTURES_AT_START: z.enum(["0", "1"]).default("1"),
  /** Make each proposal version's documents ahead, in the background, and finish any left pending at start-up; with 0, on first download. */
  DOCUMENTS_AHEAD: z.enum(["0", "1"]).default("1"),
  /** An SMTP server (smtp://user:pass@host:587); unset, mail is written as .eml files to the outbox folder beside the database. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("Partnership Planner <planner@localhost>"),
  /** Where links in mail point; unset, the first origin of APP_ORIGIN. */
  PUBLIC_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof EnvSchema> & { allowedOrigins: string[]; secureCookies: boolean; publicUrl: string };

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const env = parsed.data;
  const allowedOrigins = env.APP_ORIGIN
    ? env.APP_ORIGIN.split(",")
        .map((o) => o.trim().replace(/\/$/, ""))
        .filter(Boolean)
    : [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`];
  const publicUrl = (env.PUBLIC_URL ?? allowedOrigins[0] ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  cached = { ...env, allowedOrigins, secureCookies: allowedOrigins[0]?.startsWith("https://") ?? false, publicUrl };
  return cached;
}

/**
 * Where links in mail point: PUBLIC_URL when it is set; else the origin the app was opened at, while
 * handling a request sent to one of APP_ORIGIN's (never a Host header of anyone's choosing), so that a
 * link mailed from the app opened at 127.0.0.1 opens where its reader is signed in; else APP_ORIGIN's first.
 */
export function linkBase(): string {
  const env = getEnv();
  if (env.PUBLIC_URL) return env.publicUrl;
  const origin = requestOrigin();
  return origin && env.allowedOrigins.includes(origin) ? origin : env.publicUrl;
}

/** Tests change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}
