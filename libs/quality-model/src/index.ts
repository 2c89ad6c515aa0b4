export * from './catalogue-file.js';
export * from './catalogue-format.js';
export * from './quality-model-diff.js';
export * from './rollup.js';
export * from './shipped-catalogues.js';
export * from './vocabulary.js';
