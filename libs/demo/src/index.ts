export * from './demo.module.js';
export * from './demo-seed.js';
export * from './demo-visit-seed.js';
export * from './synthetic-region.js';
