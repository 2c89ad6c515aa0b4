/** One failing input field: the path, the rule it broke and a message for the user. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/**
 * A domain error carries its HTTP status and a Danish title; the web layer renders it as
 * application/problem+json for the API and as a page for browsers. Never thrown for bugs.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
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
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Ingen adgang';
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = 'Log ind først';
}

export class InvalidInputError extends DomainError {
  readonly status = 422;
  readonly title = 'Ugyldige oplysninger';
}

/** A stale write: `extra.current` carries the stored version so the client can merge. */
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Ændret af en anden';
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'For mange forsøg';
}

/** A request whose shape is wrong before any rule applies (e.g. a malformed id in the path). */
export class BadRequestError extends DomainError {
  readonly status = 400;
  readonly title = 'Ugyldig forespørgsel';
}
