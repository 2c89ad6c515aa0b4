export * from './app-config.js';
export * from './app-secret.js';
export * from './config.module.js';
