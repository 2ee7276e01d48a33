import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { communityDate, isServing, type Representative } from '../domain/representative';
import { RepresentativeRepository, type RepresentativeRoster } from '../domain/representative.repository';

interface RepresentativeRow {
  representative_id: string;
  community_code: string;
  body: Representative['body'];
  person_sub: string;
  title: string;
  term_from: string;
  term_to: string | null;
  status: Representative['status'];
  ended_reason: Representative['endedReason'];
}

// Dates as text: a `date` column would become a JavaScript Date at local midnight.
const COLUMNS = `representative_id, community_code, body, person_sub, title, term_from::text AS term_from,
  term_to::text AS term_to, status, ended_reason`;

const toRepresentative = (row: RepresentativeRow): Representative => ({
  representativeId: row.representative_id,
  communityCode: row.community_code,
  body: row.body,
  personSub: row.person_sub,
  title: row.title,
  termFrom: row.term_from,
  termTo: row.term_to,
  status: row.status,
  endedReason: row.ended_reason,
});

/** representative in the service's own schema; also the roster the votes feature asks. */
@Injectable()
export class PostgresRepresentativeRepository extends RepresentativeRepository implements RepresentativeRoster {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'representative');
  }

  async lockActive(manager: EntityManager, communityCode: string): Promise<Representative[]> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`representatives:${communityCode}`]);
    return this.select(manager, `community_code = $1 AND status = 'active'`, [communityCode]);
  }

  async find(representativeId: string, manager = this.dataSource.manager): Promise<Representative | null> {
    return (await this.select(manager, 'representative_id = $1', [representativeId]))[0] ?? null;
  }

  async insert(manager: EntityManager, rep: Representative, appointedBy: string): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table}
         (representative_id, community_code, body, person_sub, title, term_from, term_to, status, appointed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        rep.representativeId,
        rep.communityCode,
        rep.body,
        rep.personSub,
        rep.title,
        rep.termFrom,
        rep.termTo,
        rep.status,
        appointedBy,
      ],
    );
  }

  async end(manager: EntityManager, rep: Representative, endedBy: string): Promise<void> {
    await manager.query(
      `UPDATE ${this.table} SET status = 'ended', ended_reason = $2, ended_by = $3, ended_at = now()
        WHERE representative_id = $1`,
      [rep.representativeId, rep.endedReason, endedBy],
    );
  }

  list(communityCode: string, includeEnded: boolean): Promise<Representative[]> {
    const where = includeEnded ? 'community_code = $1' : `community_code = $1 AND status = 'active'`;
    return this.select(this.dataSource.manager, where, [communityCode]);
  }

  async isActive(
    communityCode: string,
    body: Representative['body'],
    personSub: string,
    manager = this.dataSource.manager,
  ): Promise<boolean> {
    const reps = await this.select(manager, `community_code = $1 AND body = $2 AND person_sub = $3`, [
      communityCode,
      body,
      personSub,
    ]);
    const today = communityDate(new Date());
    return reps.some((rep) => isServing(rep, today));
  }

  private async select(manager: EntityManager, where: string, params: unknown[]): Promise<Representative[]> {
    const rows = await manager.query<RepresentativeRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE ${where} ORDER BY appointed_at, representative_id`,
      params,
    );
    return rows.map(toRepresentative);
  }
}
