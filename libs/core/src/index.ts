export * from './errors.js';
export * from './logger.js';
export * from './validation-messages.js';
export * from './request-context.js';
export * from './no-cpr.js';
export * from './date-only.js';
export * from './table-file.js';
export * from './trimmed.js';
