import { kafkaConsumerTransport } from './inbox/consumer-transport';
import { asEndpoint, kafkaClientConfig } from './kafka-client';

const sasl = { mechanism: 'scram-sha-512', username: 'talent', password: 'pw' } as const;

describe('kafkaClientConfig', () => {
  it('adds the login and TLS to the client options, and nothing when there is none (PLAINTEXT)', () => {
    expect(kafkaClientConfig({ brokers: ['b:1'], security: { sasl, ssl: true } }, { clientId: 'x' })).toEqual({
      clientId: 'x',
      brokers: ['b:1'],
      sasl,
      ssl: true,
    });
    expect(kafkaClientConfig(asEndpoint(['b:1']), { clientId: 'x' })).toEqual({ clientId: 'x', brokers: ['b:1'] });
  });

  it("reaches the inbox consumer's client (Nest builds its kafkajs client from it)", () => {
    const transport = kafkaConsumerTransport({ brokers: ['b:1'], security: { sasl }, clientId: 'c', groupId: 'g' });
    const strategy = transport as unknown as { strategy: { options: { client: unknown } } };
    // The login, and the log creator that routes kafkajs' lines into the app's logger.
    expect(strategy.strategy.options.client).toEqual({
      clientId: 'c',
      brokers: ['b:1'],
      sasl,
      logCreator: expect.any(Function),
    });
  });
});
