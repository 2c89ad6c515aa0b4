// Jest runs TypeScript through SWC in ESM mode (NestJS 12 is ESM-only; TypeScript 7 has no
// compiler API for ts-jest). Every test file gets its own database cloned from a migrated template.
const swc = JSON.parse((await import('node:fs')).readFileSync(new URL('./.swcrc', import.meta.url), 'utf8'));
delete swc.exclude;
delete swc.$schema;
swc.swcrc = false; // else @swc/jest also reads .swcrc, whose build-only exclude skips *.spec.ts

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^#libs/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,int-spec,e2e-spec,browser-spec}.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  testTimeout: 120000, // spawned CLI and worker processes are slow on a loaded 2-core machine
  maxWorkers: 2,
};
