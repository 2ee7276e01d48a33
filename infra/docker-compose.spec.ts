import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { LOCAL_INFRA, LOCAL_KAFKA_BROKERS, SERVICE_NAMES, SERVICES } from '@sanshe/config';
import { SEARCH_ATTRIBUTES } from '@sanshe/contracts';
import { COMPOSE_KAFKA_INTERNAL, composeKafkaSetupScript } from './local/compose-kafka-setup';
import { KAFKA_VERSION } from './local/kafka';
import { loadAclFile } from './local/kafka-acls';
import { securedServerProperties } from './local/kafka-security';
import { TEMPORAL_CLI_VERSION } from './local/temporal';

/**
 * docker-compose.yml must be a valid Compose file and offer what infra/local starts, with the same settings.
 * No Docker engine is needed: the file is checked against the Compose Specification's JSON Schema and against
 * the sources infra/local itself reads. The kafka-cluster profile is infra/local's secured broker on three nodes.
 */
const repoRoot = join(__dirname, '..');
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

interface Service {
  image: string;
  profiles?: string[];
  entrypoint?: string[];
  volumes?: string[];
  command?: string[];
  environment?: Record<string, string | number | boolean | null>; // the map form, the one this file uses
  ports?: (string | number)[];
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service> };
const service = (name: string): Service => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};

const environment = (s: Service): Record<string, string> =>
  Object.fromEntries(Object.entries(s.environment ?? {}).map(([name, value]) => [name, String(value ?? '')]));

/** "host_ip:published:target" short syntax, the only one this file uses. */
function published(s: Service): { ip: string; host: number; container: number }[] {
  return (s.ports ?? []).map((port) => {
    const [ip, host, container] = String(port).split(':');
    if (container === undefined)
      throw new Error(`port "${port}" must name 127.0.0.1, the host port and the container port`);
    return { ip, host: Number(host), container: Number(container) };
  });
}

