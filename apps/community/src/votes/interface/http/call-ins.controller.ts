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
import { inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { communityParty, residentsParty, ROLES } from '../../../access/community-access';
import { codeProblem } from '../../../areas/domain/administrative-area';
import { CallInBody, RequestCallInHandler } from '../../application/request-call-in';
import type { CommunityCallIn } from '../../domain/community-filing';
import { FilingRepository } from '../../domain/filing.repository';
import { VoteInputInvalid, VoteNotFound } from '../../domain/vote-errors';
import { VoteErrorFilter } from './vote-error.filter';

/** A call-in as the API shows it: whether governance refused it, and why. */
const callInView = ({ castBySub, ...callIn }: CommunityCallIn) => ({ ...callIn, castBy: castBySub });

/** Who may read a community's filings: its committee (members and staff) and its residents' representatives. */
function readerRefusal(who: Identity, code: string): string | null {
  const readers = [
    { role: ROLES.committeeMember, party: communityParty(code) },
    { role: ROLES.committeeStaff, party: communityParty(code) },
    { role: ROLES.residentsRep, party: residentsParty(code) },
  ];
  if (readers.some(({ role, party }) => who.roles.includes(role) && who.parties.includes(party))) return null;
  return (
    `${who.sub} may not see the filings of community ${code}: it needs the role committee-member or ` +
    `committee-staff for ${communityParty(code)}, or residents-representative for ${residentsParty(code)}`
  );
}

/**
 * Filing instead of approval, the community's side: a filed activity goes ahead unless parties of two
 * controllers call it in within the window. The committee and the residents' representatives see the
 * filings that seat their parties, and call one in (sanshe.community.filing.call-in-requested.v1).
 * Committee staff read, never call in.
 */
@ApiTags('votes')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@Controller()
@Access({ action: 'use the community’s call-ins' })
@UseFilters(VoteErrorFilter)
export class CallInsController {
  constructor(
    private readonly callIns: RequestCallInHandler,
    private readonly filings: FilingRepository,
  ) {}

  @Get('communities/:communityCode/filings')
  @ApiOperation({
    summary: 'The filed proposals community:<code> or residents:<code> may call in, with their call-ins',
  })
  @ApiParam({ name: 'communityCode', example: '310104-005-001', schema: openApiSchema(StrictCommunityCode) })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ['open', 'all'],
    description: 'open (default: noticed and within the window) or all, called in and past the window too',
  })
  @ApiForbiddenResponse({ description: 'Not a committee member, committee staff or residents’ representative of it' })
  async list(
    @Param('communityCode') code: string,
    @Query('status') status: string | undefined,
    @CurrentIdentity() who: Identity,
  ) {
    const problems = [];
    const problem = codeProblem('community', code);
    if (problem) problems.push({ path: '/params/communityCode', message: problem });
    if (status !== undefined && status !== 'open' && status !== 'all') {
      problems.push({ path: '/query/status', message: 'must be open or all' });
    }
    if (problems.length > 0) throw new VoteInputInvalid(problems);
    const refusal = readerRefusal(who, code);
    if (refusal) throw new AccessDenied(refusal);
    const filings = await this.filings.listFor([communityParty(code), residentsParty(code)], status === 'all');
    return filings.map(({ callIns, ...filing }) => ({ ...filing, callIns: callIns.map(callInView) }));
  }

  @Post('call-ins')
  @ApiOperation({
    summary: 'Call in a filed proposal for community:<code> or residents:<code>, within the window',
    description:
      'committee-member calls in for community:<code>, residents-representative for residents:<code>, each a ' +
      'serving member of that body. Governance counts call-ins by controller (the community is one); a refusal ' +
      'shows on GET /call-ins/{callInId}.',
  })
  @ApiBody({ schema: openApiSchema(CallInBody) })
  @ApiCreatedResponse({ description: 'Sent' })
  @ApiForbiddenResponse({ description: 'Not a serving member of the party’s body with its voting role' })
  @ApiNotFoundResponse({ description: 'The community knows no filing of that proposal' })
  @ApiConflictResponse({
    description: '`not-seated`, or `call-in-closed` (past the window, called in, or already by the party)',
  })
  async callIn(@Body() body: unknown, @CurrentIdentity() who: Identity) {
    return callInView(await this.callIns.execute(body, who));
  }

  @Get('call-ins/:callInId')
  @ApiOperation({ summary: 'A call-in and whether governance refused it (status rejected, with code and reason)' })
  @ApiForbiddenResponse({ description: 'The token does not speak for the call-in’s party' })
  @ApiNotFoundResponse({ description: 'No such call-in' })
  async callInOf(@Param('callInId') callInId: string, @CurrentIdentity() who: Identity) {
    const callIn = await this.filings.callIn(callInId);
    if (!callIn) throw new VoteNotFound(`no call-in ${callInId}`);
    if (!who.parties.includes(callIn.partyId)) {
      throw new AccessDenied(
        `${who.sub} may not read the call-ins of ${callIn.partyId}: the token does not speak for it`,
      );
    }
    return callInView(callIn);
  }
}
