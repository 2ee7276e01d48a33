import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireJava } from './kafka';

describe('requireJava', () => {
  it('says Java is missing and what to do, when it is not on PATH', () => {
    expect(() => requireJava({ PATH: '/nonexistent' })).toThrow(
      /\[kafka\] Java 17\+ is required to run Kafka, but `java` was not found on PATH.*KAFKA_BROKERS/,
    );
  });

  it('accepts the installed Java', () => {
    expect(() => requireJava(process.env)).not.toThrow();
  });
});

describe('the server.properties infra/local writes for its broker', () => {
  const lines = readFileSync(join(__dirname, 'kafka', 'server.properties'), 'utf8').split('\n');

  it("stamps records with the broker's append time unless a topic says otherwise", () => {
    expect(lines).toContain('log.message.timestamp.type=LogAppendTime');
  });
});
