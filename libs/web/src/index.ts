export * from './form-validation.js';
export * from './handlebars-env.js';
export * from './page-renderer.js';
export * from './problem.filter.js';
export * from './project-root.js';
export * from './table-export.js';
export * from './validation.pipe.js';
export * from './web.module.js';
