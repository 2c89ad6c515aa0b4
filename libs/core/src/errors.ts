/** One failing input field: the path, the rule it broke and a message for the user. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/**
 * Every error code an answer can carry, with the HTTP status it is answered with. These are the
 * generic ones; each domain module declares its own by augmenting this interface in its
 * `<module>.errors.ts` (`declare module '#libs/core' { interface ErrorCodes { 'visit-not-editable': 409 } }`).
 * apps/server maps every code to its status and problem `type` URI (`/problems/<code>`) in one
 * record typed over this interface, so a code without a mapping fails the type check.
 */
export interface ErrorCodes {
  'bad-request': 400;
  unauthenticated: 401;
  forbidden: 403;
  'not-found': 404;
  conflict: 409;
  /** A write sent with a version that is no longer the stored one; `current` carries the stored one. */
  'stale-version': 409;
  'invalid-input': 422;
  'too-many-requests': 429;
}

export type ErrorCode = keyof ErrorCodes;

/** The codes answered with HTTP status `S` (an error class takes only codes of its own status). */
export type CodeWithStatus<S extends number> = { [C in ErrorCode]: ErrorCodes[C] extends S ? C : never }[ErrorCode];

/**
 * A domain error carries its HTTP status, a Danish title and a code; the web layer renders it as
 * application/problem+json for the API (its `type` named by the code) and as a page for browsers.
 * Never thrown for bugs.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  abstract readonly code: ErrorCode;
  constructor(
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Ikke fundet';
  constructor(
    detail: string,
    errors: FieldError[] = [],
    extra: Record<string, unknown> = {},
    readonly code: CodeWithStatus<404> = 'not-found',
  ) {
    super(detail, errors, extra);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Ingen adgang';
  constructor(
    detail: string,
    errors: FieldError[] = [],
    extra: Record<string, unknown> = {},
    readonly code: CodeWithStatus<403> = 'forbidden',
  ) {
    super(detail, errors, extra);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = 'Log ind først';
  constructor(
    detail: string,
    errors: FieldError[] = [],
    extra: Record<string, unknown> = {},
    readonly code: CodeWithStatus<401> = 'unauthenticated',
  ) {
    super(detail, errors, extra);
  }
}

export class InvalidInputError extends DomainError {
  readonly status = 422;
  readonly title = 'Ugyldige oplysninger';
  constructor(
    detail: string,
    errors: FieldError[] = [],
    extra: Record<string, unknown> = {},
    readonly code: CodeWithStatus<422> = 'invalid-input',
  ) {
    super(detail, errors, extra);
  }
}

/** A stale write: `extra.current` carries the stored version so the client can merge. */
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Ændret af en anden';
  constructor(
    detail: string,
    errors: FieldError[] = [],
    extra: Record<string, unknown> = {},
    readonly code: CodeWithStatus<409> = 'conflict',
  ) {
    super(detail, errors, extra);
  }
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'For mange forsøg';
  constructor(
    detail: string,
    errors: FieldError[] = [],
    extra: Record<string, unknown> = {},
    readonly code: CodeWithStatus<429> = 'too-many-requests',
  ) {
    super(detail, errors, extra);
  }
}

/** A request whose shape is wrong before any rule applies (e.g. a malformed id in the path). */
export class BadRequestError extends DomainError {
  readonly status = 400;
  readonly title = 'Ugyldig forespørgsel';
  constructor(
    detail: string,
    errors: FieldError[] = [],
    extra: Record<string, unknown> = {},
    readonly code: CodeWithStatus<400> = 'bad-request',
  ) {
    super(detail, errors, extra);
  }
}
