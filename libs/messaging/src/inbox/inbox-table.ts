import type { DataSource, EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import { qualifiedTable } from '@sanshe/persistence';

/** An event's CloudEvents identity, (source, id), as one string: the same for the same event only. */
export const identityOf = (event: Pick<SansheEvent, 'source' | 'id'>): string =>
  JSON.stringify([event.source, event.id]);

/**
 * One consumer's rows in the inbox: the events it has applied, keyed by (source, id). Two producers
 * may use the same id, and neither suppresses the other's event.
 */
export class InboxTable {
  private readonly table: string;

  constructor(
    schema: string,
    private readonly consumer: string,
  ) {
    this.table = qualifiedTable(schema, 'inbox');
  }

  /**
   * Records `events` in the caller's transaction, in one INSERT, and returns the identities
   * (identityOf) of those it recorded: the events not applied before. An event given twice is
   * recorded once. Rows from before InboxKeyedBySource1795900000000 have source '' and still absorb
   * their event by id alone, at the cost of one more index probe per event. That clause can go once
   * the inbox prune has removed every such row: one inbox retention (InboxPruner) after that
   * migration ran, when `SELECT count(*) FROM inbox WHERE event_source = ''` says 0 in every schema.
   */
  async record(manager: EntityManager, events: readonly SansheEvent[]): Promise<Set<string>> {
    const inserted = (await manager.query(
      `INSERT INTO ${this.table} (consumer, event_source, event_id, event_type)
       SELECT $1, e.source, e.id, e.type FROM unnest($2::text[], $3::text[], $4::text[]) AS e(source, id, type)
       WHERE NOT EXISTS (
         SELECT FROM ${this.table} legacy WHERE legacy.consumer = $1 AND legacy.event_source = '' AND legacy.event_id = e.id
       )
       ON CONFLICT DO NOTHING RETURNING event_source, event_id`,
      [this.consumer, events.map((e) => e.source), events.map((e) => e.id), events.map((e) => e.type)],
    )) as { event_source: string; event_id: string }[];
    return new Set(inserted.map((row) => identityOf({ source: row.event_source, id: row.event_id })));
  }

  /**
   * Deletes at most `batchSize` of this consumer's rows recorded before `cutoff`, in one statement (a
   * transaction of its own); returns how many. Rows that another instance's prune is deleting at that
   * moment are skipped, not waited for (SKIP LOCKED): that instance deletes them.
   */
  async pruneBatch(dataSource: DataSource, cutoff: string, batchSize: number): Promise<number> {
    const [, count] = (await dataSource.query(
      `DELETE FROM ${this.table} WHERE (consumer, event_source, event_id) IN (
         SELECT consumer, event_source, event_id FROM ${this.table}
         WHERE consumer = $1 AND received_at < $2::timestamptz LIMIT $3 FOR UPDATE SKIP LOCKED)`,
      [this.consumer, cutoff, batchSize],
    )) as [unknown, number];
    return count;
  }
}
