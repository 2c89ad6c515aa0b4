/** The access errors (see policy.service.ts and auth.guard.ts). */
declare module '#libs/core' {
  interface ErrorCodes {
    'wrong-credentials': 401;
    /** The user's role does not allow the operation at all. */
    'role-not-allowed': 403;
    /** The user may read the resource but not change it. */
    'read-only-access': 403;
    /** A visit is approved by another person than the one who submitted it. */
    'four-eyes-required': 403;
    'too-many-logins': 429;
  }
}

export {};
