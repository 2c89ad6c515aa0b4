export * from './score-engine.js';
