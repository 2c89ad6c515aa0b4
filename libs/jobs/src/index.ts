export * from './job-definition.js';
export { JobHandler } from './job-handler.js';
export { JobQueue, type SendOptions } from './job-queue.js';
export * from './jobs.module.js';
