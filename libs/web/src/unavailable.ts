/** Seconds a client is asked to wait when the database or disk is out of service. */
export const RETRY_AFTER_SECONDS = 30;

/** Socket errors of a database that is down, restarting or unreachable, and a full disk. */
const SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOSPC',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that say the server, not the request, is the problem: connection exceptions (08…),
 * insufficient resources such as disk full or too many connections (53…), shutdown or start-up
 * (57P01–57P03), and system I/O errors (58…).
 */
const unavailableState = (code: string) => /^(08|53|58)/.test(code) || /^57P0[1-3]$/.test(code);

/** pg's own errors when a connection breaks or cannot be had; they carry no code. */
const LOST_CONNECTION =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/**
 * True when an error means "try again later" (503 with Retry-After) rather than a bug (500):
 * PostgreSQL down or out of disk, or a full disk here. Looks through TypeORM's wrapper and causes.
 */
export function isServiceUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  type Cause = { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  let e = error as Cause | undefined;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    if (SYSTEM_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && unavailableState(code))) return true;
    if (typeof e.message === 'string' && LOST_CONNECTION.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some(isServiceUnavailable)) return true;
    e = ((e as Cause).driverError ?? (e as Cause).cause) as Cause | undefined;
  }
  return false;
}
