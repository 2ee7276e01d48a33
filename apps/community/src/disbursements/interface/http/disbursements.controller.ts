import { Body, Controller, Get, Param, Post, Query, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, AccessDenied, CurrentIdentity, type Identity } from '@sanshe/auth';
import { Id, schemaProblems, StrictCommunityCode } from '@sanshe/contracts';
import { inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { communityParty, residentsParty, ROLES } from '../../../access/community-access';
import { codeProblem } from '../../../areas/domain/administrative-area';
import { RaiseDisbursementRequestHandler } from '../../application/raise-disbursement-request';
import {
  ClawbackBody,
  type DisbursementRequest,
  ObjectionBody,
  readerRefusal,
} from '../../domain/disbursement-request';
import { RequestInputInvalid } from '../../domain/disbursement-request-errors';
import { DisbursementRequestRepository } from '../../domain/disbursement-request.repository';
import { DisbursementRequestErrorFilter } from './disbursement-request-error.filter';

/** A request as the API shows it: whether governance refused it, and why. */
const requestView = ({ castBySub, ...request }: DisbursementRequest) => ({ ...request, castBy: castBySub });

const WHO =
  'committee-member for community:<code> (party community), residents-representative for residents:<code> ' +
  '(party residents), each a serving member of that body. ';

/**
 * What the community's parties ask of a grant's disbursement: an objection during a tranche's public notice
 * (sanshe.community.disbursement.objection-raised.v1), a clawback of a paid tranche (….clawback-proposed.v1).
 * Governance applies each to the grant's disbursement; a refusal shows on GET …/requests.
 */
@ApiTags('disbursements')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@Controller('disbursements')
@Access({ action: 'use the community’s disbursement requests' })
@UseFilters(DisbursementRequestErrorFilter)
export class DisbursementsController {
  constructor(
    private readonly raise: RaiseDisbursementRequestHandler,
    private readonly requests: DisbursementRequestRepository,
  ) {}

  @Post(':grantId/objections')
  @ApiOperation({
    summary: 'Object to a tranche of a grant during its public notice, for community:<code> or residents:<code>',
    description: `${WHO}Once per party and tranche (409 already-objected); governance checks the stage and seat.`,
  })
  @ApiParam({ name: 'grantId', example: 'grant-2026-0007', schema: openApiSchema(Id) })
  @ApiBody({ schema: openApiSchema(ObjectionBody) })
  @ApiCreatedResponse({ description: 'Sent to governance' })
  @ApiForbiddenResponse({ description: 'Not a serving member of the party’s body with its voting role' })
  @ApiConflictResponse({ description: '`already-objected`: the party objected to this tranche already' })
  async object(@Param('grantId') grantId: string, @Body() body: unknown, @CurrentIdentity() who: Identity) {
    return requestView(await this.raise.execute('objection', grantId, body, who));
  }

  @Post(':grantId/clawback-proposals')
  @ApiOperation({
    summary: 'Propose clawing back (part of) a paid tranche, for community:<code> or residents:<code>',
    description: `${WHO}Governance opens a grant-clawback decision; amount in fen, at most what the tranche paid.`,
  })
  @ApiParam({ name: 'grantId', example: 'grant-2026-0007', schema: openApiSchema(Id) })
  @ApiBody({ schema: openApiSchema(ClawbackBody) })
  @ApiCreatedResponse({ description: 'Sent to governance' })
  @ApiForbiddenResponse({ description: 'Not a serving member of the party’s body with its voting role' })
  async proposeClawback(@Param('grantId') grantId: string, @Body() body: unknown, @CurrentIdentity() who: Identity) {
    return requestView(await this.raise.execute('clawback', grantId, body, who));
  }

  @Get(':grantId/requests')
  @ApiOperation({ summary: 'The community’s requests about a grant, and whether governance refused them' })
  @ApiParam({ name: 'grantId', example: 'grant-2026-0007', schema: openApiSchema(Id) })
  @ApiQuery({
    name: 'communityCode',
    required: true,
    example: '310104-005-001',
    schema: openApiSchema(StrictCommunityCode),
  })
  @ApiOkResponse({ description: 'Oldest first; status sent or refused (with code and reason)' })
  @ApiForbiddenResponse({ description: 'Not a committee member, committee staff or residents’ representative of it' })
  async list(
    @Param('grantId') grantId: string,
    @Query('communityCode') code: string | undefined,
    @CurrentIdentity() who: Identity,
  ) {
    const problem = codeProblem('community', code ?? '');
    const problems = schemaProblems(Id, grantId, '/params/grantId');
    if (problem) problems.push({ path: '/query/communityCode', message: problem });
    if (problems.length > 0) throw new RequestInputInvalid(problems);
    const communityCode = code ?? '';
    const refusal = readerRefusal(who, communityCode, [
      { role: ROLES.committeeMember, party: communityParty(communityCode) },
      { role: ROLES.committeeStaff, party: communityParty(communityCode) },
      { role: ROLES.residentsRep, party: residentsParty(communityCode) },
    ]);
    if (refusal) throw new AccessDenied(refusal);
    const parties = [communityParty(communityCode), residentsParty(communityCode)];
    return (await this.requests.listFor(grantId, parties)).map(requestView);
  }
}
