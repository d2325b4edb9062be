/**
 * What a change can run into, typed by what the person can do about it. Models and domain code throw
 * these; one route helper (`app/lib/route.server.ts`) turns them into responses, so no model knows
 * about HTTP and no route decides a status code of its own.
 */
export abstract class DomainError extends Error {
  abstract readonly status: 400 | 403 | 404 | 409;
  /** The form field the message belongs next to; null for the form, or the page, as a whole. */
  readonly field: string | null;

  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

/** The record does not exist, or must not be known to exist (another partner's). */
export class NotFound extends DomainError {
  readonly status = 404;
}

/** The record exists and may be read, but this person may not make this change. */
export class Forbidden extends DomainError {
  readonly status = 403;
}

/** Someone else changed the record first; `changes` lists what they did, for the page to show. */
export class Conflict extends DomainError {
  readonly status = 409;
  readonly changes: readonly ConflictChange[];

  constructor(message: string, changes: readonly ConflictChange[] = [], field: string | null = null) {
    super(message, field);
    this.changes = changes;
  }
}

export type ConflictChange = { summary: string; by: string | null; version: number };

/** The change is understood but not allowed as it stands: the message says what to correct. */
export class Refusal extends DomainError {
  readonly status = 400;
}

/** Several fields refused at once, each with its message, so a form shows every correction together. */
export class Refusals extends Refusal {
  readonly fields: Readonly<Record<string, string>>;

  constructor(fields: Record<string, string>) {
    const [first] = Object.entries(fields);
    super(first ? first[1] : "The form could not be accepted.", first ? first[0] : null);
    this.fields = fields;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
