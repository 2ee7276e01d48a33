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
