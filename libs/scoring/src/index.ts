export * from './dashboards.service.js';
export * from './score-engine.js';
export * from './scores.repository.js';
export * from './scoring.module.js';
export * from './scoring.service.js';
export * from './trend-chart.js';
