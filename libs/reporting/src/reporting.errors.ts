declare module '#libs/core' {
  interface ErrorCodes {
    /** Reports are made only for published visits and drafts in høring. */
    'visit-not-reportable': 409;
    /** The report has been requested but not rendered yet. */
    'report-not-ready': 404;
    /** A template can be activated only as a draft, retired only when active. */
    'template-wrong-status': 409;
    /** A template that does not compile; `errors` carries the lines. */
    'template-invalid': 422;
    /** A batch over a period without published visits. */
    'no-visits-in-period': 422;
  }
}

export {};
