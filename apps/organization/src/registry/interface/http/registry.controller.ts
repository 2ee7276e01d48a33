import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Res, UseFilters } from '@nestjs/common';
import {
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
  ApiBadRequestResponse,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { ORGANIZATION_TYPES } from '@sanshe/contracts';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { ChangeStatusHandler } from '../../application/change-status';
import { GradeOrganizationHandler } from '../../application/grade-organization';
import { PutOrganizationHandler } from '../../application/put-organization';
import type { ProfileBody as Profile } from '../../domain/organization';
import { OrganizationRepository } from '../../domain/organization.repository';
import { OrganizationNotFound } from '../../domain/registry-errors';
import { organizationView } from './organization-view';
import { RegistryErrorFilter } from './registry-error.filter';
import {
  checked,
  GradeBody,
  INVALID_TRANSITION,
  NOT_FOUND,
  OrganizationIdParam,
  OrganizationQuery,
  OrganizationView,
  ProfileBody,
  StatusBody,
} from './registry-schemas';

const schema = openApiSchema;
const invalid = inputInvalidResponse();
const notFound = { description: 'No such organization', schema: schema(NOT_FOUND) };
const VIEW = { schema: schema(OrganizationView) };
const REGISTRAR_ONLY = { description: 'Not the registrar (jurisdiction:<registrationDistrictCode>)' };

interface Reply {
  status(code: number): unknown;
}

/**
 * The registry of social organizations (社会组织登记): an organization's admin or its district's registrar
 * registers and changes its profile, the registrar alone its status and grade. Anyone with a token reads
 * it; the legal representative only its admin and staff, its registrar and auditors. Each change
 * publishes one event (organization.registered/updated); an unchanged PUT publishes none (200).
 */
@ApiTags('registry')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@Controller()
@Access({ action: 'read the registry' })
@UseFilters(RegistryErrorFilter)
export class RegistryController {
  constructor(
    private readonly putOrganization: PutOrganizationHandler,
    private readonly changeStatus: ChangeStatusHandler,
    private readonly grade: GradeOrganizationHandler,
    private readonly organizations: OrganizationRepository,
  ) {}

  @Get('organization-types')
  @ApiOperation({ summary: 'The organization types, with their labels' })
  types() {
    return ORGANIZATION_TYPES;
  }

  @Put('organizations/:organizationId')
  @ApiPathParams(OrganizationIdParam)
  @ApiOperation({
    summary: 'Register (201, provisional) or change (200) an organization; its admin or its registrar',
    description:
      'A credit code that fails a check is refused (400) naming the check; a credit code registered to another ' +
      'organization is 409 credit-code-taken naming the holder. The district and credit code of an organization ' +
      'no longer provisional change only by its registrar.',
  })
  @ApiBody({ schema: schema(ProfileBody) })
  @ApiCreatedResponse(VIEW)
  @ApiOkResponse({ description: 'Changed, or unchanged (no event)', ...VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse({ description: 'Not its organization-admin nor the registrar of its district' })
  @ApiConflictResponse({ description: 'credit-code-taken' })
  async put(
    @Param('organizationId') organizationId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) res: Reply,
  ) {
    checked(OrganizationIdParam, { organizationId }, '/params');
    const profile = checked(ProfileBody, body) as Profile;
    const { organization, created } = await this.putOrganization.execute(organizationId, profile, identity);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return organizationView(organization, identity);
  }

  @Post('organizations/:organizationId/status')
  @ApiPathParams(OrganizationIdParam)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Move it along its lifecycle (registrar of its district)' })
  @ApiBody({ schema: schema(StatusBody) })
  @ApiOkResponse(VIEW)
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse(REGISTRAR_ONLY)
  @ApiNotFoundResponse(notFound)
  @ApiConflictResponse({ description: 'Not allowed from its status', schema: schema(INVALID_TRANSITION) })
  async status(
    @Param('organizationId') organizationId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(OrganizationIdParam, { organizationId }, '/params');
    const { to, reason } = checked(StatusBody, body);
    return organizationView(await this.changeStatus.execute(organizationId, to, reason, identity), identity);
  }

  @Put('organizations/:organizationId/grade')
  @ApiPathParams(OrganizationIdParam)
  @ApiOperation({ summary: 'Record (or, with grade null, withdraw) its assessment grade (registrar of its district)' })
  @ApiBody({ schema: schema(GradeBody) })
  @ApiOkResponse(VIEW)
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse(REGISTRAR_ONLY)
  @ApiNotFoundResponse(notFound)
  @ApiConflictResponse({ description: 'organization-not-registered: only a registered organization is graded' })
  async putGrade(
    @Param('organizationId') organizationId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(OrganizationIdParam, { organizationId }, '/params');
    const { grade, assessedOn, validUntil, assessmentRef } = checked(GradeBody, body);
    const command = { grade, assessedOn, ref: assessmentRef, ...(validUntil ? { validUntil } : {}) };
    return organizationView(await this.grade.execute(organizationId, command, identity), identity);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'Organizations by type, community served, status, or grade in force at least minGrade' })
  @ApiOkResponse({ schema: { type: 'array', items: schema(OrganizationView) } })
  @ApiBadRequestResponse(invalid)
  async list(@Query() query: Record<string, unknown>, @CurrentIdentity() identity: Identity) {
    const filter = checked(OrganizationQuery, query, '/query');
    return (await this.organizations.list(filter)).map((org) => organizationView(org, identity));
  }

  @Get('organizations/:organizationId')
  @ApiPathParams(OrganizationIdParam)
  @ApiOkResponse(VIEW)
  @ApiNotFoundResponse(notFound)
  async one(@Param('organizationId') organizationId: string, @CurrentIdentity() identity: Identity) {
    checked(OrganizationIdParam, { organizationId }, '/params');
    const organization = await this.organizations.find(organizationId);
    if (!organization) throw new OrganizationNotFound(organizationId);
    return organizationView(organization, identity);
  }

  @Get('organizations/:organizationId/mentees')
  @ApiPathParams(OrganizationIdParam)
  @ApiOperation({ summary: 'The organizations it incubates' })
  @ApiOkResponse({ schema: { type: 'array', items: schema(OrganizationView) } })
  @ApiNotFoundResponse(notFound)
  async mentees(@Param('organizationId') organizationId: string, @CurrentIdentity() identity: Identity) {
    checked(OrganizationIdParam, { organizationId }, '/params');
    if (!(await this.organizations.find(organizationId))) throw new OrganizationNotFound(organizationId);
    return (await this.organizations.mentees(organizationId)).map((org) => organizationView(org, identity));
  }
}
