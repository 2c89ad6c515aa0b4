declare module '#libs/core' {
  interface ErrorCodes {
    /** Follow-up plans come only from published visits. */
    'visit-not-published': 409;
    /** A plan or agreement file refused as a whole; `errors` names every row and column. */
    'follow-up-import-rejected': 422;
  }
}

export {};
