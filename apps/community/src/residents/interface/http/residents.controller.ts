import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, UseFilters } from '@nestjs/common';
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
import { AccessDenied, Access, authorize, CurrentIdentity, type Identity } from '@sanshe/auth';
import { StrictCommunityCode } from '@sanshe/contracts';
import { communityParty, residentsParty, ROLES, roleRefusal } from '../../../access/community-access';
import { CorrectResidentHandler } from '../../application/correct-resident';
import { ReadResidentsHandler, type ResidentLookup } from '../../application/read-residents';
import { RegisterResidentHandler } from '../../application/register-resident';
import { ResidentInputInvalid } from '../../domain/resident-errors';
import { ResidentErrorFilter } from './resident-error.filter';
import {
  ALREADY_REGISTERED,
  checked,
  CommunityCodeParam,
  CorrectResidentBody,
  LookupResidentBody,
  NOT_FOUND,
  RegisterResidentBody,
  ResidentEntryView,
  ResidentIdParam,
  ResidentIdsView,
  ResidentIdView,
} from './resident-schemas';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';

const schema = openApiSchema;
const invalid = inputInvalidResponse('A field is malformed; `problems` names it and the check, never the value');
const notFound = { description: 'Unknown community or resident', schema: schema(NOT_FOUND) };
const COMMITTEE = [ROLES.committeeMember, ROLES.committeeStaff];
const CORRECT = 'correct residents';

/** Who may do `action` with a community's residents: its committee, or (when `representativesToo`) its residents' representatives. */
function registerRefusal(identity: Identity, code: string, action: string, representativesToo: boolean): string | null {
  const pairs: [string, string][] = [
    [ROLES.committeeMember, communityParty(code)],
    [ROLES.committeeStaff, communityParty(code)],
    ...(representativesToo ? [[ROLES.residentsRep, residentsParty(code)] as [string, string]] : []),
  ];
  const refusals = pairs.map(([role, party]) => roleRefusal(identity, role, [party], action));
  return refusals.every(Boolean) ? refusals[0] : null;
}

/**
 * The resident register. Personal fields go in and never come out here: the only plaintext read is a
 * data-access grant's (data-access/). Registration and correction are the committee's; lookups by
 * phone or ID number (keyed hashes) also its residents' representatives'.
 */
@ApiTags('residents')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@Controller()
@Access({ action: 'use the resident register' })
@UseFilters(ResidentErrorFilter)
export class ResidentsController {
  constructor(
    private readonly register: RegisterResidentHandler,
    private readonly correct: CorrectResidentHandler,
    private readonly read: ReadResidentsHandler,
  ) {}

  @Post('communities/:communityCode/residents')
  @ApiOperation({
    summary: 'Register a resident of the community; returns only the pseudonymous resident id',
    description: 'Fields are stored encrypted. 409 already-registered names the resident holding the ID number.',
  })
  @ApiParam({ name: 'communityCode', example: '310104-005-001', schema: openApiSchema(StrictCommunityCode) })
  @ApiBody({ schema: schema(RegisterResidentBody) })
  @ApiCreatedResponse({ schema: schema(ResidentIdView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  @ApiConflictResponse({ description: 'The ID number is registered', schema: schema(ALREADY_REGISTERED) })
  @ApiForbiddenResponse({ description: 'The token is not committee-member or committee-staff of community:<code>' })
  @Access({
    action: 'register residents',
    roles: COMMITTEE,
    parties: ({ params }) => [communityParty(params.communityCode ?? '')],
  })
  async create(
    @Param('communityCode') communityCode: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(CommunityCodeParam, { communityCode }, '/params');
    const fields = checked(RegisterResidentBody, body);
    return { residentId: await this.register.execute({ communityCode, fields, createdBy: identity.sub }) };
  }

  @Put('residents/:residentId')
  @ApiOperation({ summary: "Correct some of a resident's fields (its community's committee); nothing is echoed back" })
  @ApiBody({ schema: schema(CorrectResidentBody) })
  @ApiOkResponse({ schema: schema(ResidentIdView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  @ApiConflictResponse({ description: 'The new ID number is another resident’s', schema: schema(ALREADY_REGISTERED) })
  @ApiForbiddenResponse({
    description: "The token is not committee-member or committee-staff of the resident's community",
  })
  @ApiPathParams(ResidentIdParam)
  async update(@Param('residentId') residentId: string, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    checked(ResidentIdParam, { residentId }, '/params');
    const { communityCode } = await this.read.entry(residentId);
    const parties = () => [communityParty(communityCode)];
    authorize(identity, { action: CORRECT, roles: COMMITTEE, parties }, { params: {}, query: {}, body: {} });
    const changes = checked(CorrectResidentBody, body);
    await this.correct.execute({ residentId, changes });
    return { residentId };
  }

  @Post('communities/:communityCode/residents/lookup')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "The community's residents with this phone or ID number (compared as keyed hashes)" })
  @ApiBody({ schema: { ...schema(LookupResidentBody), minProperties: 1, maxProperties: 1 } }) // exactly one
  @ApiOkResponse({ schema: schema(ResidentIdsView) })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse({ description: 'Not the committee (member or staff) nor a residents-representative of <code>' })
  @ApiPathParams(CommunityCodeParam)
  async lookup(
    @Param('communityCode') communityCode: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(CommunityCodeParam, { communityCode }, '/params');
    const refusal = registerRefusal(identity, communityCode, 'look residents up', true);
    if (refusal) throw new AccessDenied(refusal);
    const by = checked(LookupResidentBody, body);
    if ((by.phone === undefined) === (by.idNumber === undefined)) {
      throw new ResidentInputInvalid([{ path: '', message: 'give exactly one of phone or idNumber' }]);
    }
    return { residentIds: await this.read.lookup(communityCode, by as ResidentLookup) };
  }

  @Get('residents/:residentId')
  @ApiOperation({ summary: 'A resident’s community and registration date: no personal field' })
  @ApiOkResponse({ schema: schema(ResidentEntryView) })
  @ApiNotFoundResponse(notFound)
  @ApiForbiddenResponse({
    description: "Not the committee, a residents-representative of the resident's community, nor an auditor",
  })
  @ApiPathParams(ResidentIdParam)
  async one(@Param('residentId') residentId: string, @CurrentIdentity() identity: Identity) {
    checked(ResidentIdParam, { residentId }, '/params');
    const entry = await this.read.entry(residentId);
    const refusal = registerRefusal(identity, entry.communityCode, 'see residents', true);
    if (refusal && !identity.roles.includes(ROLES.auditor)) throw new AccessDenied(refusal);
    return { ...entry, registeredAt: entry.registeredAt.toISOString() };
  }
}
