import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureDevKeyPair } from '@sanshe/auth';
import { sleep } from '@sanshe/common';
import {
  ADMIN_USER,
  crashPostgres,
  dataDir,
  downAll,
  INFRA,
  kafkaPropertiesFile,
  kafkaSecurityMode,
  localKafkaLoginEnv,
  pidFile,
  runningPid,
  STATE_DIR,
  upAll,
} from '@sanshe/infra';

export const CHAOS_SERVERS = ['postgres', 'kafka', 'temporal'] as const;
export type ChaosServer = (typeof CHAOS_SERVERS)[number];

/** What infra/local records in each server's command line (see runningPid): our own process, not a reused pid. */
const MARKERS: Record<Exclude<ChaosServer, 'postgres'>, string> = {
  kafka: kafkaPropertiesFile(process.env),
  temporal: `${STATE_DIR}/temporal/temporal.db`,
};

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/**
 * The suite's own PostgreSQL, Kafka and Temporal dev server, started with infra/local in the suite's state
 * directory on shifted ports. Every fault targets a pid this suite started (read from its own pid files),
 * never a name pattern.
 */
export class ChaosServers {
  private readonly stopped = new Set<number>();

  /** Where apps and clients reach them (what the environment variables would say). */
  readonly env = {
    DATABASE_URL: `postgres://${INFRA.postgres.user}:${INFRA.postgres.password}@${INFRA.postgres.host}:${INFRA.postgres.port}/${INFRA.postgres.database}`,
    KAFKA_BROKERS: `${INFRA.kafka.host}:${INFRA.kafka.port}`,
    TEMPORAL_ADDRESS: `${INFRA.temporal.host}:${INFRA.temporal.port}`,
    TEMPORAL_NAMESPACE: INFRA.temporal.namespace,
  };

  readonly stateDir = STATE_DIR;

  /**
   * `env` with the login to the suite's broker, secured like the shared one: by default as its admin, a super user,
   * for the harness's clients and the producer (which stands in for four services); `tools` for an operator's tool. Each service the suite starts logs
   * in as its own user (startApp). Only once the servers have started: the broker's format creates the users.
   */
  clientEnv(user = ADMIN_USER): Record<string, string> {
    const secured = kafkaSecurityMode(process.env) === 'scram';
    return { ...this.env, ...(secured ? localKafkaLoginEnv(dataDir('kafka'), user) : {}) };
  }

  /**
   * A clean start: anything left from an earlier run is stopped and its data removed (deterministic ids).
   * `alongside` runs while the servers start (in the emptied state directory), `onPostgres` as soon as
   * PostgreSQL is up (migrations), while Kafka and Temporal are still starting.
   */
  async start(alongside: () => Promise<void>, onPostgres: () => Promise<void>): Promise<void> {
    await downAll({ names: [...CHAOS_SERVERS] });
    if (existsSync(STATE_DIR)) rmSync(STATE_DIR, { recursive: true, force: true });
    // The key pair now: each upAll below would create it, racing the other. Its folder is private, so the
    // state directory is made first, open to the postgres user as infra/local makes it.
    mkdirSync(STATE_DIR, { recursive: true });
    await ensureDevKeyPair(STATE_DIR);
    await Promise.all([
      upAll({ names: ['postgres'] }).then(onPostgres),
      upAll({ names: ['kafka', 'temporal'] }),
      alongside(),
    ]);
  }

  /** Resumes anything paused, then stops all three (SIGKILL after infra/local's grace). */
  async stop(): Promise<void> {
    for (const pid of this.stopped) this.signal(pid, 'SIGCONT');
    this.stopped.clear();
    await downAll({ names: [...CHAOS_SERVERS] });
  }

  pid(server: ChaosServer): number {
    const pid =
      server === 'postgres'
        ? Number(existsSync(pidFile('postgres')) ? readFileSync(pidFile('postgres'), 'utf8').trim() : NaN)
        : runningPid(server, MARKERS[server]);
    if (pid === undefined || !Number.isInteger(pid) || !isAlive(pid)) throw new Error(`chaos ${server} is not running`);
    return pid;
  }

  /** SIGKILL, and waits until the process is gone. */
  async kill(server: Exclude<ChaosServer, 'postgres'>): Promise<void> {
    const pid = this.pid(server);
    this.signal(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }

  /** SIGSTOP: the process keeps its sockets open but answers nothing. */
  pause(server: Exclude<ChaosServer, 'postgres'>): void {
    const pid = this.pid(server);
    this.signal(pid, 'SIGSTOP');
    this.stopped.add(pid);
  }

  resume(server: Exclude<ChaosServer, 'postgres'>): void {
    const pid = this.pid(server);
    this.signal(pid, 'SIGCONT');
    this.stopped.delete(pid);
  }

  /**
   * Waits until a resumed server serves again, as `restart` does (Kafka: every partition has a leader).
   * A broker just resumed may still have leaderless partitions, and one anywhere fails a client's
   * metadata request for all topics (kafkajs's listTopics).
   */
  async serving(server: Exclude<ChaosServer, 'postgres'>): Promise<void> {
    await upAll({ names: [server], quiet: true });
  }

  /** `pg_ctl stop -m immediate` on the suite's own data directory. */
  crashPostgres(): void {
    crashPostgres();
  }

  /** Starts a server that a fault stopped, with its data; waits until it answers. */
  async restart(server: ChaosServer): Promise<void> {
    await upAll({ names: [server], quiet: true });
  }

  private signal(pid: number, signal: NodeJS.Signals): void {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}
