/**
 * `npm run dlq -- list|show|replay <consumer> [--id <event id> | --offset <n> | --all] [--dry-run]`:
 * inspects a consumer group's dead letters and re-publishes them to their original topic once the
 * cause is fixed (docs/operations.md). The logic is libs/messaging/src/dead-letters; this only wires
 * the environment (KAFKA_BROKERS, and KAFKA_SASL_* / KAFKA_SSL on a secured broker) and the exit code.
 */
import { Kafka, logLevel } from 'kafkajs';
import { errorMessage } from '@sanshe/common';
import { InvalidEnvironmentError, kafkaClientSecurity, parsePlatformEnv } from '@sanshe/config';
import { runDlqCommand } from '@sanshe/messaging';

const topicPrefix = () => parsePlatformEnv(process.env).KAFKA_TOPIC_PREFIX; // the consumers' own (docs/events.md)

runDlqCommand(process.argv.slice(2), {
  get topicPrefix() {
    return topicPrefix();
  },
  kafka: () => {
    const env = parsePlatformEnv(process.env);
    return new Kafka({
      clientId: 'sanshe-dlq',
      brokers: env.KAFKA_BROKERS,
      logLevel: logLevel.NOTHING,
      ...kafkaClientSecurity(env), // KAFKA_SASL_* / KAFKA_SSL: on a secured broker, as the `tools` user
    });
  },
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`dlq: ${errorMessage(err)}`);
    process.exit(err instanceof InvalidEnvironmentError ? 2 : 1);
  },
);
