import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { Access, AccessDenied, authorize, CurrentIdentity, type Identity } from '@sanshe/auth';
import { inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { FUNDER_ROLES, funderPartiesOf, isAuditor } from '../../../access/funding-access';
import { CastStaffVoteHandler } from '../../application/cast-staff-vote';
import { isFunderParty } from '../../domain/funder-seat';
import { VotesRepository } from '../../domain/votes.repository';
import { VoteErrorFilter } from './vote-error.filter';
import {
  checked,
  checkedVote,
  DecisionIdParam,
  DecisionsQuery,
  DecisionView,
  STAFF_VOTE_DOCUMENT,
  VoteView,
} from './vote-schemas';

/** A wildcard parameter arrives as its path segments. */
const joined = (segments: string | string[]) => (Array.isArray(segments) ? segments.join('/') : segments);

const DECISION_ID = {
  name: 'decisionId',
  description: 'decision/<kind>/<subjectId> (its slashes as they are)',
  schema: openApiSchema(DecisionIdParam.properties.decisionId), // as the handler checks it
};

/**
 * The funder's seat: the decisions seating a funder party the caller speaks for (its inbox), the votes
 * cast (by FUNDING_VOTE_RULES or by staff, with governance's refusal if any), and a staff vote for a seat
 * whose program votes by staff (or a decision with no program).
 */
@ApiTags('votes')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiForbiddenResponse({ description: 'Not funder-admin/-staff of the seat’s party (reads: or an auditor)' })
@Controller('decisions')
@UseFilters(VoteErrorFilter)
export class FunderVotesController {
  constructor(
    private readonly votes: VotesRepository,
    private readonly castStaffVote: CastStaffVoteHandler,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Decisions seating the caller’s funder parties; ?pending=true: open and not yet voted' })
  @ApiOkResponse({ schema: openApiSchema(Type.Array(DecisionView)) })
  @ApiBadRequestResponse(inputInvalidResponse())
  @Access({ action: 'read the funder’s decisions', roles: [...FUNDER_ROLES, 'auditor'] })
  async inbox(@Query() query: Record<string, unknown>, @CurrentIdentity() identity: Identity) {
    const { pending } = checked(DecisionsQuery, query, '/query');
    const parties = isAuditor(identity) ? null : funderPartiesOf(identity).filter(isFunderParty);
    if (parties?.length === 0) {
      throw new AccessDenied(
        `${identity.sub} may not read the funder’s decisions: the token speaks for no funder:* party`,
      );
    }
    return this.votes.decisionsSeating(parties, { pending: pending === 'true' });
  }

  @Get('*decisionId/votes')
  @ApiOperation({ summary: 'The funder seats’ votes on a decision, oldest round first' })
  @ApiParam({ ...DECISION_ID })
  @ApiOkResponse({ schema: openApiSchema(Type.Array(VoteView)) })
  @ApiBadRequestResponse(inputInvalidResponse())
  @Access({ action: 'read the funder’s votes' })
  async votesOf(@Param('decisionId') decisionId: string | string[]) {
    const id = joined(decisionId);
    checked(DecisionIdParam, { decisionId: id }, '/params');
    return this.votes.votesOf(id);
  }

  @Post('*decisionId/votes')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cast the seat’s vote for the current round (funder-admin/-staff of partyId)',
    description: 'One vote per party and round: 409 already-voted (by rules or staff), not-seated, decision-closed.',
  })
  @ApiParam({ ...DECISION_ID })
  @ApiBody({ schema: STAFF_VOTE_DOCUMENT })
  @ApiOkResponse({ schema: openApiSchema(VoteView) })
  @ApiNotFoundResponse({ description: 'Funding tracks no such decision seating a funder' })
  @ApiConflictResponse({ description: 'decision-closed, not-seated, already-voted' })
  @ApiBadRequestResponse(inputInvalidResponse())
  @Access({ action: 'vote for a funder seat', roles: FUNDER_ROLES })
  async cast(
    @Param('decisionId') decisionId: string | string[],
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    const id = joined(decisionId);
    checked(DecisionIdParam, { decisionId: id }, '/params');
    const { partyId, choice, reason } = checkedVote(body);
    const rule = { action: 'vote for a funder seat', roles: FUNDER_ROLES, parties: () => [partyId] };
    authorize(identity, rule, { params: {}, query: {}, body });
    return this.castStaffVote.execute({ decisionId: id, partyId, choice, reason, castBy: identity.sub });
  }
}
