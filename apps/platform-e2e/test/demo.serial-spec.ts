import { execFile, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { SERVICE_NAMES, type ServiceName } from '@sanshe/config';
import { contextTopic } from '@sanshe/contracts';
import { type AppProcess, startApp, stopApp, waitUntilHealthy } from '@sanshe/infra';
import { ensureTopics } from '@sanshe/messaging';
import {
  freePorts,
  parseTestEnv,
  startGroupAtTopicEnds,
  testConsumerGroup,
  testKafka,
  testPlatformEndpoint,
  testTopic,
  uniqueName,
} from '@sanshe/testing';

/**
 * The demo scenario of issue 18 (apps/demo, docs/demo.md) as an end-to-end test: the six services as the serial
 * pass runs them (built, SANSHE_APPS_FROM), each in a consumer group of this run's own starting at the topics'
 * ends, and the demo's own CLI in its --fast form against them (a child process, as `npm run demo` runs it).
 * Its summary, the JSON last line, must show every decision at the outcome the scenario intends, its checks
 * passed (the money half's: paid amounts against ledger:verify, the public page's tranches) and no dead letter.
 */
const ROOT = resolve(__dirname, '../../..');
const CONTEXTS = ['community', 'organization', 'talent', 'funding', 'governance'] as const;

interface DemoSummary {
  ok: boolean;
  failures: string[];
  seconds: number;
  decisions: { label: string; decisionId: string; intended: string; actual?: string; decidedBy?: string }[];
  escalations: { decisionId: string; arbiterId: string; ruling?: string }[];
  checks: { name: string; ok: boolean; detail: string }[];
  money: { programId: string; reservedFen: number; paidFen: number; tranchesPaid: number }[];
  deadLetters: { service: string; count: number }[];
}

/** Runs the demo's bin with `args`: its exit code and output (stdout is its progress, then the summary). */
function runDemoCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['apps/demo/bin/demo.js', ...args], { cwd: ROOT, env: process.env });
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, ...output }));
  });
}

describe('the demo scenario, end to end on the real servers', () => {
  const started = Date.now();
  const apps: AppProcess[] = [];
  const urls = {} as Record<ServiceName, string>;

  beforeAll(async () => {
    // Every service in a group of its own at the topics' ends: earlier suites' events are not the demo's.
    const kafka = testKafka('demo-e2e-setup');
    const topics = CONTEXTS.map((context) => contextTopic(context));
    await ensureTopics(testPlatformEndpoint(), topics);
    const groups = Object.fromEntries(SERVICE_NAMES.map((service) => [service, testConsumerGroup(service, 'demo')]));
    await Promise.all(
      SERVICE_NAMES.map((service) =>
        startGroupAtTopicEnds(
          kafka,
          groups[service]!,
          topics.map((topic) => testTopic(topic)),
        ),
      ),
    );
    const ports = await freePorts(SERVICE_NAMES.length);
    for (const [i, service] of SERVICE_NAMES.entries()) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        KAFKA_GROUP_ID: groups[service],
        KAFKA_FROM_BEGINNING: 'false',
        // Test-only: a program's notice is 1–15 working days; 0 lets the run reach its payments (docs/demo.md).
        ...(service === 'governance'
          ? { GOVERNANCE_TASK_QUEUE: uniqueName('demo'), GOVERNANCE_TEST_NOTICE_WORKING_DAYS: '0' }
          : {}),
        // The funding-gap warning comes from funding's sweeper (hourly by default): every second here.
        ...(service === 'funding' ? { FUNDING_PAYMENT_SETTLE_MS: '300', FUNDING_GAP_SWEEP_INTERVAL_MS: '1000' } : {}),
      };
      apps.push(startApp(service, ports[i]!, { env }));
      urls[service] = `http://127.0.0.1:${ports[i]}`;
    }
    // Six at once on a busy machine take longer than one: 150 s each rather than the default 90 s.
    await Promise.all(apps.map((app) => waitUntilHealthy(app, 150_000)));
    console.log(`demo e2e: six services healthy in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => stopApp(app, 10_000)));
    console.log(`demo e2e: ${((Date.now() - started) / 1000).toFixed(1)} s in all (budget 100 s on an idle machine)`);
  });

  it('reaches every intended outcome with no dead letter, and prints its progress and summary', async () => {
    const baseUrls = SERVICE_NAMES.flatMap((service) => ['--base-url', `${service}=${urls[service]}`]);
    const demoStarted = Date.now();
    const run = await runDemoCli(['--fast', '--json', ...baseUrls]);
    // Each stage's time (which dominate), then the summary table.
    const stageTimes = run.stdout.split('\n').filter((line) => / done in |failed: /.test(line));
    const took = ((Date.now() - demoStarted) / 1000).toFixed(1);
    console.log(`demo e2e: the scenario took ${took} s\n${stageTimes.join('\n')}\n${run.stdout.slice(-5000)}`);
    const lines = run.stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1] ?? '{}') as DemoSummary;
    expect(summary.failures).toEqual([]);
    expect({ code: run.code, ok: summary.ok, stderr: run.stderr }).toEqual({ code: 0, ok: true, stderr: '' });

    // The decision half: the four decisions of docs/demo.md, each at its intended outcome, by whom it intends.
    const reached = summary.decisions.map((d) => [d.intended, d.actual, d.decidedBy]);
    expect(reached).toEqual(
      expect.arrayContaining([
        ['approved', 'approved', 'votes'], // talent's objection, amended
        ['approved', 'approved', 'votes'], // the community outvoted
        ['goes-ahead', 'goes-ahead', 'notice (filed)'],
        ['approved', 'approved', 'arbiter'], // escalated to the street office
      ]),
    );
    for (const decision of summary.decisions) expect(decision.actual).toBe(decision.intended);
    expect(summary.escalations).toEqual([
      expect.objectContaining({
        arbiterId: expect.stringMatching(/^portal:street-9\d{5}-\d{3}$/),
        ruling: 'approved (arbiter)',
      }),
    ]);
    // Progress names each workflow with its Temporal UI link, in the test's namespace.
    const link = new RegExp(
      `Temporal UI: http://127\\.0\\.0\\.1:\\d+/namespaces/${process.env.TEMPORAL_NAMESPACE ?? 'sanshe'}/workflows/decision%2Factivity-proposal%2Fprop-`,
    );
    expect(run.stdout).toMatch(link);

    // The money half's checks (ledger:verify, the public page) and no dead letter in any service.
    for (const check of summary.checks) expect(check).toMatchObject({ ok: true });
    expect(summary.deadLetters.map((d) => d.service).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const deadLetters of summary.deadLetters)
      expect(deadLetters).toEqual({ service: deadLetters.service, count: 0 });
    await expectMoneyPaid(summary.money, urls['public-web']);
  }, 600_000);
});

