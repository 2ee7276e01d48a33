import { Client, Connection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaClientSecurityFromEnv } from '@sanshe/config';
import { stopApp } from '@sanshe/infra';
import { GovernanceFleet } from './governance';
import { ProducerProcess } from './producer';
import type { ChaosServers } from './servers';
import { TcpProxy } from './tcp-proxy';

export interface RunOptions {
  short: boolean;
  breakPlan?: 'lost' | 'duplicate';
}

/**
 * Governance's consumer session timeout: kafkajs's default, or shorter with --short (ScenarioContext). Every
 * restart after a SIGKILL waits for the killed member's session. Tried in issue 15: 8 s made restarts ~2 s
 * shorter but zombie-consumer's takeover took 22 s instead of 12 s (twice); the broker's 6 s minimum is as
 * long as two heartbeats during a batch can be apart (InboxKafkaServer's timer, kafkajs's 3 s interval).
 */
export const sessionTimeoutMs = ({ short }: RunOptions) => (short ? 10_000 : 30_000);

/** Teardown steps of what is running now, for SIGINT and failures (the runner calls them). */
export const activeTeardown: (() => Promise<void>)[] = [];

/** What every scenario of a run shares: the servers, clients on them, and the prebuilt workflow bundle. */
export interface Harness {
  servers: ChaosServers;
  temporal: Client;
  kafka: Kafka;
  /** The prebuilt workflow bundle every governance instance loads (GOVERNANCE_WORKFLOW_BUNDLE). */
  workflowBundle: string;
}

export async function connectHarness(servers: ChaosServers, workflowBundle: string): Promise<Harness> {
  const temporal = new Client({
    connection: await Connection.connect({ address: servers.env.TEMPORAL_ADDRESS }),
    namespace: servers.env.TEMPORAL_NAMESPACE,
  });
  const kafka = new Kafka({
    clientId: 'chaos-runner',
    brokers: [servers.env.KAFKA_BROKERS],
    logLevel: logLevel.NOTHING,
    ...kafkaClientSecurityFromEnv(servers.clientEnv()),
  });
  return { servers, temporal, kafka, workflowBundle };
}

/**
 * The system under test a scenario runs against: the PostgreSQL proxy, the governance fleet behind it and
 * the producer. The full run builds one per scenario; --short builds one per run and, between scenarios,
 * replaces only the fleet when it must (`prepare`), since starting governance and the producer is most of
 * a short scenario's fixed cost.
 */
export class Rig {
  /** Whether the last `prepare` kept the previous scenario's governance instance. */
  fleetReused = false;

  private constructor(
    readonly proxy: TcpProxy,
    private readonly fleetEnv: () => NodeJS.ProcessEnv,
    public fleet: GovernanceFleet,
    readonly producer: ProducerProcess,
  ) {}

  static async start({ servers, workflowBundle }: Harness, options: RunOptions): Promise<Rig> {
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(servers.env.DATABASE_URL).port));
    const proxied = new URL(servers.env.DATABASE_URL);
    proxied.port = String(await proxy.listen());
    const fleetEnv = () => ({
      ...process.env,
      ...servers.clientEnv(),
      DATABASE_URL: proxied.toString(),
      GOVERNANCE_WORKFLOW_BUNDLE: workflowBundle,
      KAFKA_SESSION_TIMEOUT_MS: String(sessionTimeoutMs(options)),
    });
    const fleet = new GovernanceFleet(fleetEnv);
    const producing = ProducerProcess.start({ ...process.env, ...servers.clientEnv() });
    const started = await Promise.allSettled([fleet.start(), producing]);
    const stopPartial = async () => {
      await producing.then((p) => p.stop()).catch(() => undefined);
      await fleet.stopAll();
      await proxy.close();
    };
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      await stopPartial();
      throw failure.reason;
    }
    const rig = new Rig(proxy, fleetEnv, fleet, await producing);
    activeTeardown.push(rig.stop);
    return rig;
  }

  /**
   * Ready for the next scenario on a reused rig: the proxy passes everything again, and a scenario starts
   * on one running instance, the newest one kept (others stopped, as an operator scales down) unless `fresh`
   * asks for new instances (a scenario that counts its instance's group joins, or one after a failure).
   */
  async prepare(fresh: boolean): Promise<void> {
    this.proxy.tap = undefined;
    this.proxy.setDelay(0);
    this.proxy.refuseNew(false);
    const running = this.fleet.running();
    this.fleetReused = !fresh && running.length > 0;
    if (this.fleetReused) {
      await Promise.all(running.slice(0, -1).map((app) => stopApp(app, 15_000)));
      return;
    }
    await this.fleet.stopAll();
    this.fleet = new GovernanceFleet(this.fleetEnv);
    await this.fleet.start();
  }

  readonly stop = async (): Promise<void> => {
    const index = activeTeardown.indexOf(this.stop);
    if (index >= 0) activeTeardown.splice(index, 1);
    await Promise.all([this.producer.stop(), this.fleet.stopAll()]);
    await this.proxy.close();
  };
}

/**
 * The rigs of a run: a new one per scenario (the full run), or one shared by every scenario (--short),
 * whose governance instances are replaced after a scenario failed.
 */
export class Rigs {
  private shared?: Rig;
  private freshNext = false;

  constructor(
    private readonly harness: Harness,
    private readonly options: RunOptions,
  ) {}

  /** `freshGovernance`: the scenario wants governance instances of its own even on a shared rig. */
  async acquire(freshGovernance = false): Promise<Rig> {
    if (!this.options.short) return Rig.start(this.harness, this.options);
    if (!this.shared) this.shared = await Rig.start(this.harness, this.options);
    else await this.shared.prepare(freshGovernance || this.freshNext);
    this.freshNext = false;
    return this.shared;
  }

  /** After a scenario: the full run stops its rig; a shared one is kept, with new instances next if it failed. */
  async release(rig: Rig, failed: boolean): Promise<void> {
    if (rig !== this.shared) return rig.stop();
    if (failed) this.freshNext = true;
  }

  async close(): Promise<void> {
    await this.shared?.stop();
    this.shared = undefined;
  }
}
