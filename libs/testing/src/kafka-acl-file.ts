import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One user's grants in the repository's declarative ACL file (infra/local/kafka/acls.json). */
export interface KafkaAclGrant {
  user: string;
  produce: string[];
  consume: string[];
  groups: string[];
}

const ACL_FILE = resolve(__dirname, '../../../infra/local/kafka/acls.json');

/** The grants of `user` in the ACL file the secured broker is provisioned from; throws when it has none. */
export function kafkaAclGrant(user: string): KafkaAclGrant {
  const file = JSON.parse(readFileSync(ACL_FILE, 'utf8')) as { principals: KafkaAclGrant[] };
  const grant = file.principals.find((principal) => principal.user === user);
  if (!grant) throw new Error(`infra/local/kafka/acls.json grants nothing to the user ${user}`);
  return grant;
}

/** Whether `granted` (literal topics, or prefixes ending in `*`) covers `topic`. */
export const aclCovers = (granted: readonly string[], topic: string) =>
  granted.some((entry) => (entry.endsWith('*') ? topic.startsWith(entry.slice(0, -1)) : entry === topic));

/**
 * What a service's code consumes against what the ACL file lets it read, both ways: every topic it subscribes to
 * is granted, and every grant (its own dead-letter topic aside, read to replay) is a topic it subscribes to.
 */
export function aclConsumeMismatches(user: string, consumed: readonly string[]): string[] {
  const { consume } = kafkaAclGrant(user);
  const ownDeadLetters = `sanshe.dlq.sanshe-${user}*`; // its groups' dead letters: any group beginning with its own
  const missing = consumed.filter((topic) => !aclCovers(consume, topic)).map((topic) => `not granted: ${topic}`);
  const unused = consume
    .filter((entry) => entry !== ownDeadLetters && !consumed.some((topic) => aclCovers([entry], topic)))
    .map((entry) => `granted, not consumed: ${entry}`);
  return [...missing, ...unused];
}
