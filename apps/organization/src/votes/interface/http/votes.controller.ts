import { Body, Controller, Get, Param, Post, Query, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiBadRequestResponse,
} from '@nestjs/swagger';
import { Access, AccessDenied, CurrentIdentity, type Identity } from '@sanshe/auth';
import { Type } from '@sinclair/typebox';
import { Id, schemaProblems } from '@sanshe/contracts';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { type Caller, organizationParty, roleRefusal, ROLES } from '../../../access/organization-access';
import { CastVoteBody, CastVoteHandler } from '../../application/cast-vote';
import { CallInBody, RequestCallInHandler } from '../../application/request-call-in';
import { DecisionRepository } from '../../domain/decision.repository';
import { FilingRepository } from '../../domain/filing.repository';
import type { OrgCallIn } from '../../domain/org-filing';
import type { OrgVote } from '../../domain/org-vote';
import { VoteInputInvalid, VoteNotFound } from '../../domain/vote-errors';
import { VoteErrorFilter } from './vote-error.filter';

const OrganizationIdParam = Type.Object({ organizationId: Id });
const VoteIdParam = Type.Object({ voteId: Id });
const CallInIdParam = Type.Object({ callInId: Id });
/** The vote's body as checked, and its rule between fields: an objection gives its reason (voteInputProblems). */
const CAST_VOTE_DOCUMENT = {
  ...openApiSchema(CastVoteBody),
  anyOf: [{ properties: { choice: { type: 'string', enum: ['approve', 'abstain'] } } }, { required: ['reason'] }],
};

/** 400 naming the path parameter unless it is an id (contracts' Id). */
function checkedId(name: string, value: string): void {
  const problems = schemaProblems(Id, value, `/params/${name}`);
  if (problems.length) throw new VoteInputInvalid(problems);
}

/** A vote or call-in as the API shows it: whether governance refused it, and why. */
const sentView = <T extends OrgVote | OrgCallIn>({ castBySub, ...sent }: T) => ({ ...sent, castBy: castBySub });

/** 400 unless the id and `status` (open | all) are well formed; 403 unless the caller is its admin or staff. */
function checkedReader(organizationId: string, status: string | undefined, who: Caller, what: string): string {
  const problems = schemaProblems(Id, organizationId, '/params/organizationId');
  if (status !== undefined && status !== 'open' && status !== 'all') {
    problems.push({ path: '/query/status', message: 'must be open or all' });
  }
  if (problems.length) throw new VoteInputInvalid(problems);
  const party = organizationParty(organizationId);
  const refusal = roleRefusal(who, [ROLES.orgAdmin, ROLES.orgStaff], [party], `see the ${what} of ${party}`);
  if (refusal) throw new AccessDenied(refusal);
  return party;
}

/** 403 unless the token speaks for the party that sent it. */
function checkedSpeaker(who: Caller, partyId: string, what: string): void {
  if (!who.parties.includes(partyId)) {
    throw new AccessDenied(`${who.sub} may not read the ${what} of ${partyId}: the token does not speak for it`);
  }
}

/**
 * The organization's voice in governance: its admin and staff see the decisions and filings that seat
 * it (never those it proposed), and its admin casts its vote (sanshe.organization.decision.vote-cast.v1)
 * or calls a filing in (sanshe.organization.filing.call-in-requested.v1). Staff never vote.
 */
@ApiTags('votes')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@Controller()
@Access({ action: 'use the organization’s votes' })
@UseFilters(VoteErrorFilter)
export class VotesController {
  constructor(
    private readonly cast: CastVoteHandler,
    private readonly callIns: RequestCallInHandler,
    private readonly decisions: DecisionRepository,
    private readonly filings: FilingRepository,
  ) {}

