export * from './date-only.js';
export * from './errors.js';
export * from './logger.js';
export * from './no-cpr.js';
export * from './request-context.js';
export * from './table-file.js';
export * from './trimmed.js';
export * from './validation-messages.js';
