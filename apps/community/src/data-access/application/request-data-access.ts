import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AccessDenied, type Identity } from '@sanshe/auth';
import type { ConsentPurpose, FieldProblem, PersonalField } from '@sanshe/contracts';
import { organizationParty, ROLES } from '../../access/community-access';
import { ApprovedProposals, type ProposalOutcome } from '../../needs/domain/approved-proposals';
import { ResidentVault } from '../../residents/domain/resident-vault';
import { DataAccessInputInvalid, DataAccessNotFound, ProposalNotApproved } from '../domain/data-access-errors';
import { type DataAccessRequest, expiryOf } from '../domain/data-access-request';
import { DataAccessRepository } from '../domain/data-access.repository';
import { DataAccessEvents } from './data-access-events';

/** POST /data-access-requests (its body already matches the schema). */
export interface RequestDataAccessCommand {
  proposalId: string;
  activityId?: string;
  consentPurpose: ConsentPurpose;
  purpose: string;
  fields: PersonalField[];
  residentIds: string[];
  durationDays: number;
  identity: Identity;
}

/** At most this many unregistered residents are named one by one in a 400 (the rest are counted). */
const NAMED_PROBLEMS = 50;

/**
 * Files an organization's request for residents' data: only for an activity governance approved, by the
 * staff of the organization that proposed it, only for residents registered in the activity's community.
 * The request and its data-access.requested commit together; governance decides it, not the community.
 */
@Injectable()
export class RequestDataAccessHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly proposals: ApprovedProposals,
    private readonly residents: ResidentVault,
    private readonly requests: DataAccessRepository,
    private readonly events: DataAccessEvents,
  ) {}

  async execute(command: RequestDataAccessCommand): Promise<DataAccessRequest> {
    const { proposalId, identity } = command;
    const proposal = await this.proposals.find(proposalId);
    if (!proposal) throw new DataAccessNotFound(`proposal ${proposalId} is unknown to this community`);
    const organizationId = requesterOf(proposal, identity);
    const now = new Date();
    const request: DataAccessRequest = {
      requestId: `dar-${randomUUID()}`,
      communityCode: proposal.communityCode,
      organizationId,
      proposalId,
      activityId: command.activityId ?? null,
      consentPurpose: command.consentPurpose,
      purpose: command.purpose,
      fields: command.fields,
      residentIds: command.residentIds,
      durationDays: command.durationDays,
      status: 'requested',
      expiresAt: expiryOf(now, command.durationDays),
      requestedBy: identity.sub,
      requestedAt: now,
      decision: null,
    };
    return this.dataSource.transaction(async (manager) => {
      await this.checkRegistered(manager, request);
      await this.requests.insertRequest(manager, request);
      await this.events.requested(manager, request);
      return request;
    });
  }

  /** Every resident must be registered in the activity's community: 400 naming `/residentIds/<i>` otherwise. */
  private async checkRegistered(manager: EntityManager, { communityCode, residentIds }: DataAccessRequest) {
    const registered = await this.residents.registeredIn(communityCode, residentIds, manager);
    const problems: FieldProblem[] = [];
    residentIds.forEach((residentId, index) => {
      if (!registered.has(residentId)) {
        problems.push({ path: `/residentIds/${index}`, message: `is not a registered resident of ${communityCode}` });
      }
    });
    if (problems.length === 0) return;
    const named = problems.slice(0, NAMED_PROBLEMS);
    if (problems.length > NAMED_PROBLEMS) {
      named.push({ path: '/residentIds', message: `and ${problems.length - NAMED_PROBLEMS} more are not registered` });
    }
    throw new DataAccessInputInvalid(named);
  }
}

/**
 * The organization that proposed the activity, when `identity` is its staff and governance approved the
 * activity: 403 for anyone else, 409 proposal-not-approved while it is not approved.
 */
function requesterOf({ proposalId, organizationId, result }: ProposalOutcome, identity: Identity): string {
  if (organizationId !== null) {
    const party = organizationParty(organizationId);
    if (!identity.roles.includes(ROLES.orgStaff) || !identity.parties.includes(party)) {
      throw new AccessDenied(
        `${identity.sub} may not request data for proposal ${proposalId}: only ${ROLES.orgStaff} of ${party} may`,
      );
    }
  }
  if (result !== 'approved') {
    const why = result === null ? 'governance has not decided it' : `governance decided ${result}`;
    throw new ProposalNotApproved(`proposal ${proposalId} is not approved: ${why}`);
  }
  if (organizationId === null) {
    throw new ProposalNotApproved(
      `proposal ${proposalId} is approved, but its submission has not reached the community yet: try again shortly`,
    );
  }
  return organizationId;
}
