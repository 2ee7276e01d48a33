import {
  contextTopic,
  createEvent,
  type PortalData,
  portalCommandsTopic,
  portalFundingProgramOpenRequested,
  portalPaymentConfirmed,
  portalRepliesTopic,
} from '@sanshe/contracts';
import { ensureTopics, readToHighWaterMarks } from '@sanshe/messaging';
import { eventually, testKafka, testPlatformEndpoint, testTopic, uniqueName } from '@sanshe/testing';
import { newId } from './funding.fixtures';
import { type FundingUnderTest, startFundingUnderTest } from './funding-test-app';

/**
 * Funding follows governance's portal registry and answers portals on the real PostgreSQL and Kafka: a
 * portal registered while funding runs is heard without a restart (its commands topic taken on), its
 * program opening sent twice is applied once and answered twice alike, refusals are answered (not-funder, outside-jurisdiction,
 * unknown-payment, schema-invalid naming the field, portal-suspended), and an older registry version never overwrites a newer one.
 */
const kafka = testKafka('funding-portal-commands-test');
const PORTAL = uniqueName('bureau');
const FUND = 'funder:xuhui-welfare-fund';
let svc: FundingUnderTest;

const registryFact = (type: 'registered' | 'updated', data: Partial<PortalData>) =>
  svc.publish(contextTopic('governance'), 'sanshe/governance', {
    type: `sanshe.governance.portal.${type}.v1`,
    subject: PORTAL,
    data: {
      ...{ portalId: PORTAL, name: '徐汇区民政局', kind: 'district-bureau', jurisdiction: ['310104'] },
      ...{ kafkaPrincipal: `User:portal-${PORTAL}`, speaksFor: [FUND], status: 'active', version: 1, ...data },
    },
  } as never);

const openProgram = (programId: string, program: Record<string, unknown> = {}, id?: string) =>
  svc.publish(portalCommandsTopic(PORTAL), `portal/${PORTAL}`, {
    type: 'sanshe.portal.funding-program.open-requested.v1',
    subject: programId,
    ...(id ? { id } : {}),
    data: {
      programId,
      castBy: `portal:${PORTAL}`,
      program: { ...portalFundingProgramOpenRequested.example.program, ...program },
    },
  });

const stored = async () =>
  (
    await svc.query<{ status: string; version: number }>(
      `SELECT status, version FROM ${svc.schema}.portal WHERE portal_id = $1`,
      [PORTAL],
    )
  )[0];

/** The replies funding wrote for PORTAL, once all of them reached Kafka, read from the replies topic to its end. */
async function replies(atLeast: number) {
  const topic = portalRepliesTopic(PORTAL);
  await eventually(
    async () => {
      const [row] = await svc.query<{ all: string; unsent: string }>(
        `SELECT count(*) AS all, count(*) FILTER (WHERE sent_at IS NULL) AS unsent FROM ${svc.schema}.outbox WHERE topic = $1`,
        [topic],
      );
      expect({ all: Number(row?.all), unsent: Number(row?.unsent) }).toEqual({ all: expect.any(Number), unsent: 0 });
      expect(Number(row?.all)).toBeGreaterThanOrEqual(atLeast);
    },
    { timeoutMs: 20_000 },
  );
  // Only this funding's replies: another suite's funding, running meanwhile, hears the same registry and answers too.
  const ours = new Set(
    (await svc.query<{ event_id: string }>(`SELECT event_id FROM ${svc.schema}.outbox WHERE topic = $1`, [topic])).map(
      (row) => row.event_id,
    ),
  );
  return (await readToHighWaterMarks(kafka, testTopic(topic)))
    .map((r) => JSON.parse(r.value) as { id: string; type: string; data: Record<string, unknown> })
    .filter((reply) => ours.has(reply.id));
}

