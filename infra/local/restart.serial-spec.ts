import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import { ensureTopics, readToHighWaterMarks } from '@sanshe/messaging';
import { uniqueName } from '@sanshe/testing';
import { ADMIN_USER, localKafkaLogin } from './kafka-security';
import { RESTART_TEST_ENV, restartTestServers } from './restart-test-servers';

const { dataDir, infra: INFRA, pidFile, stateDir: STATE_DIR } = restartTestServers;

/**
 * infra/local's lifecycle, on servers of the test's own (restart-test-servers.ts: its own state directory
 * and ports, never the servers the other tests use): a SIGKILLed Kafka and Temporal are restarted by the
 * next `infra:up` with their data intact; `up` twice does nothing the second time; `down` leaves no
 * process behind. In the serial pass: starting three servers loads the CPU.
 */
const ROOT = resolve(__dirname, '../..');
const KAFKA_BROKERS = [`${INFRA.kafka.host}:${INFRA.kafka.port}`];
const TEMPORAL_ADDRESS = `${INFRA.temporal.host}:${INFRA.temporal.port}`;
const NAMESPACE = INFRA.temporal.namespace;

function infra(...args: string[]): string {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'infra/local/cli.ts', ...args], {
    cwd: ROOT,
    env: RESTART_TEST_ENV,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`infra ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

const SERVER_DIRS = ['postgres', 'kafka', 'temporal'].map((server) => `${dataDir(server)}/`);
const pidOf = (server: string) => Number(readFileSync(pidFile(server), 'utf8').trim());

/**
 * Live processes whose command line names one of this test's servers' folders in its state directory: ours.
 * (The shared servers and the chaos suite's live in other state directories: not these.)
 */
function processesUsingStateDir(): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (/^\d+ \(.*\) Z/.test(stat)) return []; // a zombie holds nothing
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return SERVER_DIRS.some((dir) => cmdline.includes(dir)) ? [`${pid}: ${cmdline}`] : [];
      } catch {
        return [];
      }
    });
}

describe('infra/local process lifecycle (on servers of its own)', () => {
  // Its broker is secured like the shared one: the client logs in as its admin, once `up` has made the users.
  let kafka: Kafka;

  beforeAll(() => {
    // Never the shared servers: this removes its state directory.
    expect({ stateDir: STATE_DIR, kafkaPort: INFRA.kafka.port }).toEqual({
      stateDir: expect.stringMatching(/\/restart-test$/),
      kafkaPort: 29_092,
    });
    infra('down'); // what an interrupted run left, then a clean start
    if (existsSync(STATE_DIR)) rmSync(STATE_DIR, { recursive: true, force: true });
    const output = infra('up');
    for (const server of ['postgres', 'kafka', 'temporal']) expect(output).toMatch(new RegExp(`${server}\\s+started`));
    const login = localKafkaLogin(dataDir('kafka'), ADMIN_USER);
    kafka = new Kafka({ clientId: 'restart-test', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING, ...login });
  }, 240_000);

  afterAll(() => {
    infra('down');
  }, 60_000);

  /** Every value on `topic`, read to its high-water marks (a duplicate would show); fails after 30 s rather than hang. */
  const readAll = async (topic: string) =>
    (await readToHighWaterMarks(kafka, topic, new Map(), { timeoutMs: 30_000 })).map((record) => record.value);

  it('restarts a SIGKILLed Kafka and Temporal with their data intact', async () => {
    const topic = uniqueName('durable');
    await ensureTopics({ brokers: KAFKA_BROKERS, security: localKafkaLogin(dataDir('kafka'), ADMIN_USER) }, [topic]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'written before the crash' }] });
    await producer.disconnect();

    let connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
    const workflowId = uniqueName('survivor');
    const started = await new Client({ connection, namespace: NAMESPACE }).workflow.start('noWorkerNeeded', {
      taskQueue: uniqueName('nobody-polls'),
      workflowId,
    });
    await connection.close();

    const killed = { kafka: pidOf('kafka'), temporal: pidOf('temporal') };
    process.kill(killed.kafka, 'SIGKILL');
    process.kill(killed.temporal, 'SIGKILL');

    const output = infra('up');
    expect(output).toMatch(/kafka\s+started/);
    expect(output).toMatch(/temporal\s+started/);
    expect(pidOf('kafka')).not.toBe(killed.kafka);

    expect(await readAll(topic)).toEqual(['written before the crash']);
    connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
    const description = await new Client({ connection, namespace: NAMESPACE }).workflow
      .getHandle(workflowId)
      .describe();
    await connection.close();
    expect({ runId: description.runId, status: description.status.name }).toEqual({
      runId: started.firstExecutionRunId,
      status: 'RUNNING',
    });
  }, 240_000);

  it('does nothing on a second up', () => {
    const pids = { kafka: pidOf('kafka'), temporal: pidOf('temporal'), postgres: pidOf('postgres') };
    const output = infra('up');
    expect(output).not.toMatch(/\bstarted\b/);
    expect(output.match(/already running/g)).toHaveLength(3);
    expect({ kafka: pidOf('kafka'), temporal: pidOf('temporal'), postgres: pidOf('postgres') }).toEqual(pids);
  });

  it('leaves no process behind on down, and comes back on up', () => {
    expect(processesUsingStateDir()).not.toEqual([]);
    expect(infra('down')).toMatch(/postgres\s+stopped[\s\S]*kafka\s+stopped[\s\S]*temporal\s+stopped/);
    expect(processesUsingStateDir()).toEqual([]);
    expect(infra('up')).toMatch(/kafka\s+started/);
  }, 240_000);
});
