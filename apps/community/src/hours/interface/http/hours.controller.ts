import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
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
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, AccessDenied, CurrentIdentity, type Identity } from '@sanshe/auth';
import { StrictCommunityCode } from '@sanshe/contracts';
import { inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { communityParty, ROLES } from '../../../access/community-access';
import { codeProblem } from '../../../areas/domain/administrative-area';
import { AnswerHoursHandler, ConfirmBody, DisputeBody } from '../../application/answer-hours';
import { type CommunityHours, isAwaiting } from '../../domain/community-hours';
import { HoursInputInvalid, HoursNotFound } from '../../domain/hours-errors';
import { HoursRepository } from '../../domain/hours.repository';
import { HoursErrorFilter } from './hours-error.filter';

/** Hours as the API shows them: awaiting the committee or not, its answer (and governance's refusal), the settlement. */
const hoursView = (hours: CommunityHours, now = new Date()) => {
  const { answer, ...rest } = hours;
  const awaiting = isAwaiting(hours, now);
  if (!answer) return { ...rest, awaiting, answer: null };
  const { answeredBySub, ...shown } = answer;
  return { ...rest, awaiting, answer: { ...shown, answeredBy: answeredBySub } };
};

function readerRefusal(who: Identity, code: string): string | null {
  const party = communityParty(code);
  const roles = [ROLES.committeeMember, ROLES.committeeStaff];
  if (roles.some((role) => who.roles.includes(role)) && who.parties.includes(party)) return null;
  return `${who.sub} may not see the hours served in community ${code}: it needs the role committee-member or committee-staff for ${party}`;
}

/**
 * Hours confirmed by two parties, the community's side: an organization records its worker's hours in
 * talent; the committee confirms or disputes them within the window (silence is not a veto: the hours
 * count after it). Committee staff read, never answer.
 */
@ApiTags('hours')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@Controller()
@Access({ action: 'use the community’s hours' })
@UseFilters(HoursErrorFilter)
export class HoursController {
  constructor(
    private readonly answers: AnswerHoursHandler,
    private readonly hours: HoursRepository,
  ) {}

  @Get('communities/:communityCode/hours')
  @ApiOperation({ summary: 'Hours served in the community: those awaiting the committee, or all' })
  @ApiParam({ name: 'communityCode', example: '310104-005-001', schema: openApiSchema(StrictCommunityCode) })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ['awaiting', 'all'],
    description: 'awaiting (default: not answered, not settled, before confirmBy) or all',
  })
  @ApiForbiddenResponse({ description: 'Not a committee member or committee staff of the community' })
  async list(
    @Param('communityCode') code: string,
    @Query('status') status: string | undefined,
    @CurrentIdentity() who: Identity,
  ) {
    const problems = [];
    const problem = codeProblem('community', code);
    if (problem) problems.push({ path: '/params/communityCode', message: problem });
    if (status !== undefined && status !== 'awaiting' && status !== 'all') {
      problems.push({ path: '/query/status', message: 'must be awaiting or all' });
    }
    if (problems.length > 0) throw new HoursInputInvalid(problems);
    const refusal = readerRefusal(who, code);
    if (refusal) throw new AccessDenied(refusal);
    const now = new Date();
    return (await this.hours.listFor(code, status === 'all')).map((hours) => hoursView(hours, now));
  }

  @Post('hours/:hoursId/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'The committee confirms the hours (once, before confirmBy): community.hours.confirmed' })
  @ApiBody({ schema: openApiSchema(ConfirmBody), required: false })
  @ApiOkResponse({ description: 'Sent; governance’s refusal, if any, shows on the hours later' })
  @ApiForbiddenResponse({ description: 'Not a serving committee member of the hours’ community' })
  @ApiNotFoundResponse({ description: 'The community knows no such hours' })
  @ApiConflictResponse({
    description: '`hours-closed` (settled or past confirmBy) or `hours-answered` (answered before)',
  })
  async confirm(@Param('hoursId') hoursId: string, @Body() body: unknown, @CurrentIdentity() who: Identity) {
    return hoursView(await this.answers.execute({ hoursId, kind: 'confirmed', body }, who));
  }

  @Post('hours/:hoursId/dispute')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The committee disputes the hours with a reason (once, before confirmBy): community.hours.disputed',
    description: 'A dispute opens a decision with a third party in governance; the hours settle by its outcome.',
  })
  @ApiBody({ schema: openApiSchema(DisputeBody) })
  @ApiOkResponse({ description: 'Sent' })
  @ApiForbiddenResponse({ description: 'Not a serving committee member of the hours’ community' })
  @ApiNotFoundResponse({ description: 'The community knows no such hours' })
  @ApiConflictResponse({ description: '`hours-closed` or `hours-answered`' })
  async dispute(@Param('hoursId') hoursId: string, @Body() body: unknown, @CurrentIdentity() who: Identity) {
    return hoursView(await this.answers.execute({ hoursId, kind: 'disputed', body }, who));
  }

  @Get('hours/:hoursId')
  @ApiOperation({ summary: 'Hours served in a community, with the committee’s answer and the settlement' })
  @ApiForbiddenResponse({ description: 'Not a committee member or committee staff of the hours’ community' })
  @ApiNotFoundResponse({ description: 'The community knows no such hours' })
  async one(@Param('hoursId') hoursId: string, @CurrentIdentity() who: Identity) {
    const hours = await this.hours.find(hoursId);
    if (!hours) throw new HoursNotFound(`the community knows no hours ${hoursId}`);
    const refusal = readerRefusal(who, hours.communityCode);
    if (refusal) throw new AccessDenied(refusal);
    return hoursView(hours);
  }
}
