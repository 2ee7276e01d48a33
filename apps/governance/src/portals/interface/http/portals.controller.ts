import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Res, UseFilters } from '@nestjs/common';
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
import { PortalId, schemaProblems } from '@sanshe/contracts';
import { inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { ReadPortalsHandler, type PortalWithChannels } from '../../application/read-portals';
import { RegisterPortalHandler } from '../../application/register-portal';
import { UpdatePortalHandler } from '../../application/update-portal';
import { PortalInputInvalid } from '../../domain/portal-errors';
import { RegisterPortalInput, UpdatePortalInput } from '../../domain/portal-input';
import { PORTAL_CONFLICT, PORTAL_NOT_FOUND, PORTAL_VIEW } from './portal-openapi';
import { PortalErrorFilter } from './portal-error.filter';

/** Who runs the platform, and who checks it: both read the registry; only operators change it. */
export const PORTAL_READERS = ['operator', 'auditor'] as const;

const PORTAL_ID_PARAM = { name: 'portalId', example: 'street-xinhua', schema: openApiSchema(PortalId) };
const invalid = inputInvalidResponse();
const notFound = { description: 'No portal is registered under this id', schema: PORTAL_NOT_FOUND };
const forbidden = { description: 'The token lacks the role (operator to change, operator or auditor to read)' };

const view = (portal: PortalWithChannels) => ({
  ...portal,
  registeredAt: portal.registeredAt.toISOString(),
  updatedAt: portal.updatedAt.toISOString(),
});

function portalIdParam(portalId: string): string {
  const problems = schemaProblems(PortalId, portalId, '/params/portalId');
  if (problems.length > 0) throw new PortalInputInvalid(problems);
  return portalId;
}

/**
 * The portal registry over HTTP (docs/operations.md, "Portals"): operators register government portals
 * and change them; operators and auditors read them. Each change is stored with its event
 * (portal.registered / portal.updated) in one transaction; bad input changes nothing.
 */
@ApiTags('portals')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@Controller('portals')
@UseFilters(PortalErrorFilter)
export class PortalsController {
  constructor(
    private readonly register: RegisterPortalHandler,
    private readonly update: UpdatePortalHandler,
    private readonly read: ReadPortalsHandler,
  ) {}

  @Post()
  @Access({ action: 'register a portal', roles: ['operator'] })
  @ApiOperation({
    summary: 'Register a portal (201, Location); the same registration again returns it (200)',
    description:
      'Active at once: it speaks for portal:<portalId> and each of speaksFor on its commands topic. Refused ' +
      'when malformed (400), or (409) when the id is registered with other details, a party it would ' +
      'speak for has another controller (another portal, or an exact controller rule): one controller per party, ' +
      'or its seats in a stored policy would let it block or decide alone (breaks-policy, naming each).',
  })
  @ApiBody({ schema: openApiSchema(RegisterPortalInput) })
  @ApiCreatedResponse({ description: 'Registered (version 1)', schema: PORTAL_VIEW })
  @ApiOkResponse({ description: 'Already registered with these details: nothing changed', schema: PORTAL_VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse(forbidden)
  @ApiConflictResponse({ description: 'portal-exists, party-claimed or breaks-policy', schema: PORTAL_CONFLICT })
  async create(
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true })
    response: { status(code: number): unknown; setHeader(name: string, v: string): unknown },
  ) {
    const { portal, created } = await this.register.execute({ body, registeredBy: identity.sub });
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    if (created) response.setHeader('Location', `/portals/${portal.portalId}`);
    return view(await this.read.get(portal.portalId));
  }

  @Get()
  @Access({ action: 'read the portal registry', roles: PORTAL_READERS })
  @ApiOperation({ summary: 'Every registered portal, by id' })
  @ApiOkResponse({ schema: { type: 'array', items: PORTAL_VIEW } })
  @ApiForbiddenResponse(forbidden)
  async list() {
    return (await this.read.list()).map(view);
  }

  @Get(':portalId')
  @Access({ action: 'read the portal registry', roles: PORTAL_READERS })
  @ApiOperation({ summary: 'One registered portal' })
  @ApiParam(PORTAL_ID_PARAM)
  @ApiOkResponse({ schema: PORTAL_VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse(forbidden)
  @ApiNotFoundResponse(notFound)
  async get(@Param('portalId') portalId: string) {
    return view(await this.read.get(portalIdParam(portalId)));
  }

  @Patch(':portalId')
  @Access({ action: 'change a portal', roles: ['operator'] })
  @ApiOperation({
    summary: "Change a portal's name, jurisdiction, speaksFor or status, at the version last read",
    description:
      '`version` must be the stored one (409 stale-version otherwise: read again). A suspended portal ' +
      'speaks for nobody: its events are refused on the channel check. Changing nothing stores nothing (200). ' +
      'A new speaksFor or a re-activation that would break a stored policy is refused (409 breaks-policy).',
  })
  @ApiParam(PORTAL_ID_PARAM)
  @ApiBody({ schema: openApiSchema(UpdatePortalInput) })
  @ApiOkResponse({ description: 'The portal as stored now', schema: PORTAL_VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse(forbidden)
  @ApiNotFoundResponse(notFound)
  @ApiConflictResponse({ description: 'stale-version, party-claimed or breaks-policy', schema: PORTAL_CONFLICT })
  async change(@Param('portalId') portalId: string, @Body() body: unknown) {
    const { portal } = await this.update.execute(portalIdParam(portalId), body);
    return view(await this.read.get(portal.portalId));
  }
}
