import type { LoggerService } from '@nestjs/common';
import { type Logger, pino } from 'pino';
import { maskQuery, maskUrl, REDACT_PATHS, REDACTED } from './log-redaction.js';

/** Structured JSON logs on stdout, with secrets redacted (log-redaction.ts). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'tilsyn' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
  });
}

/**
 * For pino-http's `req` serializer: the standard request fields with codes and tokens masked in the
 * URL and query (headers are redacted by the logger's paths).
 */
export function requestSerializer<T extends { url?: string; query?: unknown }>(req: T): T {
  req.url = maskUrl(req.url);
  if ('query' in req) req.query = maskQuery(req.query);
  return req;
}

/** An Error goes to pino's `err` (message and stack), other objects become fields, never "[object Object]". */
const fields = (message: unknown): [Record<string, unknown>, string | undefined] =>
  message instanceof Error
    ? [{ err: message }, message.message]
    : message !== null && typeof message === 'object'
      ? [message as Record<string, unknown>, undefined]
      : [{}, String(message)];

/**
 * Nest's start-up chatter (every module loaded, every route mapped: some 200 lines) is for
 * debugging; at info a start shows what an operator needs.
 */
const STARTUP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** Routes Nest's own log calls into pino, keeping the Nest context as a field. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    if (context && STARTUP_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    const [extra, text] = fields(message);
    this.logger.error({ ...extra, context, trace }, text);
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
