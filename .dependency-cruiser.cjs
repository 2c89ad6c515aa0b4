// Boundaries of the monorepo, checked by `npm run boundaries` (part of `npm test`).
// The layers of the libs, lowest first. A lib may import only libs in lower layers, never one beside
// it or above it, and only through its index (`#libs/<name>`). The README's layout section lists
// the same order.
const LAYERS = [
  ['config', 'core'],
  ['database', 'web'],
  ['auth', 'jobs', 'documents'],
  ['facilities'],
  ['quality-model'],
  ['inspections'],
  ['reporting', 'surveys', 'notifications'],
  ['follow-up'],
  ['scoring'],
  ['demo'],
  ['testing'],
];

const libs = LAYERS.flat();
const layerOf = (lib) => LAYERS.findIndex((layer) => layer.includes(lib));
const notBelow = (lib) => libs.filter((other) => layerOf(other) >= layerOf(lib) && other !== lib);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...libs
      .filter((lib) => notBelow(lib).length)
      .map((lib) => ({
        name: `layer-${lib}`,
        comment: `${lib} may import only libs in lower layers (see LAYERS in .dependency-cruiser.cjs)`,
        severity: 'error',
        from: { path: `^libs/${lib}/` },
        to: { path: `^libs/(${notBelow(lib).join('|')})/` },
      })),
    {
      name: 'lib-through-index',
      comment:
        "a lib is imported only through its index ('#libs/<name>'); unit specs under test/ may import the module they test",
      severity: 'error',
      from: { path: '^(apps|libs|bench|migrations)/|^test/.*(int|e2e|browser)-spec[.]ts$', pathNot: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/(?!index[.]ts$)' },
    },
    {
      name: 'lib-internals-stay-inside',
      comment: "one lib reaches another only through that lib's index",
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/(?!index[.]ts$)', pathNot: '^libs/$1/' },
    },
    {
      name: 'lib-not-own-index',
      comment: "inside a lib, files import each other directly; the lib's own index would make a cycle",
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/' },
      to: { path: '^libs/$1/src/index[.]ts$' },
    },
    {
      name: 'resolvable',
      comment:
        'every import resolves (a typo in a path alias would hide a dependency from these rules); the Jest global setup imports the build, which may not exist yet',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '/dist/' },
    },
    {
      name: 'lib-not-app',
      comment: 'libs never import apps, tests or benchmarks',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|test|bench)/' },
    },
    {
      name: 'migrations-only-in-database',
      comment: 'the migrations are run by libs/database (and listed by the CLI and the migration tests)',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/database/' },
      to: { path: '^migrations/' },
    },
    {
      name: 'testing-only-in-tests',
      comment: 'libs/testing (test databases, browsers) is for tests and benchmarks only',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '^libs/testing/' },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular-libs',
      comment: 'no import cycles at run time (type-only imports vanish in the build)',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs'],
      mainFields: ['types', 'main'],
    },
  },
};