/**
 * The money half, checked apart from the demo's own checks: `npm run ledger:verify` finds the ledger in order
 * (every stored balance is its journal's sum), and each program's grants' `grant/<id>/paid` accounts add up to
 * what the summary says it paid; public-web's page of each grant's community (a plain GET, no token) shows every
 * tranche funding settled as paid.
 */
async function expectMoneyPaid(money: DemoSummary['money'], publicWebUrl: string) {
  expect(money.length).toBe(2);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/funding/src/ledger/verify/verify-ledger.main.ts'],
    { cwd: ROOT, env: process.env, maxBuffer: 256 * 1024 * 1024 },
  );
  expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ ledgerVerify: 'ok', mismatches: [] });
  const db = new PgClient({ connectionString: parseTestEnv(process.env).DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{
      grant_id: string;
      program_id: string;
      community_code: string;
      paid: string;
      settled: number;
    }>(
      `SELECT g.grant_id, g.program_id, g.community_code, a.balance_fen::text AS paid,
              (SELECT count(*) FROM funding.payment p WHERE p.grant_id = g.grant_id AND p.status = 'settled')::int AS settled
         FROM funding."grant" g JOIN funding.ledger_account a ON a.account_id = 'grant/' || g.grant_id || '/paid'
        WHERE g.program_id = ANY($1)`,
      [money.map((m) => m.programId)],
    );
    for (const program of money) {
      const paid = rows.filter((r) => r.program_id === program.programId).reduce((sum, r) => sum + Number(r.paid), 0);
      expect({ programId: program.programId, paid }).toEqual({ programId: program.programId, paid: program.paidFen });
      expect(program.paidFen).toBeGreaterThan(0);
    }
    for (const grant of rows) {
      const page = await (await fetch(`${publicWebUrl}/communities/${grant.community_code}`)).text();
      const at = page.indexOf(`data-grant="${grant.grant_id}"`);
      const tranches = [...page.slice(at, page.indexOf('</article>', at)).matchAll(/data-paid="(true|false)"/g)];
      expect({ grant: grant.grant_id, shown: at >= 0, paid: tranches.map((t) => t[1]) }).toEqual({
        ...{ grant: grant.grant_id, shown: true },
        paid: Array.from({ length: grant.settled }, () => 'true'),
      });
    }
  } finally {
    await db.end();
  }
}
