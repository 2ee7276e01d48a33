import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access } from '@sanshe/auth';
import { DecisionId, schemaProblems } from '@sanshe/contracts';
import { inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { VoteInputInvalid } from '../../domain/vote-errors';
import { VotesRepository, type VoteView } from '../../domain/votes.repository';
import { VoteErrorFilter } from './vote-error.filter';

/** A wildcard parameter arrives as its path segments. */
const joined = (segments: string | string[]) => (Array.isArray(segments) ? segments.join('/') : segments);

/**
 * What the talent party voted and why, per round: the choice, the revision and rules version judged,
 * the objection's reason, and governance's refusal if it refused the vote. Any token reads it (the
 * votes are the public side of a decision).
 */
@ApiTags('votes')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@Controller()
@Access({ action: 'read the talent party’s votes' })
@UseFilters(VoteErrorFilter)
export class TalentVotesController {
  constructor(private readonly votes: VotesRepository) {}

  @Get('votes')
  @ApiOperation({ summary: 'The talent party’s votes on a decision, oldest round first' })
  @ApiQuery({ name: 'decisionId', required: true, schema: openApiSchema(DecisionId) })
  @ApiOkResponse({
    description: 'Each vote: party, round, revisionNo, rulesVersion, choice, reason, status, rejection',
  })
  async byQuery(@Query('decisionId') decisionId: string | undefined): Promise<VoteView[]> {
    return this.votesOf(decisionId, '/query/decisionId');
  }

  @Get('decisions/*decisionId/talent-votes')
  @ApiOperation({ summary: 'The talent party’s votes on a decision (the id’s slashes as they are)' })
  @ApiParam({ name: 'decisionId', schema: openApiSchema(DecisionId) })
  @ApiOkResponse({ description: 'As GET /votes?decisionId=' })
  async byPath(@Param('decisionId') decisionId: string | string[]): Promise<VoteView[]> {
    return this.votesOf(joined(decisionId), '/params/decisionId');
  }

  private async votesOf(decisionId: string | undefined, path: string): Promise<VoteView[]> {
    const problems =
      decisionId === undefined ? [{ path, message: 'is required' }] : schemaProblems(DecisionId, decisionId, path);
    if (problems.length > 0) throw new VoteInputInvalid(problems);
    return this.votes.votesOf(decisionId as string);
  }
}
