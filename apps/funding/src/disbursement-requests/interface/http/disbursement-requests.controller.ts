import { Body, Controller, Get, Param, Post, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { Id } from '@sanshe/contracts';
import { inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { FUNDER_ROLES } from '../../../access/funding-access';
import { RaiseDisbursementRequestHandler } from '../../application/raise-disbursement-request';
import { ReadDisbursementRequestsHandler } from '../../application/read-disbursement-requests';
import { type DisbursementRequest, REQUEST_BODIES } from '../../domain/disbursement-request';
import { DisbursementRequestErrorFilter } from './disbursement-request-error.filter';

/** A request as the API shows it: whether governance refused it, and why. */
const requestView = ({ castBySub, ...request }: DisbursementRequest) => ({ ...request, castBy: castBySub });

const GRANT_ID = { name: 'grantId', example: 'grant-2026-0007', schema: openApiSchema(Id) }; // as the handler checks it
const WHO = 'funder-admin or funder-staff of the grant’s funderId; the grant must be active. ';

/**
 * What a grant's funder asks of its disbursement, through funding: sanshe.funding.disbursement.objection-raised,
 * clawback-proposed and cancellation-requested (castBy = the funder party). Governance decides; a refusal shows
 * on GET /grants/{grantId}/requests.
 */
@ApiTags('disbursement requests')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@ApiForbiddenResponse({ description: 'Not funder-admin/-staff of the grant’s funder (reads: or an auditor)' })
@ApiNotFoundResponse({ description: 'Funding knows no such grant' })
@Controller('grants')
@UseFilters(DisbursementRequestErrorFilter)
export class DisbursementRequestsController {
  constructor(
    private readonly raise: RaiseDisbursementRequestHandler,
    private readonly read: ReadDisbursementRequestsHandler,
  ) {}

  @Post(':grantId/objections')
  @ApiOperation({
    summary: 'Object, as the grant’s funder, to a tranche during its public notice',
    description: `${WHO}Once per tranche while governance has not refused it (409 already-objected).`,
  })
  @ApiParam(GRANT_ID)
  @ApiBody({ schema: openApiSchema(REQUEST_BODIES.objection) })
  @ApiCreatedResponse({ description: 'Sent to governance' })
  @ApiConflictResponse({ description: '`grant-not-active` (with its status), `already-objected`' })
  @Access({ action: 'object to a tranche', roles: FUNDER_ROLES })
  async object(@Param('grantId') grantId: string, @Body() body: unknown, @CurrentIdentity() who: Identity) {
    return requestView(await this.raise.execute('objection', grantId, body, who));
  }

  @Post(':grantId/clawback-proposals')
  @ApiOperation({
    summary: 'Propose clawing back (part of) a paid tranche, as the grant’s funder',
    description: `${WHO}The tranche’s payment must be settled and the amount at most what it paid.`,
  })
  @ApiParam(GRANT_ID)
  @ApiBody({ schema: openApiSchema(REQUEST_BODIES.clawback) })
  @ApiCreatedResponse({ description: 'Sent to governance, which opens a grant-clawback decision' })
  @ApiConflictResponse({
    description:
      '`grant-not-active`, `tranche-not-paid` (paymentStatus), `amount-exceeds-paid` (paidFen, requestedFen)',
  })
  @Access({ action: 'propose a clawback', roles: FUNDER_ROLES })
  async proposeClawback(@Param('grantId') grantId: string, @Body() body: unknown, @CurrentIdentity() who: Identity) {
    return requestView(await this.raise.execute('clawback', grantId, body, who));
  }

  @Post(':grantId/cancellation-requests')
  @ApiOperation({
    summary: 'Ask, as the grant’s funder, that the grant be cancelled',
    description: `${WHO}Governance opens a grant-cancellation decision; one request at a time (409 cancellation-pending).`,
  })
  @ApiParam(GRANT_ID)
  @ApiBody({ schema: openApiSchema(REQUEST_BODIES.cancellation) })
  @ApiCreatedResponse({ description: 'Sent to governance' })
  @ApiConflictResponse({ description: '`grant-not-active` (with its status), `cancellation-pending`' })
  @Access({ action: 'ask to cancel a grant', roles: FUNDER_ROLES })
  async requestCancellation(
    @Param('grantId') grantId: string,
    @Body() body: unknown,
    @CurrentIdentity() who: Identity,
  ) {
    return requestView(await this.raise.execute('cancellation', grantId, body, who));
  }

  @Get(':grantId/requests')
  @ApiOperation({ summary: 'The funder’s requests about a grant, oldest first, and whether governance refused them' })
  @ApiParam(GRANT_ID)
  @ApiOkResponse({ description: 'status sent or refused (with refusal {code, reason})' })
  @Access({ action: 'read a grant’s disbursement requests', roles: [...FUNDER_ROLES, 'auditor'] })
  async list(@Param('grantId') grantId: string, @CurrentIdentity() who: Identity) {
    return (await this.read.ofGrant(grantId, who)).map(requestView);
  }
}
