import { Body, Controller, Get, Param, Post, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
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
import { ReadConsentsHandler } from '../../application/read-consents';
import { RecordConsentHandler } from '../../application/record-consent';
import type { ConsentRecord } from '../../domain/consent-record';
import { ConsentErrorFilter } from './consent-error.filter';
import {
  checked,
  ConsentRecordView,
  NOT_FOUND,
  RecordConsentBody,
  ResidentConsentsView,
  ResidentIdParam,
} from './consent-schemas';
import { CONSENT_PURPOSES } from '@sanshe/contracts/pure';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';

const schema = openApiSchema;
const invalid = inputInvalidResponse();
const notFound = { description: 'No resident has this id', schema: schema(NOT_FOUND) };
/**
 * The body as checked, and consentInputProblems' rule between purpose and fields: organization-contact names
 * the organization; any other purpose names neither (purpose and decision alone: two properties at most).
 */
const CONSENT_DOCUMENT = {
  ...schema(RecordConsentBody),
  anyOf: [
    { properties: { purpose: { type: 'string', enum: ['organization-contact'] } }, required: ['organizationId'] },
    {
      properties: { purpose: { type: 'string', enum: CONSENT_PURPOSES.filter((p) => p !== 'organization-contact') } },
      maxProperties: 2,
    },
  ],
};
const SPEAK_FOR_RESIDENTS = [ROLES.residentsRep, ROLES.residentsPortal];

const view = (record: ConsentRecord) => ({
  recordId: record.recordId,
  purpose: record.purpose,
  organizationId: record.organizationId,
  activityId: record.activityId,
  decision: record.decision,
  recordedBy: record.recordedBy,
  recordedVia: record.recordedVia,
  recordedAt: record.recordedAt.toISOString(),
});

/**
 * Residents' consents per purpose. Residents give or withdraw them through a serving residents'
 * representative or a residents' portal of their community; the committee cannot consent for them.
 * The history is kept; the latest record per purpose (and organization) is what counts, at once.
 */
@ApiTags('consents')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@Controller('residents/:residentId/consents')
@UseFilters(ConsentErrorFilter)
export class ConsentsController {
  constructor(
    private readonly record: RecordConsentHandler,
    private readonly read: ReadConsentsHandler,
  ) {}

  @Post()
  @ApiOperation({
    summary: "Record a resident's consent to a purpose, or its withdrawal (effective for every later read)",
    description:
      'organization-contact names the organization (organizationId, required) and may name an activity; the ' +
      'other purposes name neither. Refused with nothing written when a field is malformed (400, naming it) ' +
      'or the resident is unknown (404).',
  })
  @ApiPathParams(ResidentIdParam)
  @ApiBody({ schema: CONSENT_DOCUMENT })
  @ApiCreatedResponse({ schema: schema(ConsentRecordView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  @ApiForbiddenResponse({
    description:
      "Not a serving residents-representative nor a residents-portal of residents:<the resident's community> " +
      '(committee members and staff never are)',
  })
  @Access({ action: "record residents' consents", roles: SPEAK_FOR_RESIDENTS })
  async recordConsent(
    @Param('residentId') residentId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(ResidentIdParam, { residentId }, '/params');
    const input = checked(RecordConsentBody, body);
    return view(await this.record.execute(residentId, input, identity));
  }

  @Get()
  @ApiOperation({ summary: "A resident's consent history, and the latest record per purpose (and organization)" })
  @ApiOkResponse({ schema: schema(ResidentConsentsView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  @ApiForbiddenResponse({ description: 'Not one who records the resident’s consents, nor an auditor' })
  @Access({ action: "read residents' consents", roles: [...SPEAK_FOR_RESIDENTS, ROLES.auditor] })
  @ApiPathParams(ResidentIdParam)
  async consents(@Param('residentId') residentId: string, @CurrentIdentity() identity: Identity) {
    checked(ResidentIdParam, { residentId }, '/params');
    const { history, current, ...resident } = await this.read.execute(residentId, identity);
    return { ...resident, history: history.map(view), current: current.map(view) };
  }
}
