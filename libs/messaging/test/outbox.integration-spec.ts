import { EventValidationError } from '@sanshe/contracts';
import { OutboxRelay, createReliableProducer } from '../src';
import { kafka, messagingFixture, proposalEvent, readTopic } from './harness';

describe('outbox (real PostgreSQL and Kafka)', () => {
  let fx: Awaited<ReturnType<typeof messagingFixture>>;
  beforeAll(async () => {
    fx = await messagingFixture('outbox');
  });
  afterAll(() => fx?.cleanup());

  const stateRows = async (id: string) =>
    (
      (await fx.dataSource.query(`SELECT count(*)::int AS c FROM "${fx.schema}".effects WHERE event_id = $1`, [
        id,
      ])) as { c: number }[]
    )[0]!.c;
  const outboxRows = async (id: string) =>
    (
      (await fx.dataSource.query(`SELECT count(*)::int AS c FROM "${fx.schema}".outbox WHERE event_id = $1`, [id])) as {
        c: number;
      }[]
    )[0]!.c;

  it('commits a state change and its event together, and rolls both back together', async () => {
    const committed = await fx.dataSource.transaction(async (manager) => {
      const event = await fx.writer.publish(manager, proposalEvent('p-commit', 1));
      await manager.query(`INSERT INTO "${fx.schema}".effects (event_id, subject, seq) VALUES ($1, 'state', 0)`, [
        event.id,
      ]);
      return event;
    });
    let rolledBackId = '';
    await expect(
      fx.dataSource.transaction(async (manager) => {
        const event = await fx.writer.publish(manager, proposalEvent('p-rollback', 1));
        rolledBackId = event.id;
        await manager.query(`INSERT INTO "${fx.schema}".effects (event_id, subject, seq) VALUES ($1, 'state', 0)`, [
          event.id,
        ]);
        throw new Error('the state change fails after the event was added');
      }),
    ).rejects.toThrow('the state change fails');

    expect([await stateRows(committed.id), await outboxRows(committed.id)]).toEqual([1, 1]);
    expect([await stateRows(rolledBackId), await outboxRows(rolledBackId)]).toEqual([0, 0]);

    const producer = createReliableProducer(kafka);
    await producer.connect();
    const relay = new OutboxRelay(fx.dataSource, producer, { schema: fx.schema, lanesPerClaim: 16 }); // all lanes: one round sees every row
    expect(await relay.publishOnce()).toBe(1);
    await producer.disconnect();
    const [message] = await readTopic(fx.topic, 1);
    expect(JSON.parse(String(message!.value))).toMatchObject({ id: committed.id, subject: 'p-commit' });
    expect(String(message!.key)).toBe('p-commit');
    expect(await fx.unsent()).toBe(0);
  });

  it('refuses a schema-invalid event at produce time, naming the field, and writes nothing', async () => {
    const bad = proposalEvent('p-invalid', 1);
    const attempt = fx.dataSource.transaction((manager) =>
      fx.writer.publish(manager, {
        ...bad,
        data: { ...bad.data, requestedFunding: { amountFen: 12.5, currency: 'CNY' } },
      }),
    );
    await expect(attempt).rejects.toThrow(EventValidationError);
    await expect(attempt).rejects.toThrow('/data/requestedFunding/amountFen must be integer');
    const rows = (await fx.dataSource.query(
      `SELECT count(*)::int AS c FROM "${fx.schema}".outbox WHERE partition_key = 'p-invalid'`,
    )) as { c: number }[];
    expect(rows[0]!.c).toBe(0);
  });

  it('adds an event with a given id only once (a retried command)', async () => {
    const event = { ...proposalEvent('p-retry', 1), id: 'deterministic-p-retry-1' };
    await fx.dataSource.transaction((m) => fx.writer.publish(m, event));
    await fx.dataSource.transaction((m) => fx.writer.publish(m, event));
    expect(await outboxRows('deterministic-p-retry-1')).toBe(1);
  });

  it('queues a stored event again exactly as stored, once per copy id, and nothing for an id it no longer holds', async () => {
    const event = { ...proposalEvent('p-resend', 1), id: 'deterministic-p-resend-1' };
    await fx.dataSource.transaction((m) => fx.writer.publish(m, event));
    const resend = (copyId: string, eventId = event.id) =>
      fx.dataSource.transaction((m) => fx.writer.resend(m, eventId, copyId));
    expect([await resend('p-resend-copy-1'), await resend('p-resend-copy-1')]).toEqual([true, false]);
    expect(await resend('p-resend-copy-2', 'never-written')).toBe(false);
    const rows = (await fx.dataSource.query(
      `SELECT event_id, event_type, topic, partition_key, lane, payload FROM "${fx.schema}".outbox
       WHERE partition_key = 'p-resend' ORDER BY position`,
    )) as { event_id: string; payload: string }[];
    expect(rows.map((row) => row.event_id)).toEqual([event.id, 'p-resend-copy-1']);
    expect({ ...rows[1], event_id: event.id }).toEqual(rows[0]); // the same envelope, type, topic, key and lane
    await expect(fx.writer.resend(fx.dataSource.manager, event.id, 'p-resend-copy-3')).rejects.toThrow(
      /inside the transaction/,
    );
  });

  it('refuses to add outside a transaction', async () => {
    await expect(fx.writer.publish(fx.dataSource.manager, proposalEvent('p-no-tx', 1))).rejects.toThrow(
      /inside the transaction/,
    );
  });
});
