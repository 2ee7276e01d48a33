import type { DataSource, QueryRunner } from 'typeorm';
import { qualifiedTable, quoteIdentifier, schemaNameOf, schemaOf } from './identifiers';

describe('SQL identifiers', () => {
  it('quotes a name and doubles the quotes inside it', () => {
    expect(quoteIdentifier('governance')).toBe('"governance"');
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(qualifiedTable('a"b', 'outbox')).toBe('"a""b"."outbox"');
  });

  it("finds the service's schema on a data source or a migration's query runner, else public", () => {
    const dataSource = { options: { schema: 'funding' } } as unknown as DataSource;
    const runner = { connection: dataSource } as unknown as QueryRunner;
    expect(schemaNameOf(dataSource)).toBe('funding');
    expect(schemaOf(runner)).toBe('"funding"');
    expect(schemaNameOf({ options: {} } as unknown as DataSource)).toBe('public');
  });
});
