declare module '#libs/core' {
  interface ErrorCodes {
    /** A published or retired version: its content never changes (copy it to a new draft). */
    'model-version-locked': 409;
    /** Only a published version can be retired. */
    'model-version-not-retirable': 409;
    /** A catalogue file (YAML/JSON) refused as a whole; `errors` carries path and line. */
    'catalogue-invalid': 422;
  }
}

export {};
