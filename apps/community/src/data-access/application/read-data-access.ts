import { Injectable } from '@nestjs/common';
import { AccessDenied, type Identity } from '@sanshe/auth';
import { communityParty, organizationParty, residentsParty, ROLES } from '../../access/community-access';
import { ResidentVault } from '../../residents/domain/resident-vault';
import { AccessLog, type AccessLogQuery, type LoggedAccess } from '../domain/access-log';
import { DataAccessNotFound } from '../domain/data-access-errors';
import { DataAccessRepository, type StoredRequest } from '../domain/data-access.repository';

const holds = (identity: Identity, role: string, party: string) =>
  identity.roles.includes(role) && identity.parties.includes(party);

/**
 * The reads of requests and of the access log, with who may see them: a request, its organization's staff,
 * its community's committee and auditors; the access log, the community's committee members and
 * residents' representatives (of the resident's community) and auditors.
 */
@Injectable()
export class ReadDataAccessHandler {
  constructor(
    private readonly requests: DataAccessRepository,
    private readonly residents: ResidentVault,
    private readonly log: AccessLog,
  ) {}

  async request(requestId: string, identity: Identity): Promise<StoredRequest> {
    const stored = await this.requests.findRequest(requestId);
    if (!stored) throw new DataAccessNotFound(`data-access request ${requestId} does not exist`);
    const { organizationId, communityCode } = stored.request;
    const committee = communityParty(communityCode);
    const allowed =
      identity.roles.includes(ROLES.auditor) ||
      holds(identity, ROLES.orgStaff, organizationParty(organizationId)) ||
      holds(identity, ROLES.committeeMember, committee) ||
      holds(identity, ROLES.committeeStaff, committee);
    if (!allowed) {
      throw new AccessDenied(
        `${identity.sub} may not read data-access request ${requestId}: it needs ${ROLES.orgStaff} of ` +
          `${organizationParty(organizationId)}, ${ROLES.committeeMember} or ${ROLES.committeeStaff} of ` +
          `${committee}, or ${ROLES.auditor}`,
      );
    }
    return stored;
  }

  /**
   * The log rows matching `query`. An auditor reads everywhere; anyone else reads one community's rows
   * (the resident's, the grant's or the one named) as its committee member or residents' representative.
   */
  async accessLog(query: AccessLogQuery, identity: Identity): Promise<LoggedAccess[]> {
    if (identity.roles.includes(ROLES.auditor)) return this.log.find(query);
    const communityCode = await this.scopeOf(query);
    const allowed =
      holds(identity, ROLES.committeeMember, communityParty(communityCode)) ||
      holds(identity, ROLES.residentsRep, residentsParty(communityCode));
    if (!allowed) {
      throw new AccessDenied(
        `${identity.sub} may not read the access log of ${communityCode}: it needs ${ROLES.committeeMember} of ` +
          `${communityParty(communityCode)}, ${ROLES.residentsRep} of ${residentsParty(communityCode)}, ` +
          `or ${ROLES.auditor}`,
      );
    }
    return this.log.find({ ...query, communityCode });
  }

  /** The community a non-auditor's query is about: named, or the resident's, or the grant's. */
  private async scopeOf({ communityCode, residentId, grantId }: AccessLogQuery): Promise<string> {
    if (communityCode) return communityCode;
    if (residentId) {
      const community = await this.residents.communityOf(residentId);
      if (!community) throw new DataAccessNotFound(`resident ${residentId} is not registered`);
      return community;
    }
    if (grantId) {
      const grant = await this.requests.findGrant(grantId);
      if (!grant) throw new DataAccessNotFound(`grant ${grantId} does not exist`);
      return grant.communityCode;
    }
    throw new AccessDenied(
      'only an auditor reads the access log of every community: name a communityCode, residentId or grantId',
    );
  }
}
