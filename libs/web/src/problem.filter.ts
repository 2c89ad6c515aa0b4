import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { DomainError, type ErrorCode, type ErrorCodes, type FieldError } from '#libs/core';
import { PageRenderer } from './page-renderer.js';
import { isServiceUnavailable, RETRY_AFTER_SECONDS } from './unavailable.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** Each error code's HTTP status and problem `type` URI (`/problems/<code>`); given by the app. */
export type ProblemTypes = { [C in ErrorCode]: { status: ErrorCodes[C]; type: string } };
export const PROBLEM_TYPES = Symbol('PROBLEM_TYPES');

/** The mapping from a status per code (typed: every code, each with the status it declares). */
export function problemTypes(statuses: { [C in ErrorCode]: ErrorCodes[C] }): ProblemTypes {
  return Object.fromEntries(
    Object.entries(statuses).map(([code, status]) => [code, { status, type: `/problems/${code}` }]),
  ) as ProblemTypes;
}

/** The code of an error the web layer meets, by its status, when nothing more specific is known. */
const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'invalid-input',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'service-unavailable',
};

export const TITLES: Record<number, string> = {
  400: 'Ugyldig forespørgsel',
  401: 'Log ind først',
  403: 'Ingen adgang',
  404: 'Ikke fundet',
  409: 'Konflikt',
  413: 'For stor',
  415: 'Ukendt indholdstype',
  422: 'Ugyldige oplysninger',
  429: 'For mange forsøg',
  503: 'Midlertidigt utilgængelig',
};

/** PostgreSQL errors that are the caller's fault, not ours. */
function fromDatabase(
  e: QueryFailedError & { code?: string; detail?: string; column?: string },
): { code: ErrorCode; detail: string } | undefined {
  switch (e.code) {
    case '23505':
      return { code: 'already-exists', detail: 'Findes allerede' };
    case '23503':
      return { code: 'references-missing', detail: 'Henviser til noget, der ikke findes' };
    case '22P02':
      return { code: 'invalid-id', detail: 'Ugyldigt id eller format' };
    // Values validation should have refused (each is a gap in a DTO): at least not a 500.
    case '22001': // string too long
    case '22003': // number out of range
    case '22007': // invalid date
    case '22008': // date out of range
    case '22021': // NUL or bad encoding
      return { code: 'value-not-storable', detail: 'En værdi kan ikke gemmes' };
    default:
      return undefined;
  }
}

type LoggedRequest = Request & { id?: string; log?: Logger };

/**
 * Every error leaves as application/problem+json (RFC 9457) for the API, or as a Danish error
 * page for browsers. A database that is down or a full disk is a 503 with Retry-After; other
 * unknown errors are a generic 500. Both are logged with the error, its stack and the request id
 * (the request's own pino logger also names method and URL).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly pages: PageRenderer,
    @Inject(PROBLEM_TYPES) private readonly types: ProblemTypes,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<LoggedRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception, req);
    if (problem.status >= 500) {
      const err = exception instanceof Error ? exception : new Error(`Non-error thrown: ${String(exception)}`);
      req.log?.error({ err, requestId: req.id }, problem.status === 503 ? 'Service unavailable' : 'Unhandled error');
    }
    if (problem.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));

    const wantsPage = !req.path.startsWith('/api') && req.accepts(['html', 'json']) === 'html';
    if (wantsPage && problem.status === 401)
      return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    if (wantsPage) return this.pages.render(req, res, 'error', problem.title, { problem }, problem.status);
    res.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(e: unknown, req: Request & { id?: string }): Problem {
    // Extras come first so they can never override the standard members (e.g. a domain "status").
    // The code names the problem type and, through the app's mapping, its status.
    const base = (
      code: ErrorCode | number,
      detail: string,
      errors: FieldError[] = [],
      extra: Record<string, unknown> = {},
    ): Problem => {
      // a status the mapping has no code for (e.g. 405 from a framework error) keeps about:blank
      const known = typeof code === 'string' ? code : CODE_OF_STATUS[code];
      const mapped = known ? this.types[known] : undefined;
      const status: number = mapped?.status ?? (code as number);
      return {
        ...extra,
        type: mapped?.type ?? 'about:blank',
        title: TITLES[status] ?? 'Fejl',
        status,
        detail,
        instance: req.originalUrl,
        ...(errors.length ? { errors } : {}),
        requestId: req.id,
      };
    };
    const status =
      (e as { status?: number; statusCode?: number })?.status ?? (e as { statusCode?: number })?.statusCode;
    if (status === 403 && (e as Error).message?.toLowerCase().includes('csrf')) {
      return base('form-expired', 'Formularen er udløbet eller kom ikke fra Tilsyn. Genindlæs siden, og prøv igen.');
    }
    if (e instanceof DomainError) {
      const problem = base(e.code, e.detail, e.errors, e.extra);
      return problem.status === e.status ? { ...problem, title: e.title } : problem;
    }
    if (e instanceof HttpException) {
      const body = e.getResponse() as { message?: unknown; errors?: FieldError[] } | string;
      const detail =
        typeof body === 'string'
          ? body
          : Array.isArray(body.message)
            ? body.message.join('; ')
            : String(body.message ?? e.message);
      return base(e.getStatus(), detail, typeof body === 'object' ? (body.errors ?? []) : []);
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser errors (malformed JSON, too large) carry their own status
      if (status === 413) return base('payload-too-large', 'Indholdet er for stort');
      return base(status === 400 ? 'unreadable-body' : status, 'Indholdet kunne ikke læses');
    }
    if (e instanceof QueryFailedError) {
      const known = fromDatabase(e);
      if (known) return base(known.code, known.detail);
    }
    if (isServiceUnavailable(e))
      return base('service-unavailable', 'Tilsyn kan ikke nå sine data lige nu. Prøv igen om lidt.', [], {
        retryAfter: RETRY_AFTER_SECONDS,
      });
    return base('internal-error', 'Der skete en uventet fejl. Prøv igen, eller kontakt support med fejl-id.');
  }
}
