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
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { Access, authorize, CurrentIdentity, type Identity } from '@sanshe/auth';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { ROLES } from '../../../access/funding-access';
import { ApplicationsRepository } from '../../../applications/domain/applications.repository';
import { AwardGrantHandler } from '../../application/award-grant';
import { ReadGrantsHandler } from '../../application/read-grants';
import { GrantNotFound } from '../../domain/grant-errors';
import { GrantErrorFilter } from './grant-error.filter';
import { ApplicationIdParam, AwardBody, checked, GrantIdParam, GrantQuery, GrantView } from './grant-schemas';

const VIEW = { schema: openApiSchema(GrantView) };
const ADMIN = [ROLES.funderAdmin];

/**
 * Grants: a funder-admin of the program's funder awards a received application (grant.awarded opens the
 * grant-award decision); governance's outcome alone activates or voids it. Read by the organization (its
 * own), the funder (its own) and auditors.
 */
@ApiTags('grants')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiForbiddenResponse({ description: 'Not a reader of grants, or not a funder-admin of the program’s funder' })
@Controller()
@Access({ action: 'use grants' })
@UseFilters(GrantErrorFilter)
export class GrantsController {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly awardGrant: AwardGrantHandler,
    private readonly read: ReadGrantsHandler,
  ) {}

  @Post('applications/:applicationId/award')
  @ApiPathParams(ApplicationIdParam)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Award a received application (funder-admin of its program’s funder): grant.awarded, status awarded',
    description:
      'At most the amount requested (400 naming /amount/amountFen) and the program’s available budget less the ' +
      'awards pending their decision (409 insufficient-available). Active only once governance approves.',
  })
  @ApiBody({ schema: openApiSchema(AwardBody) })
  @ApiOkResponse(VIEW)
  @ApiNotFoundResponse({ description: 'No such application' })
  @ApiConflictResponse({
    description: 'application-not-open, insufficient-available, program-closed, organization-deregistered',
  })
  @ApiBadRequestResponse(inputInvalidResponse())
  @Access({ action: 'award grants', roles: ADMIN })
  async award(
    @Param('applicationId') applicationId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(ApplicationIdParam, { applicationId }, '/params');
    const { amount, title } = checked(AwardBody, body);
    const application = await this.applications.find(applicationId);
    if (!application) throw new GrantNotFound(`application ${applicationId}`);
    const parties = () => (application.funderId ? [application.funderId] : []);
    authorize(identity, { action: 'award grants', roles: ADMIN, parties }, { params: {}, query: {}, body });
    return this.awardGrant.execute({ applicationId, amount, title, awardedBy: identity.sub });
  }

  @Get('grants')
  @ApiOperation({ summary: 'Grants the caller may read, newest first (?programId&organizationId&funderId&status)' })
  @ApiOkResponse({ schema: openApiSchema(Type.Array(GrantView)) })
  @ApiBadRequestResponse(inputInvalidResponse())
  async list(@Query() query: Record<string, unknown>, @CurrentIdentity() identity: Identity) {
    return this.read.list(identity, checked(GrantQuery, query, '/query'));
  }

  @Get('grants/:grantId')
  @ApiPathParams(GrantIdParam)
  @ApiOperation({ summary: 'One grant with its tranches (once active) and its ledger balances' })
  @ApiOkResponse(VIEW)
  @ApiNotFoundResponse({ description: 'No such grant, or not one the caller may read' })
  @ApiBadRequestResponse(inputInvalidResponse())
  async one(@Param('grantId') grantId: string, @CurrentIdentity() identity: Identity) {
    checked(GrantIdParam, { grantId }, '/params');
    return this.read.one(identity, grantId);
  }
}
