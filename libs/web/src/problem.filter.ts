import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { DomainError, type FieldError } from '#libs/core';
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

const TITLES: Record<number, string> = {
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
function fromDatabase(e: QueryFailedError & { code?: string; detail?: string; column?: string }) {
  switch (e.code) {
    case '23505':
      return { status: 409, detail: 'Findes allerede', errors: [] };
    case '23503':
      return { status: 422, detail: 'Henviser til noget, der ikke findes', errors: [] };
    case '22P02':
      return { status: 400, detail: 'Ugyldigt id eller format', errors: [] };
    // Values validation should have refused (each is a gap in a DTO): at least not a 500.
    case '22001': // string too long
    case '22003': // number out of range
    case '22007': // invalid date
    case '22008': // date out of range
    case '22021': // NUL or bad encoding
      return { status: 422, detail: 'En værdi kan ikke gemmes', errors: [] };
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
  constructor(private readonly pages: PageRenderer) {}

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
    const base = (
      status: number,
      detail: string,
      errors: FieldError[] = [],
      extra: Record<string, unknown> = {},
    ): Problem => ({
      ...extra,
      type: `about:blank`,
      title: TITLES[status] ?? 'Fejl',
      status,
      detail,
      instance: req.originalUrl,
      ...(errors.length ? { errors } : {}),
      requestId: req.id,
    });
    const status =
      (e as { status?: number; statusCode?: number })?.status ?? (e as { statusCode?: number })?.statusCode;
    if (status === 403 && (e as Error).message?.toLowerCase().includes('csrf')) {
      return base(403, 'Formularen er udløbet eller kom ikke fra Tilsyn. Genindlæs siden, og prøv igen.');
    }
    if (e instanceof DomainError) return { ...base(e.status, e.detail, e.errors, e.extra), title: e.title };
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
      return base(status, status === 413 ? 'Indholdet er for stort' : 'Indholdet kunne ikke læses');
    }
    if (e instanceof QueryFailedError) {
      const known = fromDatabase(e);
      if (known) return base(known.status, known.detail);
    }
    if (isServiceUnavailable(e))
      return base(503, 'Tilsyn kan ikke nå sine data lige nu. Prøv igen om lidt.', [], {
        retryAfter: RETRY_AFTER_SECONDS,
      });
    return base(500, 'Der skete en uventet fejl. Prøv igen, eller kontakt support med fejl-id.');
  }
}
