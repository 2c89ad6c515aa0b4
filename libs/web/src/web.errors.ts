/** Codes the web layer answers with for requests that fail before or outside a domain rule. */
declare module '#libs/core' {
  interface ErrorCodes {
    /** A path or query id that is not a UUID. */
    'invalid-id': 400;
    /** A body that could not be parsed (malformed JSON, wrong encoding). */
    'unreadable-body': 400;
    'payload-too-large': 413;
    'unsupported-media-type': 415;
    /** A unique value that exists already. */
    'already-exists': 409;
    /** A reference to something that does not exist. */
    'references-missing': 422;
    /** A value the database cannot store (too long, out of range). */
    'value-not-storable': 422;
    /** A browser form whose CSRF token expired or did not come from Tilsyn. */
    'form-expired': 403;
    /** PostgreSQL unreachable or out of space; Retry-After says when to try again. */
    'service-unavailable': 503;
    /** An unexpected error; the answer carries a requestId to quote. */
    'internal-error': 500;
  }
}

export {};