/** A program opening whose budget its schema refuses, written to the portal's topic as raw JSON (svc.publish validates). */
async function publishInvalidOpening() {
  const valid = createEvent({
    type: 'sanshe.portal.funding-program.open-requested.v1',
    source: `portal/${PORTAL}`,
    subject: 'prog-broken',
    data: { ...portalFundingProgramOpenRequested.example, castBy: `portal:${PORTAL}`, programId: 'prog-broken' },
  });
  const broken = { ...valid, data: { ...valid.data, program: { ...valid.data.program, budget: { amountFen: -1 } } } };
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({
      topic: testTopic(portalCommandsTopic(PORTAL)),
      messages: [{ key: broken.subject, value: JSON.stringify(broken) }],
    });
  } finally {
    await producer.disconnect();
  }
  return broken;
}

beforeAll(async () => {
  svc = await startFundingUnderTest();
  await ensureTopics(testPlatformEndpoint(), [portalCommandsTopic(PORTAL), portalRepliesTopic(PORTAL)]);
}, 60_000);
afterAll(() => svc?.close());

describe('a portal registered while funding runs', () => {
  it('is heard without a restart: its program opening applied once and, sent twice, answered twice alike; refusals answered', async () => {
    await registryFact('registered', {});
    await eventually(async () => expect(await stored()).toEqual({ status: 'active', version: 1 }), {
      timeoutMs: 15_000,
    });

    const programId = newId('prog');
    const opened = await openProgram(programId);
    await openProgram(programId, {}, opened.id); // the same command again
    const notFunder = await openProgram(newId('prog'), { funderId: 'funder:another-fund' });
    const outside = await openProgram(newId('prog'), { districtCode: '310105' });
    const unknownPayment = await svc.publish(portalCommandsTopic(PORTAL), `portal/${PORTAL}`, {
      type: 'sanshe.portal.payment.confirmed.v1',
      subject: 'pay-nowhere',
      data: {
        ...portalPaymentConfirmed.example,
        paymentId: 'pay-nowhere',
        portalId: `portal:${PORTAL}`,
        castBy: `portal:${PORTAL}`,
      },
    });

    const invalid = await publishInvalidOpening();

    const answered = await replies(6);
    const byCommand = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(answered.map((r) => [r.data.commandId, r.type, r.data.code ?? r.data.result]).sort(byCommand)).toEqual(
      [
        [opened.id, 'sanshe.funding.portal.command-accepted.v1', { programId, created: true }],
        [opened.id, 'sanshe.funding.portal.command-accepted.v1', { programId, created: true }], // sent again
        [notFunder.id, 'sanshe.funding.portal.command-rejected.v1', 'not-funder'],
        [outside.id, 'sanshe.funding.portal.command-rejected.v1', 'outside-jurisdiction'],
        [unknownPayment.id, 'sanshe.funding.portal.command-rejected.v1', 'unknown-payment'],
        [invalid.id, 'sanshe.funding.portal.command-rejected.v1', 'schema-invalid'],
      ].sort(byCommand),
    );
    const [reply, again] = answered.filter((r) => r.data.commandId === opened.id);
    expect(again).toEqual(reply); // the stored reply again: the same id and data (readers dedupe by id)
    expect(answered.find((r) => r.data.commandId === invalid.id)?.data.reason).toContain(
      '/data/program/budget/amountFen',
    );
    const programs = await svc.query<{ program_id: string; created_by: string }>(
      `SELECT program_id, created_by FROM ${svc.schema}.program WHERE created_by = $1`,
      [`portal:${PORTAL}`],
    );
    expect(programs).toEqual([{ program_id: programId, created_by: `portal:${PORTAL}` }]);
  }, 40_000);

  it('keeps the newest registry version, and refuses a suspended portal its commands', async () => {
    await registryFact('updated', { status: 'suspended', speaksFor: [], version: 3 });
    await registryFact('updated', { version: 2 }); // older, arriving later: changes nothing
    await eventually(async () => expect(await stored()).toEqual({ status: 'suspended', version: 3 }), {
      timeoutMs: 15_000,
    });
    const refused = await openProgram(newId('prog'));
    await eventually(
      async () => {
        const reply = (await replies(6)).find((r) => r.data.commandId === refused.id);
        expect(reply?.data).toMatchObject({ code: 'portal-suspended' });
      },
      { timeoutMs: 20_000 },
    );
  }, 40_000);
});
