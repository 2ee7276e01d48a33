import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The architecture rules are real only if breaking them fails lint. Each probe is a file that breaks
 * one rule; ESLint runs on them with the project's own config (after Nx has computed the project
 * graph, without which @nx/enforce-module-boundaries silently skips).
 */
const ROOT = resolve(__dirname, '..');

const probes = {
  'libs/contracts/src/lint-probe-io.ts': {
    code: "import { Kafka } from 'kafkajs';\nexport const probe = Kafka;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /kafkajs/,
  },
  'libs/contracts/src/lint-probe-node.ts': {
    code: "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
    rule: 'no-restricted-imports',
    message: /no I\/O/,
  },
  'libs/workflows/src/lint-probe-node.ts': {
    code: "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
    rule: 'no-restricted-imports',
    message: /deterministic/,
  },
  'libs/workflows/src/lint-probe-platform.ts': {
    code: "import { HealthRegistry } from '@sanshe/nest-platform';\nexport const probe = HealthRegistry;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /type:workflow.*type:contracts/s,
  },
  // Workflow tests may use @sanshe/testing (the time-skipping server); workflow code may not.
  'libs/workflows/src/lint-probe-testing.ts': {
    code: "import { eventually } from '@sanshe/testing';\nexport const probe = eventually;\n",
    rule: 'no-restricted-imports',
    message: /tests only/,
  },
  'libs/messaging/src/lint-probe-testing.ts': {
    code: "import { eventually } from '@sanshe/testing';\nexport const probe = eventually;\n",
    rule: 'no-restricted-imports',
    message: /tests only/,
  },
  // A feature may use another feature's domain/ port, never its infrastructure/ (or interface/).
  'apps/governance/src/decisions/lint-probe-feature.ts': {
    code:
      "import { PostgresPolicyRepository } from '../policies/infrastructure/postgres-policy.repository';\n" +
      'export const probe = PostgresPolicyRepository;\n',
    rule: 'no-restricted-imports',
    message: /another feature's module or domain/,
  },
  // The benchmarks use public entries only: no test helpers, no test fixtures by relative path.
  'bench/lint-probe-testing.ts': {
    code: "import { eventually } from '@sanshe/testing';\nexport const probe = eventually;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /type:bench/,
  },
  'bench/lint-probe-fixtures.ts': {
    code: "import { decisionInput } from '../libs/workflows/test/workflow/fixtures';\nexport const probe = decisionInput;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /relative or absolute path/,
  },
  // portal-sim is a portal: the wire (contracts, platform), never test helpers (or a service's code).
  'apps/portal-sim/src/lint-probe-testing.ts': {
    code: "import { eventually } from '@sanshe/testing';\nexport const probe = eventually;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /type:tool/,
  },
  'libs/persistence/src/lint-probe-app.ts': {
    code: "import { AppModule } from '../../../apps/community/src/app.module';\nexport const probe = AppModule;\n",
    rule: '@nx/enforce-module-boundaries',
    message: /./,
  },
} as const;

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

describe('architecture lint rules', () => {
  let results: LintResult[];

  beforeAll(() => {
    for (const [file, { code }] of Object.entries(probes)) {
      mkdirSync(dirname(join(ROOT, file)), { recursive: true });
      writeFileSync(join(ROOT, file), code);
    }
    try {
      const graph = spawnSync('npx', ['nx', 'show', 'projects'], { cwd: ROOT, encoding: 'utf8' });
      expect(graph.status).toBe(0);
      const lint = spawnSync('npx', ['eslint', '--format', 'json', ...Object.keys(probes)], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      results = JSON.parse(lint.stdout) as LintResult[];
    } finally {
      for (const file of Object.keys(probes)) rmSync(join(ROOT, file), { force: true });
    }
  }, 120_000);

  it.each(Object.entries(probes))('%s fails lint', (file, { rule, message }) => {
    const result = results.find((r) => r.filePath === join(ROOT, file));
    const violations = result?.messages.filter((m) => m.ruleId === rule) ?? [];
    expect(violations.map((v) => v.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });
});
