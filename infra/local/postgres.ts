import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { SERVICE_NAMES, SERVICES, TEST_ISOLATION } from '@sanshe/config';
import { hasCommand, run } from './commands';
import { InfraError } from './errors';
import { dataDir, INFRA, isRoot, logFile } from './paths';
import { assertPortFree, recordPid, runningPid, stopPid, waitUntilReady } from './processes';
import type { LocalServer, ServerStatus, UpResult } from './server';

const NAME = 'postgres';
const PG_MAJOR = 15;
const { host, port, user, password, database } = INFRA.postgres;
const root = dataDir(NAME);
const pgData = join(root, 'data');
const socketDir = join(root, 'run');

/** Debian's PostgreSQL binaries (installed with apt-get when missing). */
function binDir(): string | undefined {
  const preferred = `/usr/lib/postgresql/${PG_MAJOR}/bin`;
  if (existsSync(join(preferred, 'postgres'))) return preferred;
  if (!existsSync('/usr/lib/postgresql')) return undefined;
  const newer = readdirSync('/usr/lib/postgresql')
    .map(Number)
    .filter((v) => v >= PG_MAJOR && existsSync(`/usr/lib/postgresql/${v}/bin/postgres`))
    .sort((a, b) => a - b);
  return newer.length ? `/usr/lib/postgresql/${newer[0]}/bin` : undefined;
}

