import { Body, Controller, Get, Param, Post, Query, UseFilters } from '@nestjs/common';
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
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { ROLES } from '../../../access/community-access';
import { ReadDataAccessHandler } from '../../application/read-data-access';
import { ReadUnderGrantHandler } from '../../application/read-under-grant';
import { RequestDataAccessHandler } from '../../application/request-data-access';
import { DataAccessErrorFilter } from './data-access-error.filter';
import {
  AccessLogQuerySchema,
  AccessLogView,
  checked,
  CODED,
  GrantedReadView,
  GrantReadParams,
  RequestDataAccessBody,
  RequestIdParam,
  RequestView,
} from './data-access-schemas';
import { accessLogView, requestView } from './data-access-views';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';

const schema = openApiSchema;
const invalid = inputInvalidResponse();
const notFound = { description: 'Nothing matches; the message says what was looked for', schema: schema(CODED) };
const optionalDate = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

/**
 * Residents' data under a grant: an organization asks (governance decides, with the community's and the
 * residents' parties), reads only what a grant covers, and every read is in the access log.
 */
@ApiTags('data-access')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@Controller()
@UseFilters(DataAccessErrorFilter)
export class DataAccessController {
  constructor(
    private readonly requestAccess: RequestDataAccessHandler,
    private readonly readUnderGrant: ReadUnderGrantHandler,
    private readonly read: ReadDataAccessHandler,
  ) {}

  @Post('data-access-requests')
  @ApiOperation({
    summary: "Ask for residents' data for an approved activity, with data-access.requested (governance decides)",
    description:
      'By staff of the organization that proposed the activity. 400 naming the field (a resident not registered in ' +
      'the activity’s community: `/residentIds/<i>`), 404 unknown proposal, 409 proposal-not-approved; nothing written.',
  })
  @ApiBody({ schema: schema(RequestDataAccessBody) })
  @ApiCreatedResponse({ schema: schema(RequestView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  @ApiConflictResponse({ description: 'The activity is not approved', schema: schema(CODED) })
  @ApiForbiddenResponse({ description: 'Not organization-staff of the proposing organization' })
  @Access({ action: "request residents' data", roles: [ROLES.orgStaff] })
  async request(@Body() body: unknown, @CurrentIdentity() identity: Identity) {
    const command = checked(RequestDataAccessBody, body);
    const request = await this.requestAccess.execute({ ...command, identity });
    return requestView({ request, grant: null });
  }

  @Get('data-access-requests/:requestId')
  @ApiOperation({ summary: 'A request: its status, decision and grant (resident ids counted, not listed)' })
  @ApiOkResponse({ schema: schema(RequestView) })
  @ApiNotFoundResponse(notFound)
  @ApiForbiddenResponse({ description: "Not the requester's staff, the community's committee, nor an auditor" })
  @Access({
    action: 'read data-access requests',
    roles: [ROLES.orgStaff, ROLES.committeeMember, ROLES.committeeStaff, ROLES.auditor],
  })
  @ApiPathParams(RequestIdParam)
  async one(@Param('requestId') requestId: string, @CurrentIdentity() identity: Identity) {
    checked(RequestIdParam, { requestId }, '/params');
    return requestView(await this.read.request(requestId, identity));
  }

  @Get('data-access-grants/:grantId/residents/:residentId')
  @ApiOperation({
    summary: 'Read the granted fields of one covered resident; every attempt is in the access log',
    description:
      '403 with `code`: not-the-grantee (only the grantee organization’s staff, never the community’s), ' +
      'grant-expired, not-covered, consent-withdrawn (asked at every read). 404 for an unknown grant.',
  })
  @ApiOkResponse({ schema: schema(GrantedReadView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  @ApiForbiddenResponse({
    description: 'Refused, with the code saying why; the refusal is logged',
    schema: schema(CODED),
  })
  // Any token reaches the rule, so that a refused caller (the community's own staff too) is logged.
  @Access({ action: 'read residents under a grant' })
  @ApiPathParams(GrantReadParams)
  async readResident(
    @Param('grantId') grantId: string,
    @Param('residentId') residentId: string,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(GrantReadParams, { grantId, residentId }, '/params');
    return this.readUnderGrant.execute({ grantId, residentId, identity });
  }

  @Get('access-log')
  @ApiOperation({
    summary: 'Reads under grants, granted and refused, oldest first (at most 1000)',
    description:
      "An auditor reads every community's; a committee member or residents' representative reads their " +
      "community's (the resident's, the grant's or `communityCode`). `from` inclusive, `to` exclusive.",
  })
  @ApiOkResponse({ schema: schema(AccessLogView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  @ApiForbiddenResponse({
    description: "Not the resident's community's committee member or representative, nor an auditor",
  })
  @Access({ action: 'read the access log', roles: [ROLES.committeeMember, ROLES.residentsRep, ROLES.auditor] })
  async accessLog(@Query() query: Record<string, unknown>, @CurrentIdentity() identity: Identity) {
    const { from, to, ...ids } = checked(AccessLogQuerySchema, query, '/query');
    const rows = await this.read.accessLog({ ...ids, from: optionalDate(from), to: optionalDate(to) }, identity);
    return accessLogView(rows);
  }
}
