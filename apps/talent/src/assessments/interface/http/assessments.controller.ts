import { Body, Controller, Get, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiBadRequestResponse,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { DecisionId, Id } from '@sanshe/contracts';
import { inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { AssessorVoteBody, CastAssessorVote } from '../../application/cast-assessor-vote';
import { ListAssessments } from '../../application/list-assessments';
import { ClawbackBody, ObjectionBody, RaiseAssessorRequest } from '../../application/raise-assessor-request';
import type { SeatReply } from '../../application/seat-action';
import { AssessmentErrorFilter } from './assessment-error.filter';

/** A wildcard parameter arrives as its path segments. */
const joined = (segments: string | string[]) => (Array.isArray(segments) ? segments.join('/') : segments);

/** 201 when this request sent the event, 200 when the same request had sent it before. */
function answered(reply: SeatReply, response: { status(code: number): unknown }): SeatReply {
  response.status(reply.sent ? 201 : 200);
  return reply;
}

const DECISION = {
  name: 'decisionId',
  description: 'decision/milestone-verification/<grantId>.t<n>[.r<k>]',
  schema: openApiSchema(DecisionId),
};
const FORBIDDEN = 'Not the bound assessor’s own token (role talent-worker, party talent-worker:<workerId>)';
const CONFLICTS =
  '`assessor-unbound` (nobody eligible: talent abstained), `already-voted` / `already-requested` (with eventId)';

/**
 * The independent assessor of a milestone verification (`talent:independent-assessor`): the worker talent
 * bound acts for the seat — votes, objects during the tranche's public notice, proposes a clawback.
 */
@ApiTags('assessments')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@Controller('assessments')
@Access({ action: 'use assessments' })
@UseFilters(AssessmentErrorFilter)
export class AssessmentsController {
  constructor(
    private readonly vote: CastAssessorVote,
    private readonly requests: RaiseAssessorRequest,
    private readonly list: ListAssessments,
  ) {}

  @Get()
  @ApiOperation({ summary: 'A worker’s bindings as independent assessor, newest first' })
  @ApiQuery({ name: 'workerId', required: true, schema: openApiSchema(Id) })
  @ApiOkResponse({ description: 'Each binding: decisionId, subjectId, organizationId, status, reason, round, closed' })
  @ApiForbiddenResponse({ description: 'Not the worker’s own token, a talent-admin or an auditor' })
  async byWorker(@Query('workerId') workerId: string | undefined, @CurrentIdentity() who: Identity) {
    return this.list.execute(workerId, who);
  }

  @Post('*decisionId/vote')
  @ApiOperation({ summary: 'The assessor’s vote in the open round (sanshe.talent.decision.vote-cast.v1)' })
  @ApiParam(DECISION)
  @ApiBody({ schema: openApiSchema(AssessorVoteBody) })
  @ApiCreatedResponse({ description: 'Sent; 200: the same vote was sent before' })
  @ApiForbiddenResponse({ description: `${FORBIDDEN}; the message names who is bound` })
  @ApiNotFoundResponse({ description: 'Talent bound no assessor to the decision' })
  @ApiConflictResponse({ description: `${CONFLICTS}, \`decision-closed\`, \`wrong-round\`` })
  async castVote(
    @Param('decisionId') decisionId: string | string[],
    @Body() body: unknown,
    @CurrentIdentity() who: Identity,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ) {
    return answered(await this.vote.execute(joined(decisionId), body, who), response);
  }

  @Post('*decisionId/objection')
  @ApiOperation({
    summary: 'Object during the tranche’s public notice (sanshe.talent.disbursement.objection-raised.v1)',
  })
  @ApiParam(DECISION)
  @ApiBody({ schema: openApiSchema(ObjectionBody) })
  @ApiCreatedResponse({ description: 'Sent; 200: the same objection was sent before' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: 'Talent bound no assessor to the decision' })
  @ApiConflictResponse({ description: `${CONFLICTS}, \`not-a-tranche\`` })
  async object(
    @Param('decisionId') decisionId: string | string[],
    @Body() body: unknown,
    @CurrentIdentity() who: Identity,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ) {
    return answered(await this.requests.objection(joined(decisionId), body, who), response);
  }

  @Post('*decisionId/clawback-proposal')
  @ApiOperation({ summary: 'Propose recovering the paid tranche (sanshe.talent.disbursement.clawback-proposed.v1)' })
  @ApiParam(DECISION)
  @ApiBody({ schema: openApiSchema(ClawbackBody) })
  @ApiCreatedResponse({ description: 'Sent; 200: the same proposal was sent before' })
  @ApiForbiddenResponse({ description: FORBIDDEN })
  @ApiNotFoundResponse({ description: 'Talent bound no assessor to the decision' })
  @ApiConflictResponse({ description: `${CONFLICTS}, \`not-a-tranche\`` })
  async proposeClawback(
    @Param('decisionId') decisionId: string | string[],
    @Body() body: unknown,
    @CurrentIdentity() who: Identity,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ) {
    return answered(await this.requests.clawback(joined(decisionId), body, who), response);
  }
}
