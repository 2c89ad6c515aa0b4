declare module '#libs/core' {
  interface ErrorCodes {
    'survey-round-closed': 409;
    /** An invitation code that was used already (or cannot be used now). */
    'survey-code-used': 409;
    /** An unknown or mistyped code. */
    'survey-code-unusable': 422;
    /** A round for a facility that had one less than 2 years ago; send confirmRecent. */
    'survey-recent-round': 422;
    /** Answers are shown only from 5 respondents. */
    'survey-too-few-respondents': 409;
    'too-many-code-attempts': 429;
    /** A letters batch that was voided: its codes were withdrawn, so it is not printed again. */
    'survey-batch-voided': 409;
  }
}

export {};
