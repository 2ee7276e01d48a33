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
import { DeclineApplicationHandler } from '../../application/decline-application';
import { ReadApplicationsHandler } from '../../application/read-applications';
import { ApplicationErrorFilter } from './application-error.filter';
import { ApplicationIdParam, ApplicationQuery, ApplicationView, checked, DeclineBody } from './application-schemas';

const VIEW = { schema: openApiSchema(ApplicationView) };
const notFound = { description: 'No such application, or not one the caller may read' };

/**
 * Applications: an approved proposal asking a program for money, eligible or not (with the reasons). The
 * organization reads its own, a funder its programs', an auditor all; a funder-admin declines one here and
 * awards one with POST /applications/{id}/award (grants).
 */
@ApiTags('applications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiForbiddenResponse({
  description: 'Not a funder, an organization or an auditor (or not the program’s funder-admin)',
})
@Controller('applications')
@Access({ action: 'use applications' })
@UseFilters(ApplicationErrorFilter)
export class ApplicationsController {
  constructor(
    private readonly read: ReadApplicationsHandler,
    private readonly decline: DeclineApplicationHandler,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Applications the caller may read, newest first (?programId&organizationId&status)' })
  @ApiOkResponse({ schema: openApiSchema(Type.Array(ApplicationView)) })
  @ApiBadRequestResponse(inputInvalidResponse())
  async list(@Query() query: Record<string, unknown>, @CurrentIdentity() identity: Identity) {
    return this.read.list(identity, checked(ApplicationQuery, query, '/query'));
  }

  @Get(':applicationId')
  @ApiPathParams(ApplicationIdParam)
  @ApiOperation({ summary: 'One application' })
  @ApiOkResponse(VIEW)
  @ApiNotFoundResponse(notFound)
  @ApiBadRequestResponse(inputInvalidResponse())
  async one(@Param('applicationId') applicationId: string, @CurrentIdentity() identity: Identity) {
    checked(ApplicationIdParam, { applicationId }, '/params');
    return this.read.one(identity, applicationId);
  }

  @Post(':applicationId/decline')
  @ApiPathParams(ApplicationIdParam)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Decline a received application (funder-admin of its program’s funder); no grant' })
  @ApiBody({ schema: openApiSchema(DeclineBody) })
  @ApiOkResponse(VIEW)
  @ApiNotFoundResponse(notFound)
  @ApiConflictResponse({ description: 'application-not-open: only a received application is declined' })
  @ApiBadRequestResponse(inputInvalidResponse())
  @Access({ action: 'decline applications', roles: [ROLES.funderAdmin] })
  async declineOne(
    @Param('applicationId') applicationId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(ApplicationIdParam, { applicationId }, '/params');
    const { reason } = checked(DeclineBody, body);
    const application = await this.read.unscoped(applicationId);
    const parties = () => (application.funderId ? [application.funderId] : []);
    authorize(
      identity,
      { action: 'decline applications', roles: [ROLES.funderAdmin], parties },
      {
        params: {},
        query: {},
        body,
      },
    );
    return this.decline.execute({ applicationId, reason, declinedBy: identity.sub });
  }
}