  @Get('organizations/:organizationId/decisions')
  @ApiPathParams(OrganizationIdParam)
  @ApiOperation({ summary: 'The decisions that seat organization:<id>, with its votes (never one it proposed)' })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'all'], description: 'open (default) or all' })
  @ApiForbiddenResponse({ description: 'Not organization-admin or organization-staff of it' })
  async decisionsOf(
    @Param('organizationId') organizationId: string,
    @Query('status') status: string | undefined,
    @CurrentIdentity() who: Identity,
  ) {
    const party = checkedReader(organizationId, status, who, 'decisions');
    return (await this.decisions.listFor(party, status === 'all')).map(({ votes, ...decision }) => ({
      ...decision,
      votes: votes.map(sentView),
    }));
  }

  @Get('organizations/:organizationId/filings')
  @ApiPathParams(OrganizationIdParam)
  @ApiOperation({ summary: 'The filings organization:<id> may call in (never one it filed), with its call-ins' })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'all'], description: 'open (default) or all' })
  @ApiForbiddenResponse({ description: 'Not organization-admin or organization-staff of it' })
  async filingsOf(
    @Param('organizationId') organizationId: string,
    @Query('status') status: string | undefined,
    @CurrentIdentity() who: Identity,
  ) {
    const party = checkedReader(organizationId, status, who, 'filings');
    return (await this.filings.listFor(party, status === 'all')).map(({ callIns, ...filing }) => ({
      ...filing,
      callIns: callIns.map(sentView),
    }));
  }

  @Post('votes')
  @ApiOperation({
    summary: 'Cast the vote of organization:<id> on a decision that seats it (its organization-admin)',
    description: 'Governance may still refuse it (e.g. conflict-of-interest); the refusal shows on GET /votes/{id}.',
  })
  @ApiBody({ schema: CAST_VOTE_DOCUMENT })
  @ApiCreatedResponse({ description: 'Sent' })
  @ApiForbiddenResponse({ description: 'Not organization-admin of the party (staff never vote)' })
  @ApiNotFoundResponse({ description: 'The organization knows no such decision' })
  @ApiConflictResponse({ description: '`own-proposal`, `decision-closed` or `not-seated`' })
  async castVote(@Body() body: unknown, @CurrentIdentity() who: Identity) {
    return sentView(await this.cast.execute(body, who));
  }

  @Get('votes/:voteId')
  @ApiPathParams(VoteIdParam)
  @ApiOperation({ summary: 'A vote and whether governance refused it (status rejected, with code and reason)' })
  @ApiForbiddenResponse({ description: 'The token does not speak for the vote’s party' })
  @ApiNotFoundResponse({ description: 'No such vote' })
  async vote(@Param('voteId') voteId: string, @CurrentIdentity() who: Identity) {
    checkedId('voteId', voteId);
    const vote = await this.decisions.vote(voteId);
    if (!vote) throw new VoteNotFound(`no vote ${voteId}`);
    checkedSpeaker(who, vote.partyId, 'votes');
    return sentView(vote);
  }

  @Post('call-ins')
  @ApiOperation({
    summary: 'Call in a filed proposal for organization:<id> (its organization-admin), within the window',
    description: 'Governance counts call-ins by controller; a refusal shows on GET /call-ins/{id}.',
  })
  @ApiBody({ schema: openApiSchema(CallInBody) })
  @ApiCreatedResponse({ description: 'Sent' })
  @ApiForbiddenResponse({ description: 'Not organization-admin of the party' })
  @ApiNotFoundResponse({ description: 'The organization knows no filing of that proposal' })
  @ApiConflictResponse({ description: '`own-proposal`, `not-seated` or `call-in-closed`' })
  async callIn(@Body() body: unknown, @CurrentIdentity() who: Identity) {
    return sentView(await this.callIns.execute(body, who));
  }

  @Get('call-ins/:callInId')
  @ApiPathParams(CallInIdParam)
  @ApiOperation({ summary: 'A call-in and whether governance refused it' })
  @ApiForbiddenResponse({ description: 'The token does not speak for the call-in’s party' })
  @ApiNotFoundResponse({ description: 'No such call-in' })
  async callInOf(@Param('callInId') callInId: string, @CurrentIdentity() who: Identity) {
    checkedId('callInId', callInId);
    const callIn = await this.filings.callIn(callInId);
    if (!callIn) throw new VoteNotFound(`no call-in ${callInId}`);
    checkedSpeaker(who, callIn.partyId, 'call-ins');
    return sentView(callIn);
  }
}
