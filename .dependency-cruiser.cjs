/**
 * The layers, checked by `npm test` (test/architecture.test.ts) and `npm run deps:check`:
 * - src/domain is pure: no framework, no I/O, nothing of src/ outside it;
 * - src/engine (what features run on) knows no feature;
 * - a feature uses another feature only through its services (*.service.ts), never its internals, nor the
 *   composition in src/app that wires them;
 * - nothing but bin/ (and the tests) uses the CLI (bin/, src/cli/);
 * - migrations are frozen history: they import nothing from src/ (their database functions are copies).
 */
const FEATURES = '(organizations|letters|resources|documents|egrul|postal-index|users|history|dashboard|demo)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds pure rules: no framework, no database, no other part of src/',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^(node:)?(crypto)$'] },
    },
    {
      name: 'engine-knows-no-feature',
      comment: 'src/engine is what features run on: it imports none of them (nor the composition in src/app)',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: [`^src/${FEATURES}/`, '^src/app/'] },
    },
    {
      name: 'feature-internals',
      comment: "a feature uses another only through that feature's services (*.service.ts)",
      severity: 'error',
      from: { path: `^src/${FEATURES}/` },
      to: { path: `^src/${FEATURES}/`, pathNot: ['^src/$1/', '\\.service\\.ts$'] },
    },
    {
      name: 'features-know-no-composition',
      comment: 'src/app composes the features; a feature is handed what it needs, it never reaches into the composition',
      severity: 'error',
      from: { path: [`^src/${FEATURES}/`, '^src/domain/'] },
      to: { path: '^src/app/' },
    },
    {
      name: 'nothing-imports-the-cli',
      comment: 'the CLI (bin/, src/cli/) is a way in, not a library: only bin/ and the tests use it',
      severity: 'error',
      from: { pathNot: ['^bin/', '^test/', '^src/cli/'] },
      to: { path: ['^bin/', '^src/cli/'] },
    },
    {
      name: 'migrations-are-frozen',
      comment: 'a migration holds its own copy of what it creates: nothing from src/ (which changes later)',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^src/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/', '^\\.adminjs/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.d.ts'] },
  },
};
