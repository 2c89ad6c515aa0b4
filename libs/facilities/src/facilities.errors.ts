declare module '#libs/core' {
  interface ErrorCodes {
    /** A CSV import refused as a whole; `errors` names every row and column. */
    'facility-import-rejected': 422;
  }
}

export {};
