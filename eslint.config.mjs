// Lint: type-aware TypeScript rules, Prettier for format, and Nx module boundaries on two axes.
// type: app → platform, contracts, workflow, testing (tests only); platform → platform, contracts, testing (tests only);
// workflow → contracts; contracts → contracts; common (pure helpers) → nothing, and everyone may use it;
// bench → platform, contracts, workflow, tooling (infra), never testing; chaos → the same and testing;
// tool (apps/portal-sim, a portal on the command line) → platform, contracts, common: the wire, never a service's code;
// scope: a context's code imports its own scope or shared.
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'net', 'http', 'https', 'child_process', 'crypto', 'os'];
const noTestHelpers = { name: '@sanshe/testing', message: 'Test helpers are for tests only.' };
const noServiceTestHelpers = { name: '@sanshe/service-testing', message: 'Test helpers are for tests only.' };
const noIoInContracts = [
  'node:*',
  'fs',
  'net',
  'http',
  'https',
  'child_process',
  'pg',
  'typeorm',
  'kafkajs',
  '@nestjs/*',
  '@temporalio/*',
];

export default tseslint.config(
  { ignores: ['**/node_modules', '**/dist', '**/coverage', '**/.nx', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unsafe-function-type': 'off', // TypeORM's entity and migration lists are typed as Function
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:platform',
                'type:contracts',
                'type:workflow',
                'type:testing',
                'type:common',
              ],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:platform',
                'type:contracts',
                'type:workflow',
                'type:testing',
                'type:tooling',
                'type:common',
              ],
            },
            {
              sourceTag: 'type:tooling',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:testing', 'type:app', 'type:common'],
            },
            // The benchmarks measure the product through its public entries: never test code or test helpers.
            {
              sourceTag: 'type:bench',
              onlyDependOnLibsWithTags: [
                'type:platform',
                'type:contracts',
                'type:workflow',
                'type:tooling',
                'type:common',
              ],
            },
            // The chaos suite drives the product as processes on servers of its own, with the test helpers.
            {
              sourceTag: 'type:chaos',
              onlyDependOnLibsWithTags: [
                'type:platform',
                'type:contracts',
                'type:workflow',
                'type:tooling',
                'type:testing',
                'type:common',
              ],
            },
            // portal-sim is a portal: it reaches Sanshe by Kafka and HTTP only, with the contracts and the shared config.
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:common'] },
            {
              // testing → testing: service-testing builds on testing's helpers (never the other way: a cycle).
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [
                'type:platform',
                'type:contracts',
                'type:workflow',
                'type:testing',
                'type:common',
              ],
            },
            // platform → testing is for the libraries' own tests; production code may not import it (rule below).
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:testing', 'type:common'],
            },
            // workflow → testing is for its tests (time-skipping server); production code may not import it.
            { sourceTag: 'type:workflow', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:common'] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:common'],
              bannedExternalImports: noIoInContracts,
            },
            { sourceTag: 'type:common', onlyDependOnLibsWithTags: [], bannedExternalImports: noIoInContracts },
            { sourceTag: 'scope:community', onlyDependOnLibsWithTags: ['scope:community', 'scope:shared'] },
            { sourceTag: 'scope:organization', onlyDependOnLibsWithTags: ['scope:organization', 'scope:shared'] },
            { sourceTag: 'scope:talent', onlyDependOnLibsWithTags: ['scope:talent', 'scope:shared'] },
            { sourceTag: 'scope:funding', onlyDependOnLibsWithTags: ['scope:funding', 'scope:shared'] },
            { sourceTag: 'scope:governance', onlyDependOnLibsWithTags: ['scope:governance', 'scope:shared'] },
            { sourceTag: 'scope:portal-sim', onlyDependOnLibsWithTags: ['scope:portal-sim', 'scope:shared'] },
            { sourceTag: 'scope:demo', onlyDependOnLibsWithTags: ['scope:demo', 'scope:shared'] },
            { sourceTag: 'scope:public-web', onlyDependOnLibsWithTags: ['scope:public-web', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  // no-restricted-imports: in flat config the last matching block wins for a rule, so each block
  // below repeats the general ban on test helpers together with its own bans.
  {
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts', 'libs/testing/**', 'libs/service-testing/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noTestHelpers, noServiceTestHelpers] }] },
  },
  {
    // A feature (apps/<context>/src/<feature>/) may use another feature's module and domain/ ports, never
    // its adapters: a relative path that leaves the feature and enters another's infrastructure/ or interface/.
    files: ['apps/*/src/*/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noTestHelpers, noServiceTestHelpers],
          patterns: [
            {
              regex: '^(\\.\\.?/)+(?!\\.)[^/]+/(infrastructure|interface)(/|$)',
              message:
                "Import another feature's module or domain/, not its infrastructure/ or interface/ " +
                '(docs/architecture.md, "Code layout").',
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O.
    files: ['libs/workflows/src/**/*.ts', 'infra/smoke/workflows.ts'],
    // index.ts and client/ are the Node-side entry and its helpers: they never run in the sandbox.
    ignores: ['libs/workflows/src/index.ts', 'libs/workflows/src/client/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noTestHelpers],
          patterns: [
            {
              group: [
                ...nodeBuiltins,
                'pg',
                'typeorm',
                'kafkajs',
                '@nestjs/*',
                '@temporalio/worker',
                '@temporalio/client',
              ],
              message: 'Workflow code must stay deterministic: only @temporalio/workflow, contracts and pure code.',
            },
          ],
        },
      ],
    },
  },
  {
    // Contracts are plain data and pure functions: nothing with I/O (Nx's bannedExternalImports covers packages).
    files: ['libs/contracts/src/**/*.ts', 'libs/common/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noTestHelpers],
          patterns: [
            { group: nodeBuiltins, message: 'libs/contracts holds no I/O: keep it plain data and pure functions.' },
          ],
        },
      ],
    },
  },
  prettier,
);
