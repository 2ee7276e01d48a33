import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DecisionPolicyInput, policyScopeOf } from '@sanshe/contracts';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { type PolicyFilter, PolicyRepository } from '../domain/policy.repository';
import { type DecisionArea, mostSpecificPolicy } from '../domain/policy-resolution';
import type { VersionDecision } from '../domain/policy-versioning';
import type { ResolvedPolicy, StoredPolicy } from '../domain/stored-policy';

interface PolicyRow {
  version: number;
  body: DecisionPolicyInput;
  created_at: Date;
  created_by: string | null;
}

const COLUMNS = 'version, body, created_at, created_by';
/** The deployment's default: a policy scoped to no program, community, street or district. */
const DEFAULT_SCOPE = 'program_id IS NULL AND community_code IS NULL AND street_code IS NULL AND district_code IS NULL';

const toStored = (row: PolicyRow): StoredPolicy => ({
  policy: { ...row.body, version: row.version },
  createdAt: row.created_at,
  createdBy: row.created_by,
});

/** decision_policy in governance's own schema (the data source's), in plain SQL like the outbox. */
@Injectable()
export class PostgresPolicyRepository extends PolicyRepository {
  private readonly schema: string;
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.schema = schemaNameOf(dataSource);
    this.table = qualifiedTable(this.schema, 'decision_policy');
  }

  async resolve(decisionKind: string, area: DecisionArea): Promise<ResolvedPolicy | null> {
    // The latest version of each policy in one of the area's scopes (a scope has one policy, so at most
    // five rows); mostSpecificPolicy ranks them. `= NULL` matches nothing: an unknown street is no scope.
    const rows = await this.dataSource.query<PolicyRow[]>(
      `SELECT DISTINCT ON (policy_id) ${COLUMNS} FROM ${this.table}
        WHERE decision_kind = $1
          AND (program_id = $5 OR community_code = $2 OR street_code = $3 OR district_code = $4
               OR (${DEFAULT_SCOPE}))
        ORDER BY policy_id, version DESC`,
      [decisionKind, area.communityCode, area.streetCode, area.districtCode, area.programId ?? null],
    );
    return mostSpecificPolicy(rows.map(toStored), area);
  }

  latest(policyId: string): Promise<StoredPolicy | null> {
    return this.latestIn(this.dataSource.manager, policyId);
  }

  async version(policyId: string, version: number): Promise<StoredPolicy | null> {
    const rows = await this.dataSource.query<PolicyRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE policy_id = $1 AND version = $2`,
      [policyId, version],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  async listLatest(filter: PolicyFilter): Promise<StoredPolicy[]> {
    const { decisionKind, programId, communityCode, streetCode, districtCode } = filter;
    const where: string[] = [];
    const params: unknown[] = [];
    if (decisionKind !== undefined) where.push(`decision_kind = $${params.push(decisionKind)}`);
    if (communityCode === null) where.push(DEFAULT_SCOPE);
    else if (communityCode !== undefined) where.push(`community_code = $${params.push(communityCode)}`);
    if (streetCode !== undefined) where.push(`street_code = $${params.push(streetCode)}`);
    if (districtCode !== undefined) where.push(`district_code = $${params.push(districtCode)}`);
    if (programId !== undefined) where.push(`program_id = $${params.push(programId)}`);
    const rows = await this.dataSource.query<PolicyRow[]>(
      `SELECT DISTINCT ON (policy_id) ${COLUMNS} FROM ${this.table}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY policy_id, version DESC`,
      params,
    );
    return rows.map(toStored);
  }

  append(
    input: DecisionPolicyInput,
    createdBy: string | null,
    decide: (latest: StoredPolicy | null, scopeHolder: string | null) => VersionDecision,
  ): Promise<{ stored: StoredPolicy; created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      // Writers of one policy id, and writers of one scope, take turns until commit. Advisory locks rather
      // than SELECT … FOR UPDATE: before a policy's first version (or a scope's first policy) there is no
      // row to lock. Always the id first, then the scope, so two writers cannot wait on each other.
      await this.lock(manager, `policy:${input.policyId}`);
      const scope = policyScopeOf(input);
      await this.lock(manager, `scope:${input.decisionKind}:${scope.level}:${scope.code ?? '*'}`);
      const latest = await this.latestIn(manager, input.policyId);
      const decision = decide(latest, await this.scopeHolder(manager, input));
      if (decision.kind === 'unchanged') return { stored: decision.latest, created: false };

      const rows = await manager.query<PolicyRow[]>(
        `INSERT INTO ${this.table}
                (policy_id, version, decision_kind, community_code, street_code, district_code, body, created_by,
                 program_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
         RETURNING ${COLUMNS}`,
        [
          input.policyId,
          decision.version,
          input.decisionKind,
          input.communityCode,
          input.streetCode ?? null,
          input.districtCode ?? null,
          JSON.stringify(input),
          createdBy,
          input.programId ?? null,
        ],
      );
      const [row] = rows;
      if (!row) throw new Error(`INSERT … RETURNING gave no row for policy ${input.policyId}`);
      return { stored: toStored(row), created: true };
    });
  }

  private async lock(manager: EntityManager, key: string): Promise<void> {
    // Keyed by schema too, so that test schemas (and services sharing a server) never wait on each other.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${this.schema}:${key}`]);
  }

  private async latestIn(manager: EntityManager, policyId: string): Promise<StoredPolicy | null> {
    const rows = await manager.query<PolicyRow[]>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE policy_id = $1 ORDER BY version DESC LIMIT 1`,
      [policyId],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  private async scopeHolder(manager: EntityManager, input: DecisionPolicyInput): Promise<string | null> {
    const rows = await manager.query<{ policy_id: string }[]>(
      `SELECT policy_id FROM ${this.table}
        WHERE decision_kind = $1 AND policy_id <> $2 AND community_code IS NOT DISTINCT FROM $3
          AND street_code IS NOT DISTINCT FROM $4 AND district_code IS NOT DISTINCT FROM $5
          AND program_id IS NOT DISTINCT FROM $6
        LIMIT 1`,
      [
        input.decisionKind,
        input.policyId,
        input.communityCode,
        input.streetCode ?? null,
        input.districtCode ?? null,
        input.programId ?? null,
      ],
    );
    return rows[0]?.policy_id ?? null;
  }
}
