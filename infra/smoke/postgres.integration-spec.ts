import { Column, DataSource, Entity, type MigrationInterface, PrimaryColumn, type QueryRunner } from 'typeorm';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { parseTestEnv, uniqueName } from '@sanshe/testing';

const env = parseTestEnv(process.env);
const schema = uniqueName('smoke').replace('-', '_');

@Entity({ name: 'notes' })
class Note {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') body!: string;
  @Column('bigint') amountFen!: string;
}

class CreateNotes1764000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "${schema}".notes (id uuid PRIMARY KEY, body text NOT NULL, "amountFen" bigint NOT NULL)`,
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${schema}".notes`);
  }
}

describe('PostgreSQL (the real server infra/local runs) through TypeORM', () => {
  const options = { url: env.DATABASE_URL, schema, entities: [Note], migrations: [CreateNotes1764000000000] };
  const dataSource = new DataSource(serviceDataSourceOptions(options));

  afterAll(async () => {
    if (dataSource.isInitialized) {
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      await dataSource.destroy();
    }
  });

  it('creates the schema, applies migrations once, then writes and reads a row', async () => {
    expect(await migrate(options)).toEqual(['CreateNotes1764000000000']);
    expect(await migrate(options)).toEqual([]); // already applied: nothing to do

    await dataSource.initialize();
    const notes = dataSource.getRepository(Note);
    const id = crypto.randomUUID();
    await notes.save({ id, body: '三社联动', amountFen: '123456789012' });

    expect(await notes.findOneByOrFail({ id })).toEqual({ id, body: '三社联动', amountFen: '123456789012' });
    const [{ schemaname }] = await dataSource.query(
      'SELECT schemaname FROM pg_tables WHERE tablename = $1 AND schemaname = $2',
      ['notes', schema],
    );
    expect(schemaname).toBe(schema);
  });
});
