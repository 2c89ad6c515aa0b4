export * from './browser-pool.js';
export * from './chromium.js';
export * from './document-http.js';
export * from './documents.module.js';
export * from './framed-document.js';
export * from './pdf-anchors.js';
export * from './pdf-renderer.js';
export * from './process-tree.js';
