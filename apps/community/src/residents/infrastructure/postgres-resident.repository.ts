import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import {
  ResidentRepository,
  type ResidentEntry,
  type SealedChange,
  type SealedResident,
} from '../domain/resident.repository';

interface ResidentRow {
  resident_id: string;
  community_code: string;
  key_id: string;
  name_ct: Buffer;
  phone_ct: Buffer;
  id_number_ct: Buffer;
  address_ct: Buffer;
  phone_hmac: Buffer;
  id_number_hmac: Buffer;
}

const COLUMNS = `resident_id, community_code, key_id, name_ct, phone_ct, id_number_ct, address_ct, phone_hmac,
  id_number_hmac`;

/** Each personal field's ciphertext column. */
const SEALED_COLUMNS = { name: 'name_ct', phone: 'phone_ct', idNumber: 'id_number_ct', address: 'address_ct' } as const;

const toSealed = (row: ResidentRow): SealedResident => ({
  residentId: row.resident_id,
  communityCode: row.community_code,
  keyId: row.key_id,
  sealed: { name: row.name_ct, phone: row.phone_ct, idNumber: row.id_number_ct, address: row.address_ct },
  phoneHash: row.phone_hmac,
  idNumberHash: row.id_number_hmac,
});

const isIdNumberTaken = (error: unknown) => {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' && driverError.constraint === 'resident_one_per_id_number';
};

/** The resident table in the community's schema, in plain SQL. */
@Injectable()
export class PostgresResidentRepository extends ResidentRepository {
  private readonly residents: string;
  private readonly areas: string;

  constructor(@Inject(getDataSourceToken()) dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.residents = qualifiedTable(schema, 'resident');
    this.areas = qualifiedTable(schema, 'administrative_area');
  }

  async communityExists(manager: EntityManager, communityCode: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM ${this.areas} WHERE code = $1 AND level = 'community' FOR KEY SHARE`,
      [communityCode],
    );
    return rows.length > 0;
  }

  async insert(manager: EntityManager, resident: SealedResident, createdBy: string): Promise<string | null> {
    const { sealed } = resident;
    // ON CONFLICT keeps two registrations of one ID number, even concurrent ones, to one row and no error.
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO ${this.residents} (${COLUMNS}, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT ON CONSTRAINT resident_one_per_id_number DO NOTHING RETURNING 1`,
      [
        ...[resident.residentId, resident.communityCode, resident.keyId],
        ...[sealed.name, sealed.phone, sealed.idNumber, sealed.address],
        ...[resident.phoneHash, resident.idNumberHash, createdBy],
      ],
    );
    return inserted.length ? null : this.holderOf(manager, resident.idNumberHash);
  }

  async find(manager: EntityManager, residentId: string, lock = false): Promise<SealedResident | null> {
    const rows = await manager.query<ResidentRow[]>(
      `SELECT ${COLUMNS} FROM ${this.residents} WHERE resident_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [residentId],
    );
    return rows[0] ? toSealed(rows[0]) : null;
  }

  async entry(manager: EntityManager, residentId: string): Promise<ResidentEntry | null> {
    const rows = await manager.query<{ community_code: string; created_at: Date }[]>(
      `SELECT community_code, created_at FROM ${this.residents} WHERE resident_id = $1`,
      [residentId],
    );
    return rows[0] ? { residentId, communityCode: rows[0].community_code, registeredAt: rows[0].created_at } : null;
  }

  async update(manager: EntityManager, residentId: string, change: SealedChange): Promise<string | null> {
    if (change.idNumberHash) {
      const holder = await this.holderOf(manager, change.idNumberHash);
      if (holder && holder !== residentId) return holder;
    }
    const assignments: [string, unknown][] = [
      ['key_id', change.keyId],
      ...Object.entries(change.sealed).map(
        ([field, value]) => [SEALED_COLUMNS[field as keyof typeof SEALED_COLUMNS], value] as [string, unknown],
      ),
      ...(change.phoneHash ? [['phone_hmac', change.phoneHash] as [string, unknown]] : []),
      ...(change.idNumberHash ? [['id_number_hmac', change.idNumberHash] as [string, unknown]] : []),
    ];
    const set = assignments.map(([column], index) => `${column} = $${index + 2}`).join(', ');
    const update = () =>
      manager.query(`UPDATE ${this.residents} SET ${set}, updated_at = now() WHERE resident_id = $1`, [
        residentId,
        ...assignments.map(([, value]) => value),
      ]);
    if (!change.idNumberHash) return update().then(() => null);
    // A concurrent correction may take the ID number between the check above and this update: the unique
    // index refuses it, and the savepoint keeps the transaction usable to name who holds it.
    await manager.query('SAVEPOINT resident_id_number');
    try {
      await update();
    } catch (error) {
      if (!isIdNumberTaken(error)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT resident_id_number');
      return this.holderOf(manager, change.idNumberHash);
    }
    return null;
  }

  async idsByPhoneHash(manager: EntityManager, communityCode: string, hash: Buffer): Promise<string[]> {
    const rows = await manager.query<{ resident_id: string }[]>(
      `SELECT resident_id FROM ${this.residents} WHERE community_code = $1 AND phone_hmac = $2 ORDER BY resident_id`,
      [communityCode, hash],
    );
    return rows.map((row) => row.resident_id);
  }

  async idsByIdNumberHash(manager: EntityManager, communityCode: string, hash: Buffer): Promise<string[]> {
    const rows = await manager.query<{ resident_id: string }[]>(
      `SELECT resident_id FROM ${this.residents} WHERE community_code = $1 AND id_number_hmac = $2`,
      [communityCode, hash],
    );
    return rows.map((row) => row.resident_id);
  }

  async registeredIn(manager: EntityManager, communityCode: string, residentIds: string[]): Promise<Set<string>> {
    const rows = await manager.query<{ resident_id: string }[]>(
      `SELECT resident_id FROM ${this.residents} WHERE community_code = $1 AND resident_id = ANY($2::text[])`,
      [communityCode, residentIds],
    );
    return new Set(rows.map((row) => row.resident_id));
  }

  async countNotUnderKey(manager: EntityManager, keyId: string): Promise<number> {
    const rows = await manager.query<{ count: string }[]>(
      `SELECT count(*) AS count FROM ${this.residents} WHERE key_id <> $1`,
      [keyId],
    );
    return Number(rows[0].count);
  }

  async lockNotUnderKey(manager: EntityManager, keyId: string, limit: number): Promise<SealedResident[]> {
    const rows = await manager.query<ResidentRow[]>(
      `SELECT ${COLUMNS} FROM ${this.residents} WHERE key_id <> $1 ORDER BY resident_id LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [keyId, limit],
    );
    return rows.map(toSealed);
  }

  private async holderOf(manager: EntityManager, idNumberHash: Buffer): Promise<string | null> {
    const rows = await manager.query<{ resident_id: string }[]>(
      `SELECT resident_id FROM ${this.residents} WHERE id_number_hmac = $1`,
      [idNumberHash],
    );
    return rows[0]?.resident_id ?? null;
  }
}
