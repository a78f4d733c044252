// The house rules, enforced rather than written down: type-aware TypeScript rules, React hooks,
// and the layer order of docs/ARCHITECTURE.md as boundary rules (a wrong-way import fails CI).
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layers from the top down. A module may import its own layer's files and any layer with a
 * lower rank; never a higher one, and never a sibling of the same rank (siblings share through a
 * lower layer). docs/ARCHITECTURE.md explains each row.
 */
export const LAYERS = [
  { type: 'main', rank: 15, pattern: 'src/main' },
  { type: 'commands', rank: 14, pattern: 'commands' },
  { type: 'cli', rank: 13, pattern: 'src/cli' },
  { type: 'tui', rank: 12, pattern: 'src/tui' },
  { type: 'daemon', rank: 12, pattern: 'src/daemon' },
  { type: 'server', rank: 12, pattern: 'src/server' },
  { type: 'slack', rank: 12, pattern: 'src/slack' },
  { type: 'services', rank: 11, pattern: 'src/services' },
  { type: 'generate', rank: 10, pattern: 'src/generate' },
  { type: 'publish', rank: 10, pattern: 'src/publish' },
  { type: 'approval', rank: 10, pattern: 'src/approval' },
  { type: 'report', rank: 10, pattern: 'src/report' },
  { type: 'review', rank: 9, pattern: 'src/review' },
  { type: 'optimize', rank: 9, pattern: 'src/optimize' },
  { type: 'sync', rank: 9, pattern: 'src/sync' },
  { type: 'notify', rank: 9, pattern: 'src/notify' },
  { type: 'content', rank: 8, pattern: 'src/content' },
  { type: 'images', rank: 8, pattern: 'src/images' },
  { type: 'providers', rank: 7, pattern: 'src/providers' },
  { type: 'platforms', rank: 7, pattern: 'src/platforms' },
  { type: 'jobs', rank: 6, pattern: 'src/jobs' },
  { type: 'deps', rank: 5, pattern: 'src/deps' },
  { type: 'prompts', rank: 5, pattern: 'src/prompts' },
  { type: 'measure', rank: 5, pattern: 'src/measure' },
  { type: 'present', rank: 5, pattern: 'src/present' },
  { type: 'config', rank: 4, pattern: 'src/config' },
  { type: 'store', rank: 4, pattern: 'src/store' },
  { type: 'db', rank: 3, pattern: 'db' },
  { type: 'domain', rank: 2, pattern: 'src/domain' },
  { type: 'errors', rank: 1, pattern: 'src/errors' },
  { type: 'i18n', rank: 0, pattern: 'src/i18n' },
];

const layerPolicies = LAYERS.map((layer) => ({
  from: { element: { type: layer.type } },
  allow: {
    to: {
      element: {
        types: { anyOf: [layer.type, ...LAYERS.filter((other) => other.rank < layer.rank).map((o) => o.type)] },
      },
    },
  },
}));

/** SQL belongs to the repositories (src/store) and the migrations (db/). */
const SQL_CALLS = 'selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom';
const noSqlOutsideStore = [
  {
    selector: `CallExpression[callee.property.name=/^(${SQL_CALLS})$/]`,
    message:
      'SQL is written only in src/store (repositories) and db/ (migrations): add or reuse a repository function.',
  },
  {
    selector: "TaggedTemplateExpression[tag.name='sql']",
    message:
      'SQL is written only in src/store (repositories) and db/ (migrations): add or reuse a repository function.',
  },
  {
    selector: "CallExpression[callee.property.name='prepare'][arguments.0.type=/Literal|TemplateLiteral/]",
    message:
      'SQL is written only in src/store (repositories) and db/ (migrations): add or reuse a repository function.',
  },
];

/** Snake_case rows and the Kysely table types belong to src/store (and db/) only. */
const rowImports = [
  {
    group: ['**/store/*'],
    importNamePattern: '^[A-Z]\\w*Row$',
    message: 'Rows stay in src/store: use the domain object the repository returns (src/domain).',
  },
  {
    group: ['**/db/schema.js', 'kysely'],
    message: 'Only src/store and db/ speak SQL and see the table types; call a repository.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'bench/results/**',
      'bench/.fakes/**',
      'docs/**',
      '.scratch/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Implementations of Promise-returning interfaces are async without awaiting, so a throw
      // still becomes a rejection.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: false, allowNever: true },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Named exports only (they keep one name per thing across the code base).',
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'commands/**/*.ts', 'db/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true, project: './tsconfig.json' } },
      'boundaries/elements': LAYERS.map(({ type, pattern }) => ({ type, pattern, partialMatch: false })),
      'boundaries/include': ['src/**/*', 'commands/**/*', 'db/**/*'],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: layerPolicies }],
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    // Rows stay in the store: every other layer sees the camelCase domain objects the
    // repositories return (src/domain), so a column rename touches src/store and db only.
    files: ['src/**/*.{ts,tsx}', 'commands/**/*.ts'],
    ignores: ['src/store/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rowImports }] },
  },
  {
    // Tests may set up SQL themselves, but read what the repositories return, not rows.
    files: ['test/**/*.{ts,tsx}'],
    ignores: ['test/store/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rowImports.slice(0, 1) }] },
  },
  {
    // Everything but the store and the migrations.
    files: ['src/**/*.{ts,tsx}', 'commands/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        ...noSqlOutsideStore,
      ],
    },
  },
  {
    // Ink and React load only with the studio: a plain command must not pay for them. The
    // studio's own handler is itself loaded on demand.
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts', 'commands/**/*.ts', 'src/services/**/*.ts', 'src/daemon/**/*.ts'],
    ignores: ['src/cli/handlers/review-tui-handler.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'ink',
              message: 'Import Ink lazily (await import) from the studio handler.',
              allowTypeImports: true,
            },
            { name: 'react', message: 'Import React lazily with the studio.', allowTypeImports: true },
          ],
          patterns: [
            ...rowImports,
            {
              group: ['**/tui/*', '!**/tui/actions.js'],
              message: 'The studio is imported lazily (await import) so plain commands start fast.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/tui/**/*.tsx', 'src/tui/**/*.ts', 'test/tui/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Tests and benches: the same type rules, with the latitude a test needs.
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Tests match terminal escapes and print whatever a failing value is.
      'no-control-regex': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  {
    // Config files a tool reads by its default export.
    files: ['eslint.config.js', 'vitest.config.ts', 'rolldown.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  prettier,
);
