// Lint: the pure core (lib/domain, lib/strategy, lib/risk) imports nothing from outer layers, and the core
// plus the use cases read no wall clock and no unseeded randomness (see ../shared/DESIGN.md "Layers").
import tseslint from 'typescript-eslint';

const OUTER_LAYERS = [
  { group: ['**/adapters/**', '**/adapters'], message: 'The pure core may not import adapters (arrows only point down).' },
  { group: ['**/app/**', '**/app'], message: 'The pure core may not import use cases.' },
  { group: ['**/platform/**', '**/compose/**', '**/scheduler/**', '**/packages/**'], message: 'The pure core may not import platform or composition code.' },
  { group: ['pg', '@upstash/*', '@alpacahq/*', '@electric-sql/*', 'node:*', 'fs', 'net', 'http', 'https'], message: 'The pure core does no I/O.' },
];

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
    ignores: ['**/*.test.ts'],
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
);
