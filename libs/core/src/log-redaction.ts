/**
 * What never reaches a log line: credentials and keys in headers and fields (pino `redact`), and
 * survey codes, tokens and CSRF tokens in a URL's path or query (maskUrl, used by the request
 * serializer). Applies to every logger made by createLogger, in every process.
 */
export const REDACTED = '[REDACTED]';

/** pino `redact` paths: headers of requests and answers, and fields named like secrets at any of the first levels. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  ...['password', 'token', 'kode', 'csrfToken', '_csrf', 'sessionId', 'sid', 'secret', 'apiToken'].flatMap((key) => [
    key,
    `*.${key}`,
    `*.*.${key}`,
  ]),
];

/** Query parameters whose values are secrets (any case). */
const SECRET_PARAMS = /^(kode|code|token|access_token|_csrf|csrf|csrftoken|password|adgangskode|sid|session|secret)$/i;

/** A survey code as printed (XXXXX-XXXXX, Crockford base 32, any case), wherever it stands. */
const PRINTED_CODE = /(?<![0-9a-z])[0-9a-z]{5}-[0-9a-z]{5}(?![0-9a-z])/gi;

/** Under these paths (prefix, first segment after it) a segment other than the routes' own words is taken for a code. */
const CODE_PATHS: [string, number][] = [
  ['/svar/', 2],
  ['/api/v1/survey-responses/', 4],
];
const ROUTE_WORDS = new Set(['svar', 'tak', 'gemt', 'open', 'draft']);

/** `url` (path and query, as in a request line) with codes and tokens masked; the fragment is never sent. */
export function maskUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  let masked = path.replace(PRINTED_CODE, REDACTED);
  const under = CODE_PATHS.find(([prefix]) => masked.startsWith(prefix));
  if (under)
    masked = masked
      .split('/')
      .map((segment, i) => (i < under[1] || !segment || ROUTE_WORDS.has(segment) ? segment : REDACTED))
      .join('/');
  if (!query) return masked;
  const params = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    let name = key;
    try {
      name = decodeURIComponent(key.replace(/\+/g, ' '));
    } catch {
      // a broken escape: judged as written
    }
    if (eq >= 0 && SECRET_PARAMS.test(name)) return `${key}=${REDACTED}`;
    return pair.replace(PRINTED_CODE, REDACTED);
  });
  return `${masked}?${params.join('&')}`;
}

/** A parsed query object with the same values masked. */
export function maskQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(
    Object.entries(query as Record<string, unknown>).map(([key, value]) => [
      key,
      SECRET_PARAMS.test(key) ? REDACTED : typeof value === 'string' ? value.replace(PRINTED_CODE, REDACTED) : value,
    ]),
  );
}
