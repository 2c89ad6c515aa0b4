export * from './daily-reminders.job.js';
export * from './mail-outbox.entity.js';
export * from './mail-texts.js';
export * from './notifications.module.js';
export * from './notifications.service.js';
export * from './send-mail.job.js';
export * from './vocabulary.js';
