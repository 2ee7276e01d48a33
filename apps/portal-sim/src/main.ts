/**
 * `npx portal-sim --portal <portalId> listen | send <kind> … | inbox`: a government portal on the command line
 * (docs/portals.md). This file only wires the environment — KAFKA_BROKERS, KAFKA_TOPIC_PREFIX and the Kafka login (KAFKA_SASL_*,
 * KAFKA_SSL*) as every service reads them, SANSHE_TOKEN and GOVERNANCE_URL for the inbox — and the exit code.
 */
import { readFileSync } from 'node:fs';
import { InvalidEnvironmentError, kafkaClientSecurityFromEnv, parseEnv, platformEnvSchema } from '@sanshe/config';
import { errorMessage } from '@sanshe/common';
import { EXIT } from './cli/portal-sim-request';
import { runPortalSim } from './run-portal-sim';
import { KafkaPortalTransport } from './transport/kafka-portal-transport';

const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});

function transport(portalId: string) {
  const settings = platformEnvSchema.pick({ KAFKA_BROKERS: true, KAFKA_TOPIC_PREFIX: true });
  const { KAFKA_BROKERS, KAFKA_TOPIC_PREFIX } = parseEnv(settings, process.env);
  // On a secured broker a portal may join only the consumer groups named after its Kafka user.
  const groupPrefix = process.env.KAFKA_SASL_USERNAME || `portal-${portalId}`;
  const kafka = { brokers: KAFKA_BROKERS, ...kafkaClientSecurityFromEnv(process.env) };
  return new KafkaPortalTransport(kafka, groupPrefix, KAFKA_TOPIC_PREFIX); // the services' prefix (docs/events.md)
}

runPortalSim(process.argv.slice(2), process.env, {
  transport,
  fetch: (url, init) => fetch(url, init),
  readFile: (path) => readFileSync(path, 'utf8'),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  interrupted,
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`portal-sim: ${errorMessage(err)}`);
    process.exit(err instanceof InvalidEnvironmentError ? EXIT.usage : EXIT.failure);
  },
);
