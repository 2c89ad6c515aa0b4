export * from './demo-seed.js';
export * from './demo.module.js';
