export * from './browser.js';
export * from './browser-session.js';
export * from './cuttable-connection.js';
export * from './routes.js';
export * from './server-process.js';
export * from './test-app.js';
export * from './test-db.js';
export * from './test-server.js';
