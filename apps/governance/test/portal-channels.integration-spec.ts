import { Controller, Injectable, Module } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import type { TokenRequest } from '@sanshe/auth';
import { contextTopic, portalCommandsTopic, portalPaymentConfirmed, portalRepliesTopic } from '@sanshe/contracts';
import { ConsumeTopic, InboxService } from '@sanshe/messaging';
import { call, type ServiceFeaturesUnderTest, startServiceFeaturesUnderTest } from '@sanshe/service-testing';
import { eventually, testKafka, testTopic, uniqueName } from '@sanshe/testing';
import { migrations } from '../migrations';
import { GovernanceConfigModule } from '../src/config/governance-config.module';
import { loadGovernanceConfig } from '../src/config/governance-config';
import { PartiesModule } from '../src/parties/parties.module';
import { PortalsModule } from '../src/portals/portals.module';

/**
 * A portal registered while governance runs is heard without a restart, on the real PostgreSQL and Kafka: the
 * registry (POST /portals) opens its channels through KafkaPortalChannels — its commands and replies topics
 * created, the consumer taking the commands topic on (LiveTopics) — and a command written there reaches the
 * handler that reads the bridge's topics. The handler here only records what it hears: the bridge's own
 * handling of commands is the decisions' and portal commands' tests.
 */
const BRIDGE_TOPIC = contextTopic('organization');
const OPERATOR: TokenRequest = { sub: 'operator-on-duty', parties: [], roles: ['operator'] };

@Injectable()
class Heard {
  readonly events: { id: string; topic: string }[] = [];
}

@Controller()
class RecordingBridge {
  constructor(
    private readonly inbox: InboxService,
    private readonly heard: Heard,
  ) {}

  @ConsumeTopic(BRIDGE_TOPIC)
  onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
    return this.inbox.consume(context, {
      'sanshe.portal.payment.confirmed.v1': async (event, _manager, delivery) => {
        this.heard.events.push({ id: event.id, topic: delivery.topic });
      },
    });
  }
}

@Module({ controllers: [RecordingBridge], providers: [Heard], exports: [Heard] })
class RecordingBridgeModule {}

let svc: ServiceFeaturesUnderTest;

beforeAll(async () => {
  svc = await startServiceFeaturesUnderTest({
    service: 'governance',
    migrations,
    topics: [BRIDGE_TOPIC],
    consumer: { retryDelayMs: 200 },
    featureModules: () => [
      GovernanceConfigModule.forRoot(loadGovernanceConfig({})),
      PartiesModule.forRoot([]),
      PortalsModule,
      RecordingBridgeModule,
    ],
  });
}, 60_000);
afterAll(() => svc?.close());

describe('a portal registered while governance runs', () => {
  it('is heard without a restart: its topics are created and its commands reach the bridge', async () => {
    const portalId = uniqueName('it-live');
    const registered = await call(svc, 'POST', '/portals', OPERATOR, {
      portalId,
      name: '新华路街道办事处',
      kind: 'street-office',
      jurisdiction: ['310104-005'],
      kafkaPrincipal: `User:portal-${portalId}`,
      speaksFor: [],
    });
    expect(registered.status).toBe(201);
    await eventually(
      async () =>
        expect((await call(svc, 'GET', `/portals/${portalId}`, OPERATOR)).body).toMatchObject({ channels: 'open' }),
      { timeoutMs: 15_000 },
    );

    const commands = portalCommandsTopic(portalId);
    const command = await svc.publish(commands, `portal/${portalId}`, {
      type: 'sanshe.portal.payment.confirmed.v1',
      subject: 'pay-1',
      data: { ...portalPaymentConfirmed.example, portalId: `portal:${portalId}`, castBy: `portal:${portalId}` },
    });
    const heard = svc.app.get(Heard);
    await eventually(() => expect(heard.events).toContainEqual({ id: command.id, topic: commands }), {
      timeoutMs: 15_000,
    });
    expect(heard.events.filter((e) => e.id === command.id)).toHaveLength(1);
    const admin = testKafka('portal-channels-test').admin();
    await admin.connect();
    try {
      const onWire = [commands, portalRepliesTopic(portalId)].map((topic) => testTopic(topic)); // the tests' prefix
      expect(await admin.listTopics()).toEqual(expect.arrayContaining(onWire));
    } finally {
      await admin.disconnect();
    }
  }, 40_000);
});