/** As root, PostgreSQL must run as the `postgres` user; otherwise as the current user. */
function asServerUser(cmd: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function pg(bin: string, tool: string, args: string[]): string {
  const [cmd, fullArgs] = asServerUser(join(bin, tool), args);
  return run(NAME, cmd, fullArgs);
}

function ownedByServerUser(path: string): void {
  if (!isRoot) return;
  const uid = Number(run(NAME, 'id', ['-u', 'postgres']).trim());
  const gid = Number(run(NAME, 'id', ['-g', 'postgres']).trim());
  chownSync(path, uid, gid);
}

function postmasterPid(): number | undefined {
  const file = join(pgData, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  recordPid(NAME, Number(readFileSync(file, 'utf8').split('\n')[0]));
  return runningPid(NAME, pgData);
}

async function query(config: ConstructorParameters<typeof Client>[0], sql: string[]): Promise<void> {
  const client = new Client({ connectionTimeoutMillis: 3000, ...(config as object) });
  await client.connect();
  try {
    for (const statement of sql) await client.query(statement);
  } finally {
    await client.end();
  }
}

const superuser = (db = 'postgres') => ({ host: socketDir, port, user: 'postgres', database: db });

/** The developer's database and the test suite's, on the same server (docs/testing.md, "Tests keep to themselves"). */
const DATABASES = [database, TEST_ISOLATION.database];

/** The project's role, its databases and one schema per service in each; safe to repeat. */
async function provision(): Promise<void> {
  const admin = new Client(superuser());
  await admin.connect();
  try {
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
    if (role.rowCount === 0) await admin.query(`CREATE ROLE ${user} LOGIN PASSWORD '${password}' CREATEDB`);
    for (const name of DATABASES) {
      const db = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (db.rowCount === 0) await admin.query(`CREATE DATABASE ${name} OWNER ${user}`);
    }
  } finally {
    await admin.end();
  }
  for (const name of DATABASES) {
    await query(
      superuser(name),
      SERVICE_NAMES.map((service) => `CREATE SCHEMA IF NOT EXISTS ${SERVICES[service].schema} AUTHORIZATION ${user}`),
    );
  }
}

/** `pg_ctl stop -m immediate` on this state directory's cluster: a crash (no checkpoint), for the chaos suite. */
export function crashPostgres(): void {
  const bin = binDir();
  if (!bin || postmasterPid() === undefined) throw new InfraError(NAME, `no PostgreSQL of ours runs on ${pgData}`);
  pg(bin, 'pg_ctl', ['-D', pgData, '-m', 'immediate', '-w', '-t', '60', 'stop']);
}

export const probeDatabaseUrl = (url: string) => query({ connectionString: url }, ['SELECT 1']);

export function createPostgres(env: NodeJS.ProcessEnv): LocalServer {
  const externalUrl = env.DATABASE_URL;
  const localUrl = `postgres://${user}:${password}@${host}:${port}/${database}`;

  return {
    name: NAME,
    externalVar: 'DATABASE_URL',

    async install() {
      if (externalUrl || binDir()) return;
      if (!isRoot || !hasCommand('apt-get', ['--version'])) {
        throw new InfraError(
          NAME,
          `PostgreSQL ${PG_MAJOR} is not installed. Install Debian's postgresql-${PG_MAJOR} package, or set DATABASE_URL to a server you run.`,
        );
      }
      console.log(`[${NAME}] installing postgresql-${PG_MAJOR} with apt-get`);
      // Keep Debian from creating and starting its own cluster on our port.
      mkdirSync('/etc/postgresql-common', { recursive: true });
      const createCluster = '/etc/postgresql-common/createcluster.conf';
      if (!existsSync(createCluster)) writeFileSync(createCluster, 'create_main_cluster = false\n');
      const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      run(NAME, 'apt-get', ['update', '-q'], { env: aptEnv });
      run(NAME, 'apt-get', ['install', '-y', '-q', '-o', 'Dpkg::Options::=--force-confold', `postgresql-${PG_MAJOR}`], {
        env: aptEnv,
      });
    },

    async up(): Promise<UpResult> {
      if (externalUrl) {
        await waitUntilReady({ server: NAME, timeoutMs: 15_000, probe: () => probeDatabaseUrl(externalUrl) });
        return 'external';
      }
      await this.install();
      const bin = binDir();
      if (!bin) throw new InfraError(NAME, `PostgreSQL ${PG_MAJOR} binaries not found under /usr/lib/postgresql`);
      if (postmasterPid() === undefined) {
        await assertPortFree(NAME, host, port, 'DATABASE_URL');
        for (const dir of [root, socketDir]) {
          mkdirSync(dir, { recursive: true });
          ownedByServerUser(dir);
        }
        if (!existsSync(join(pgData, 'PG_VERSION'))) {
          pg(bin, 'initdb', [
            '-D',
            pgData,
            '-U',
            'postgres',
            '-E',
            'UTF8',
            '--no-locale',
            '--auth-local=trust',
            '--auth-host=scram-sha-256',
          ]);
        }
        const log = logFile(NAME);
        mkdirSync(join(log, '..'), { recursive: true });
        writeFileSync(log, '', { flag: 'a' });
        ownedByServerUser(log);
        const settings = [
          `-c listen_addresses=${host}`,
          `-c port=${port}`,
          `-c unix_socket_directories=${socketDir}`,
          '-c max_connections=200',
        ].join(' ');
        pg(bin, 'pg_ctl', ['-D', pgData, '-l', log, '-o', settings, '-w', '-t', '60', 'start']);
        await waitUntilReady({
          server: NAME,
          pid: postmasterPid(),
          timeoutMs: 30_000,
          probe: () => query(superuser(), ['SELECT 1']),
        });
        await provision();
        await waitUntilReady({ server: NAME, timeoutMs: 10_000, probe: () => probeDatabaseUrl(localUrl) });
        return 'started';
      }
      await provision();
      await waitUntilReady({ server: NAME, timeoutMs: 30_000, probe: () => probeDatabaseUrl(localUrl) });
      return 'already running';
    },

    async down() {
      if (externalUrl) return 'external';
      const pid = postmasterPid();
      const bin = binDir();
      if (pid === undefined || !bin) return 'not running';
      pg(bin, 'pg_ctl', ['-D', pgData, '-m', 'fast', '-w', '-t', '60', 'stop']);
      await stopPid(NAME, pid); // returns at once: pg_ctl already waited
      return 'stopped';
    },

    async status(): Promise<ServerStatus> {
      const url = externalUrl ?? localUrl;
      const endpoint = url.replace(/:[^:@/]*@/, ':***@');
      const ready = await probeDatabaseUrl(url).then(
        () => true,
        () => false,
      );
      if (externalUrl) return { name: NAME, endpoint, state: ready ? 'external, ready' : 'external, not answering' };
      const pid = postmasterPid();
      return {
        name: NAME,
        endpoint,
        pid,
        log: logFile(NAME),
        state: pid === undefined ? 'not running' : ready ? 'ready' : 'not answering',
        detail: `data: ${pgData}`,
      };
    },
  };
}
