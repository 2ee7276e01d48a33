import { Injectable } from '@nestjs/common';
import type { Identity } from '@sanshe/auth';
import type { PersonalField } from '@sanshe/contracts';
import { asError } from '@sanshe/common';
import { ConsentLedger } from '../../consents/domain/consent-ledger';
import { ResidentVault } from '../../residents/domain/resident-vault';
import { AccessLog, type AccessLogEntry } from '../domain/access-log';
import { DataAccessNotFound, ReadRefused } from '../domain/data-access-errors';
import { consentOrganization, type DataAccessGrant } from '../domain/data-access-request';
import { DataAccessRepository } from '../domain/data-access.repository';
import { grantReadRefusal, type Refusal } from '../domain/grant-read';

export interface ReadUnderGrantCommand {
  grantId: string;
  residentId: string;
  identity: Identity;
}

export interface GrantedRead {
  residentId: string;
  fields: Partial<Record<PersonalField, string>>;
}

/**
 * GET /data-access-grants/{grantId}/residents/{residentId}: the granted fields of one covered resident,
 * for the grantee's staff, before the expiry, while the resident still consents (asked afresh at every
 * read). Every attempt that names an existing grant or resident is appended to the access log, in its
 * own committed transaction, before the reply: a refusal is logged as surely as a read, and no data
 * leaves without its log row.
 */
@Injectable()
export class ReadUnderGrantHandler {
  constructor(
    private readonly requests: DataAccessRepository,
    private readonly residents: ResidentVault,
    private readonly consents: ConsentLedger,
    private readonly log: AccessLog,
  ) {}

  async execute({ grantId, residentId, identity }: ReadUnderGrantCommand): Promise<GrantedRead> {
    const [grant, residentCommunity] = await Promise.all([
      this.requests.findGrant(grantId),
      this.residents.communityOf(residentId),
    ]);
    const attempt = { actorSub: identity.sub, actorParties: identity.parties, grantId, residentId };
    if (!grant) {
      if (residentCommunity !== null) {
        await this.log.append({
          ...attempt,
          communityCode: residentCommunity,
          fields: [],
          result: 'refused',
          reason: 'grant-not-found',
        });
      }
      throw new DataAccessNotFound(`grant ${grantId} does not exist`);
    }
    const entry = { ...attempt, communityCode: residentCommunity ?? grant.communityCode, fields: grant.fields };
    const refusal = await this.refusalOf(identity, grant, residentId);
    if (refusal) await this.refuse(entry, refusal);
    const revealed = await this.reveal(entry, grant);
    await this.log.append({ ...entry, result: 'granted', reason: null });
    return { residentId, fields: revealed };
  }

  /** The rules in order; the consent ledger is asked only when everything before it holds. */
  private async refusalOf(identity: Identity, grant: DataAccessGrant, residentId: string): Promise<Refusal | null> {
    const now = new Date();
    const covered = await this.requests.covers(grant.grantId, residentId);
    const refusal = grantReadRefusal(identity, grant, residentId, { now, covered });
    if (refusal) return refusal;
    const organizationId = consentOrganization(grant.consentPurpose, grant.organizationId);
    const consenting = await this.consents.consenting([residentId], grant.consentPurpose, organizationId, now);
    return grantReadRefusal(identity, grant, residentId, { now, covered, consenting: consenting.has(residentId) });
  }

  private async refuse(entry: Omit<AccessLogEntry, 'result' | 'reason'>, refusal: Refusal): Promise<never> {
    await this.log.append({ ...entry, result: 'refused', reason: refusal.code });
    throw new ReadRefused(refusal.code, refusal.message);
  }

  /**
   * The granted fields; a failure to decrypt is logged as a refused read (the error's name only: its
   * message is not ours to trust with personal data), then rethrown.
   */
  private async reveal(
    entry: Omit<AccessLogEntry, 'result' | 'reason'>,
    grant: DataAccessGrant,
  ): Promise<Partial<Record<PersonalField, string>>> {
    let revealed: Partial<Record<PersonalField, string>> | null;
    try {
      revealed = await this.residents.reveal(entry.residentId, grant.fields);
    } catch (err) {
      await this.log.append({ ...entry, result: 'refused', reason: `error: ${asError(err).name}` });
      throw err;
    }
    if (revealed === null) {
      return this.refuse(entry, {
        code: 'not-covered',
        message: `resident ${entry.residentId} is no longer in the register`,
      });
    }
    return revealed;
  }
}
