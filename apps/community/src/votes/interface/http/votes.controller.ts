import { Body, Controller, Get, Param, Post, Query, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, AccessDenied, CurrentIdentity, type Identity } from '@sanshe/auth';
import { StrictCommunityCode } from '@sanshe/contracts';
import { openApiSchema } from '@sanshe/nest-platform';
import { communityParty, residentsParty, roleRefusal } from '../../../access/community-access';
import { codeProblem } from '../../../areas/domain/administrative-area';
import { CastVoteBody, CastVoteHandler } from '../../application/cast-vote';
import { VOTING_ROLE, type CommunityVote } from '../../domain/community-vote';
import { DecisionRepository } from '../../domain/decision.repository';
import { VoteInputInvalid, VoteNotFound } from '../../domain/vote-errors';
import { VoteErrorFilter } from './vote-error.filter';

/** The body as checked, and voteInputProblems' rule: an objection carries its reason. */
const CAST_VOTE_DOCUMENT = {
  ...openApiSchema(CastVoteBody),
  anyOf: [{ properties: { choice: { type: 'string', enum: ['approve', 'abstain'] } } }, { required: ['reason'] }],
  description: 'reason (code and text) is required when objecting',
};

/** A vote as the API shows it: whether governance refused it, and why. */
const voteView = ({ castBySub, ...vote }: CommunityVote) => ({ ...vote, castBy: castBySub });

/**
 * The community's votes: its committee members (community:<code>) and its residents' representatives
 * (residents:<code>) see the decisions that wait on their party and cast its vote, which leaves as
 * sanshe.community.decision.vote-cast.v1. Committee staff never vote.
 */
@ApiTags('votes')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse({ description: 'A malformed field; `problems` names each one' })
@Controller()
@UseFilters(VoteErrorFilter)
export class VotesController {
  constructor(
    private readonly cast: CastVoteHandler,
    private readonly decisions: DecisionRepository,
  ) {}

  @Get('communities/:communityCode/decisions')
  @Access({ action: 'list the decisions that wait on a community’s party' })
  @ApiOperation({
    summary: 'The decisions that seat the community’s committee (party=community) or residents (party=residents)',
  })
  @ApiParam({ name: 'communityCode', example: '310104-005-001', schema: openApiSchema(StrictCommunityCode) })
  @ApiQuery({ name: 'party', enum: ['community', 'residents'] })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ['open', 'all'],
    description: 'open (default) or all, closed too',
  })
  @ApiForbiddenResponse({
    description: 'Not a committee member (community) / residents’ representative (residents) of it',
  })
  async list(
    @Param('communityCode') code: string,
    @Query('party') party: string | undefined,
    @Query('status') status: string | undefined,
    @CurrentIdentity() who: Identity,
  ) {
    const problem = codeProblem('community', code);
    if (problem) throw new VoteInputInvalid([{ path: '/params/communityCode', message: problem }]);
    if (party !== 'community' && party !== 'residents') {
      throw new VoteInputInvalid([{ path: '/query/party', message: 'must be community or residents' }]);
    }
    if (status !== undefined && status !== 'open' && status !== 'all') {
      throw new VoteInputInvalid([{ path: '/query/status', message: 'must be open or all' }]);
    }
    const partyId = party === 'community' ? communityParty(code) : residentsParty(code);
    const role = VOTING_ROLE[party === 'community' ? 'committee' : 'residents'];
    const refusal = roleRefusal(who, role, [partyId], `see the decisions of ${partyId}`);
    if (refusal) throw new AccessDenied(refusal);
    return (await this.decisions.listFor(partyId, status === 'all')).map(({ votes, ...decision }) => ({
      ...decision,
      votes: votes.map(voteView),
    }));
  }

  @Post('votes')
  @Access({ action: 'cast a community’s vote' })
  @ApiOperation({
    summary: 'Cast the vote of community:<code> or residents:<code> on a decision that seats it',
    description:
      'Sent to governance as decision.vote-cast; governance may still refuse it (e.g. changed-vote), and the ' +
      'refusal then shows on GET /votes/{voteId}.',
  })
  @ApiBody({ schema: CAST_VOTE_DOCUMENT })
  @ApiCreatedResponse({ description: 'Sent' })
  @ApiForbiddenResponse({ description: 'Not a serving member of the party’s body with its voting role' })
  @ApiNotFoundResponse({ description: 'The community knows no such decision' })
  @ApiConflictResponse({ description: '`not-seated` or `decision-closed`' })
  async castVote(@Body() body: unknown, @CurrentIdentity() who: Identity) {
    return voteView(await this.cast.execute(body, who));
  }

  @Get('votes/:voteId')
  @Access({ action: 'read a community’s vote' })
  @ApiOperation({ summary: 'A vote and whether governance refused it (status rejected, with code and reason)' })
  @ApiForbiddenResponse({ description: 'The token does not speak for the vote’s party' })
  @ApiNotFoundResponse({ description: 'No such vote' })
  async vote(@Param('voteId') voteId: string, @CurrentIdentity() who: Identity) {
    const vote = await this.decisions.vote(voteId);
    if (!vote) throw new VoteNotFound(`no vote ${voteId}`);
    if (!who.parties.includes(vote.partyId)) {
      throw new AccessDenied(`${who.sub} may not read the votes of ${vote.partyId}: the token does not speak for it`);
    }
    return voteView(vote);
  }
}
