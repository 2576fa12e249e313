// Lint: the pure core (lib/domain, lib/strategy, lib/risk) imports nothing from outer layers, and the core
// plus the use cases read no wall clock and no unseeded randomness (see ../shared/DESIGN.md "Layers").
import tseslint from 'typescript-eslint';

const OUTER_LAYERS = [
  { group: ['**/adapters/**', '**/adapters'], message: 'The pure core may not import adapters (arrows only point down).' },
  { group: ['**/app/**', '**/app'], message: 'The pure core may not import use cases.' },
  { group: ['**/platform/**', '**/compose/**', '**/scheduler/**', '**/packages/**'], message: 'The pure core may not import platform or composition code.' },
  { group: ['**/test-support/**', '**/*.test-support.ts', '**/test/support/**'], message: 'Only tests import test support.' },
  { group: ['pg', '@upstash/*', '@alpacahq/*', '@electric-sql/*', 'node:*', 'fs', 'net', 'http', 'https'], message: 'The pure core does no I/O.' },
];

const TEST_SUPPORT = { group: ['**/test-support/**', '**/*.test-support.ts', '**/test/support/**'], message: 'Only tests import test support.' };
const NO_UPWARD_FROM_ADAPTERS = [
  { group: ['**/app/**', '**/app'], message: 'Adapters may not import use cases (arrows only point down).' },
  { group: ['**/compose/**', '**/scheduler/**', '**/packages/**'], message: 'Adapters may not import composition or the runtime.' },
  TEST_SUPPORT,
];
const PORTS_ONLY_CORE = [
  { group: ['**/adapters/**', '**/app/**', '**/compose/**', '**/config/**', '**/platform/**', '**/scheduler/**', '**/packages/**'], message: 'Ports import only the pure core\'s types (domain, strategy, risk).' },
];
const CONFIG_NO_ADAPTERS = [
  { group: ['**/adapters/**', '**/app/**', '**/compose/**', '**/scheduler/**', '**/packages/**'], message: 'Config may not import adapters, use cases or composition.' },
  TEST_SUPPORT,
];
const NO_ENV = [{ object: 'process', property: 'env', message: 'Only lib/compose and the local runtime (scheduler/) read the environment; take values as arguments.' }];
const TESTS = ['**/*.test.ts', '**/*.test-support.ts', '**/test-support/**', 'test/**', 'bench/**'];

const NO_CLOCK = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the Clock port, not Date.now().' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the Clock port, not new Date().' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use a seeded random source, not Math.random().' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', '**/index.js', 'dist/**', 'dashboard/dist/**', '.data/**', 'test-artifacts/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-debugger': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['lib/domain/**/*.ts', 'lib/strategy/**/*.ts', 'lib/risk/**/*.ts'],
    ignores: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: OUTER_LAYERS }],
      'no-restricted-syntax': ['error', ...NO_CLOCK],
    },
  },
  {
    files: ['lib/app/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_CLOCK] },
  },
  {
    files: ['lib/ports/**/*.ts'],
    ignores: TESTS,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: PORTS_ONLY_CORE }] },
  },
  {
    files: ['lib/adapters/**/*.ts'],
    ignores: TESTS,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: NO_UPWARD_FROM_ADAPTERS }] },
  },
  {
    files: ['lib/config/**/*.ts'],
    ignores: TESTS,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: CONFIG_NO_ADAPTERS }] },
  },
  {
    files: ['lib/app/**/*.ts', 'lib/platform/**/*.ts', 'lib/shared/**/*.ts', 'lib/compose/**/*.ts', 'packages/**/*.ts', 'scheduler/**/*.ts', 'scripts/**/*.ts'],
    ignores: TESTS,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [TEST_SUPPORT] }] },
  },
  {
    files: ['**/*.ts'],
    ignores: [...TESTS, 'lib/compose/**', 'scheduler/**', 'scripts/**'],
    rules: { 'no-restricted-properties': ['error', ...NO_ENV] },
  },
);