function expectPublished(name: string, ...ports: number[]): void {
  const actual = published(service(name));
  expect(actual.filter((p) => p.ip !== '127.0.0.1')).toEqual([]); // nothing open beyond this machine
  expect(actual.map((p) => `${p.host}:${p.container}`).sort()).toEqual(ports.map((p) => `${p}:${p}`).sort());
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification JSON Schema', () => {
    // dclint ships compose-spec's schema/compose-spec.json verbatim as schemas/compose.schema.json.
    const schemaPath = join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
    // Ajv's default draft is the schema's draft-07; its `$schema` spells the meta-schema URI differently.
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    // strictTypes only lints how a schema is written (upstream's union types); it does not change what validates.
    const validate = new Ajv({ allErrors: true, strictTypes: false }).compile(schema);
    if (!validate(compose)) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
      throw new Error(`docker-compose.yml breaks the Compose schema:\n${errors.join('\n')}`);
    }
  });

  const parseProperties = (text: string): Record<string, string> =>
    Object.fromEntries(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
  // The apache/kafka image's naming: prefix KAFKA_, "." -> "_", "_" -> "__", "-" -> "___", upper case.
  const envName = (key: string) =>
    'KAFKA_' + key.replace(/_/g, '__').replace(/-/g, '___').replace(/\./g, '_').toUpperCase();

  describe('kafka', () => {
    const properties = parseProperties(read('infra/local/kafka/server.properties'));
    // Keys whose values legitimately differ inside a container (the comment in docker-compose.yml says why).
    const CONTAINER_NETWORKING_KEYS = [
      'listeners', // PLAINTEXT must bind 0.0.0.0 for the published port to reach it
      'log.dirs', // the image's data volume instead of infra/local's state folder
    ];

    it('runs the Kafka version infra/local runs', () => {
      expect(service('kafka').image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    });

    it('sets every key of server.properties, and no other, through KAFKA_* variables', () => {
      const kafkaVars = Object.keys(environment(service('kafka'))).filter((k) => k.startsWith('KAFKA_'));
      expect(kafkaVars.sort()).toEqual(Object.keys(properties).map(envName).sort());
    });

    it('gives each key the value of server.properties, except for container networking', () => {
      const env = environment(service('kafka'));
      const same = Object.keys(properties).filter((key) => !CONTAINER_NETWORKING_KEYS.includes(key));
      expect(Object.fromEntries(same.map((key) => [envName(key), env[envName(key)]]))).toEqual(
        Object.fromEntries(same.map((key) => [envName(key), properties[key]])),
      );
    });

    it('publishes the broker port', () => {
      expectPublished('kafka', LOCAL_INFRA.kafka.port);
    });
  });

  describe('kafka-secure (profile secure)', () => {
    const { port } = LOCAL_INFRA.kafka;
    const ports = { port, controllerPort: port + 1, internalPort: port + 2 };
    const secured = parseProperties(securedServerProperties(read('infra/local/kafka/server.properties'), ports));
    const env = () => environment(service('kafka-secure'));
    // Container networking, as for kafka: the client and internal listeners bind 0.0.0.0, and the internal one is
    // advertised under the service's name (the setup container reaches it there); log.dirs is the volume.
    const CONTAINER_NETWORKING_KEYS = ['listeners', 'advertised.listeners', 'log.dirs'];

    it('is the secured variant infra/local runs: every key of securedServerProperties, with its value', () => {
      const kafkaVars = Object.keys(env()).filter((k) => k.startsWith('KAFKA_'));
      expect(kafkaVars.sort()).toEqual(Object.keys(secured).map(envName).sort());
      const same = Object.keys(secured).filter((key) => !CONTAINER_NETWORKING_KEYS.includes(key));
      expect(Object.fromEntries(same.map((key) => [key, env()[envName(key)]]))).toEqual(
        Object.fromEntries(same.map((key) => [key, secured[key]])),
      );
      expect(service('kafka-secure').image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    });

    it('binds the listeners of infra/local on their ports, and publishes only the SASL one', () => {
      const names = (list: string) => list.split(',').map((l) => l.replace(/\/\/.*:/, '//:'));
      expect(names(env().KAFKA_LISTENERS)).toEqual(names(secured.listeners));
      expect(env().KAFKA_ADVERTISED_LISTENERS.split(',')).toContain(`INTERNAL://${COMPOSE_KAFKA_INTERNAL}`);
      expectPublished('kafka-secure', port);
      expect(service('kafka-secure').profiles).toEqual(['secure']);
    });

    it('is provisioned by the script generated from kafka/acls.json, as committed', () => {
      const setup = service('kafka-secure-setup');
      expect(setup.profiles).toEqual(['secure']);
      expect(setup.volumes).toContain('./infra/compose/kafka-secure-setup.sh:/setup/kafka-secure-setup.sh:ro');
      expect(setup.entrypoint).toEqual(['/bin/sh', '/setup/kafka-secure-setup.sh']);
      // Regenerate: node -r @swc-node/register infra/local/compose-kafka-setup.ts > infra/compose/kafka-secure-setup.sh
      expect(read('infra/compose/kafka-secure-setup.sh')).toBe(composeKafkaSetupScript(loadAclFile()));
    });
  });

  describe('postgres', () => {
    const { port, user, password, database } = LOCAL_INFRA.postgres;
    const pgMajor = /const PG_MAJOR = (\d+);/.exec(read('infra/local/postgres.ts'))?.[1];

    it('runs the PostgreSQL major version infra/local installs', () => {
      expect(pgMajor).toBeDefined();
      const { image } = service('postgres');
      expect(image.slice(image.lastIndexOf(':') + 1).split(/[.-]/)[0]).toBe(pgMajor);
    });

    it('has the role, password and database of LOCAL_INFRA, on its port', () => {
      expect(environment(service('postgres'))).toMatchObject({
        POSTGRES_USER: user,
        POSTGRES_PASSWORD: password,
        POSTGRES_DB: database,
      });
      expectPublished('postgres', port);
    });

    it('creates one schema per service, owned by the role', () => {
      const sql = read('infra/compose/postgres-init.sql');
      const schemas = [...sql.matchAll(/CREATE SCHEMA IF NOT EXISTS (\w+) AUTHORIZATION (\w+);/g)];
      expect(schemas.map(([, schema]) => schema).sort()).toEqual(SERVICE_NAMES.map((s) => SERVICES[s].schema).sort());
      expect(new Set(schemas.map(([, , owner]) => owner))).toEqual(new Set([user]));
    });
  });

  describe('temporal', () => {
    const { port, uiPort, namespace } = LOCAL_INFRA.temporal;
    const command = service('temporal').command ?? [];
    const values = (flag: string) => command.flatMap((arg, i) => (arg === flag ? [command[i + 1]] : []));

    it('runs the Temporal CLI version infra/local runs', () => {
      expect(service('temporal').image).toBe(`temporalio/temporal:${TEMPORAL_CLI_VERSION}`);
      expect(command.slice(0, 2)).toEqual(['server', 'start-dev']);
    });

    it('serves the namespace and the UI on the ports of LOCAL_INFRA', () => {
      const flags = ['--ip', '--port', '--ui-port', '--namespace'];
      expect(flags.map((flag) => [flag, values(flag)])).toEqual(
        flags.map((flag, i) => [flag, [['0.0.0.0', String(port), String(uiPort), namespace][i]]]),
      );
      expectPublished('temporal', port, uiPort);
    });

    it('registers every search attribute of SEARCH_ATTRIBUTES', () => {
      const expected = Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => `${name}=${type}`);
      expect(values('--search-attribute').sort()).toEqual(expected.sort());
    });
  });

  /** Compose's `${NAME:-default}` interpolation, the only form the services' Kafka settings use. */
  const interpolate = (value: string, shell: Record<string, string>) =>
    value.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => shell[name] || fallback);
  const clusterEnv = (name: string) => environment(service(name));
  const brokers = Object.keys(compose.services).filter((name) => /^kafka-cluster-\d+$/.test(name));
  const clientAddress = (name: string) =>
    /SASL_PLAINTEXT:\/\/([^,]+)/.exec(clusterEnv(name).KAFKA_ADVERTISED_LISTENERS)?.[1];
  const clusterBrokers = () => brokers.map(clientAddress).join(',');

  /** What a cluster changes in a broker's settings; anything else is kafka-secure's (infra/local's) value. */
  const REPLICATION = {
    'default.replication.factor': '3',
    'min.insync.replicas': '2',
    'offsets.topic.replication.factor': '3',
    'transaction.state.log.replication.factor': '3',
    'transaction.state.log.min.isr': '2',
    'share.coordinator.state.topic.replication.factor': '3',
    'share.coordinator.state.topic.min.isr': '2',
  };
  // Container networking (listeners reached by the other nodes), the data volume, and the quorum: three static
  // voters instead of a standalone controller.
  const PER_NODE_KEYS = ['node.id', 'listeners', 'advertised.listeners', 'log.dirs'];
  const QUORUM = { removed: 'controller.quorum.bootstrap.servers', added: 'controller.quorum.voters' };

  describe('kafka-cluster (profile kafka-cluster): three brokers, RF 3, min ISR 2', () => {
    const { port } = LOCAL_INFRA.kafka;
    const secured = parseProperties(
      securedServerProperties(read('infra/local/kafka/server.properties'), {
        port,
        controllerPort: port + 1,
        internalPort: port + 2,
      }),
    );

    it('runs three brokers of the Kafka version infra/local runs, in the profile alone', () => {
      expect(brokers).toHaveLength(3);
      for (const name of brokers) {
        expect(compose.services[name].image).toBe(`apache/kafka:${KAFKA_VERSION}`);
        expect(compose.services[name].profiles).toEqual(['kafka-cluster']);
      }
      expect(new Set(brokers.map((name) => clusterEnv(name).KAFKA_NODE_ID))).toEqual(new Set(['1', '2', '3']));
      expect(new Set(brokers.map((name) => clusterEnv(name).CLUSTER_ID)).size).toBe(1);
    });

    it('replicates every topic three times and acknowledges a write once two replicas have it', () => {
      for (const name of brokers) {
        const actual = Object.fromEntries(Object.keys(REPLICATION).map((key) => [key, clusterEnv(name)[envName(key)]]));
        expect(actual).toEqual(REPLICATION);
      }
    });

    it("is secured as kafka-secure: every other key of infra/local's secured broker, with its value", () => {
      const expected = Object.keys(secured).filter(
        (key) => !PER_NODE_KEYS.includes(key) && !(key in REPLICATION) && key !== QUORUM.removed,
      );
      for (const name of brokers) {
        const kafkaVars = Object.keys(clusterEnv(name)).filter((k) => k.startsWith('KAFKA_'));
        const keys = [...expected, ...PER_NODE_KEYS, ...Object.keys(REPLICATION), QUORUM.added];
        expect(kafkaVars.sort()).toEqual([...new Set(keys)].map(envName).sort());
        expect(Object.fromEntries(expected.map((key) => [key, clusterEnv(name)[envName(key)]]))).toEqual(
          Object.fromEntries(expected.map((key) => [key, secured[key]])),
        );
      }
    });

    it('forms one quorum of the three, each voter at its own controller listener', () => {
      const voters = brokers.map((name) => `${clusterEnv(name).KAFKA_NODE_ID}@${name}:9093`).join(',');
      for (const name of brokers) {
        expect(clusterEnv(name).KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(voters);
        expect(clusterEnv(name).KAFKA_ADVERTISED_LISTENERS.split(',')).toEqual(
          expect.arrayContaining([`CONTROLLER://${name}:9093`, `INTERNAL://${name}:9094`]),
        );
      }
    });

    it('publishes only each SASL listener, on 127.0.0.1 at the port it advertises, one port per broker', () => {
      for (const name of brokers) {
        const address = clientAddress(name);
        const [host, clientPort] = (address ?? '').split(':');
        expect(host).toBe('127.0.0.1');
        expect(compose.services[name].ports).toEqual([`127.0.0.1:${clientPort}:${clientPort}`]);
        expect(clusterEnv(name).KAFKA_LISTENERS).toContain(`SASL_PLAINTEXT://0.0.0.0:${clientPort}`);
      }
      const ports = brokers.map((name) => clientAddress(name)?.split(':')[1]);
      expect(new Set([...ports, String(port)]).size).toBe(4); // beside kafka's port, not on it
    });

    it('is provisioned by the same generated script as kafka-secure, through all three brokers', () => {
      const setup = compose.services['kafka-cluster-setup'];
      const secureSetup = compose.services['kafka-secure-setup'];
      expect(setup.profiles).toEqual(['kafka-cluster']);
      expect(setup.entrypoint).toEqual(secureSetup.entrypoint);
      expect(setup.volumes).toEqual(secureSetup.volumes);
      expect(clusterEnv('kafka-cluster-setup').KAFKA_BOOTSTRAP).toBe(brokers.map((name) => `${name}:9094`).join(','));
      expect(setup.depends_on).toEqual(
        Object.fromEntries(brokers.map((name) => [name, { condition: 'service_healthy' }])),
      );
    });

    it("points every service of the services profile at the three brokers when KAFKA_BROKERS names them, else at kafka's", () => {
      const services = Object.entries(compose.services).filter(([, s]) => s.profiles?.includes('services'));
      expect(services.length).toBeGreaterThan(0);
      for (const [name] of services) {
        const configured = clusterEnv(name).KAFKA_BROKERS;
        expect(interpolate(configured, { KAFKA_BROKERS: clusterBrokers() }).split(',')).toHaveLength(3);
        expect(interpolate(configured, { KAFKA_BROKERS: clusterBrokers() })).toBe(clusterBrokers());
        expect(interpolate(configured, {})).toBe(LOCAL_KAFKA_BROKERS);
      }
    });

    it('is documented with the three addresses the brokers advertise', () => {
      const documented = `KAFKA_BROKERS=${clusterBrokers()}`;
      for (const file of ['docker-compose.yml', 'docs/operations.md']) {
        expect([file, read(file).match(/KAFKA_BROKERS=[\d.:,]+/g)]).toEqual([
          file,
          expect.arrayContaining([documented]),
        ]);
      }
    });
  });
});
