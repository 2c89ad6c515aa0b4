export * from './data-source.js';
export * from './database.module.js';
export * from './embedded-postgres.js';
export * from './migrate.js';
export * from './migrator.js';
export * from './naming.strategy.js';
export * from './resolve-database.js';
export * from './transaction.js';
