import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import type { Caller } from '../../access/funding-access';
import { inScope, type ReadScope, readScopeOf } from '../../applications/domain/read-scope';
import { GRANT_ACCOUNT_PURPOSES, grantAccountId, Ledger } from '../../ledger';
import type { GrantStatus } from '../domain/grant';
import { GrantNotFound } from '../domain/grant-errors';
import { GrantsRepository, type GrantView } from '../domain/grants.repository';

function scopeOrDenied(caller: Caller): ReadScope {
  const found = readScopeOf(caller, 'read grants');
  if ('refusal' in found) throw new AccessDenied(found.refusal);
  return found.scope;
}

/** A grant with its ledger accounts' balances in fen (reserved, payable, paid, clawback-receivable). */
export type GrantWithBalances = GrantView & { balances: Record<string, number> };

/** Grants as their readers may see them: the organization its own, a funder its own, an auditor all. */
@Injectable()
export class ReadGrantsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly grants: GrantsRepository,
    private readonly ledger: Ledger,
  ) {}

  async list(
    caller: Caller,
    filter: { programId?: string; organizationId?: string; funderId?: string; status?: GrantStatus },
  ): Promise<GrantView[]> {
    return this.grants.list({ ...filter, scope: scopeOrDenied(caller) });
  }

  /** One grant with its tranches and balances; 404 also when the caller may not see it. */
  async one(caller: Caller, grantId: string): Promise<GrantWithBalances> {
    const scope = scopeOrDenied(caller);
    const grant = await this.grants.find(grantId);
    if (!grant || !inScope(scope, grant)) throw new GrantNotFound(`grant ${grantId}`);
    const ids = GRANT_ACCOUNT_PURPOSES.map((purpose) => grantAccountId(grantId, purpose));
    const stored = await this.ledger.balances(this.dataSource.manager, ids);
    const balances = Object.fromEntries(
      GRANT_ACCOUNT_PURPOSES.map((purpose) => [purpose, stored.get(grantAccountId(grantId, purpose))?.balanceFen ?? 0]),
    );
    return { ...grant, balances };
  }
}
