declare module '#libs/core' {
  interface ErrorCodes {
    /** The visit is no longer being drafted: answers, files and findings are closed for edits. */
    'visit-not-editable': 409;
    /** The workflow step is not possible from the visit's status (`current` carries the visit). */
    'visit-step-refused': 409;
    /** The workflow step is not the user's to take. */
    'visit-step-forbidden': 403;
    /** The visit's date cannot be corrected once the report is in høring or published. */
    'visit-date-locked': 409;
    /** Høring comments are decided only while the report awaits publication. */
    'hearing-awaiting-publication': 409;
    /** An uploaded file of the wrong type or size. */
    'file-rejected': 422;
  }
}

export {};
