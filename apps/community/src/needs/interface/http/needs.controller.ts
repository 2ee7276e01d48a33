import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, UseFilters } from '@nestjs/common';
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
import { Access, authorize, CurrentIdentity, type Identity } from '@sanshe/auth';
import { NEED_CATEGORIES, StrictCommunityCode } from '@sanshe/contracts';
import { communityParty, ROLES } from '../../../access/community-access';
import { CloseNeedHandler } from '../../application/close-need';
import { PublishNeedHandler } from '../../application/publish-need';
import { ReadNeedsHandler } from '../../application/read-needs';
import type { Need } from '../../domain/need';
import type { StoredNeed } from '../../domain/need.repository';
import { NeedErrorFilter } from './need-error.filter';
import {
  checked,
  CloseNeedBody,
  CommunityCodeParam,
  NEED_CLOSED,
  NeedIdParam,
  NeedQuery,
  NeedView,
  NOT_FOUND,
  PublishNeedBody,
} from './need-schemas';
import { ApiPathParams, ApiRuleBrokenResponse, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';

const schema = openApiSchema;
const invalid = inputInvalidResponse();
const notFound = { description: 'Nothing matches; the message says what was looked for', schema: schema(NOT_FOUND) };
const VIEW = schema(NeedView);
const COMMITTEE = [ROLES.committeeMember, ROLES.committeeStaff];
const CLOSE_NEEDS = 'close needs';

const view = ({ need, createdBy, createdAt }: StoredNeed) => ({
  ...need,
  createdBy,
  createdAt: createdAt.toISOString(),
});
const fresh = (need: Need, createdBy: string) => view({ need, createdBy, createdAt: new Date() });

/**
 * A community's needs: its residents' committee publishes and closes them; anyone with a token reads
 * them (organizations propose activities that answer them). A need becomes matched only from
 * governance's approved outcome of a proposal naming it, never through this API.
 */
@ApiTags('needs')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@Controller()
@Access({ action: 'read needs' })
@UseFilters(NeedErrorFilter)
export class NeedsController {
  constructor(
    private readonly publishNeed: PublishNeedHandler,
    private readonly closeNeed: CloseNeedHandler,
    private readonly read: ReadNeedsHandler,
  ) {}

  @Get('need-categories')
  @ApiOperation({ summary: 'The documented categories a need is published under, with their labels' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', properties: { code: {}, label: {} } } } })
  categories() {
    return NEED_CATEGORIES;
  }

  @Post('communities/:communityCode/needs')
  @ApiOperation({
    summary: "Publish a need of the community (its residents' committee): open, with need.published",
    description:
      'Refused with nothing written when a field is malformed (400, naming it), the period ends before it ' +
      'starts (422, naming /period/to) or the community is unknown (404).',
  })
  @ApiParam({ name: 'communityCode', example: '310104-005-001', schema: openApiSchema(StrictCommunityCode) })
  @ApiBody({ schema: schema(PublishNeedBody) })
  @ApiCreatedResponse({ schema: VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiRuleBrokenResponse('period.to before period.from')
  @ApiNotFoundResponse(notFound)
  @ApiForbiddenResponse({ description: 'The token is not committee-member or committee-staff of community:<code>' })
  @Access({
    action: 'publish needs',
    roles: COMMITTEE,
    parties: ({ params }) => [communityParty(params.communityCode ?? '')],
  })
  async publish(
    @Param('communityCode') communityCode: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(CommunityCodeParam, { communityCode }, '/params');
    const draft = checked(PublishNeedBody, body);
    const need = await this.publishNeed.execute({ draft: { ...draft, communityCode }, createdBy: identity.sub });
    return fresh(need, identity.sub);
  }

  @Post('needs/:needId/close')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Close an open or matched need (its community’s committee), with need.closed',
    description: 'A closed need allows no transition: closing it again is refused (409 need-closed), writing nothing.',
  })
  @ApiBody({ schema: schema(CloseNeedBody) })
  @ApiOkResponse({ schema: VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  @ApiConflictResponse({ description: 'The need is closed', schema: schema(NEED_CLOSED) })
  @ApiForbiddenResponse({ description: "The token is not committee-member or committee-staff of the need's community" })
  @Access({ action: CLOSE_NEEDS, roles: COMMITTEE })
  @ApiPathParams(NeedIdParam)
  async close(@Param('needId') needId: string, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    checked(NeedIdParam, { needId }, '/params');
    const { need, createdBy, createdAt } = await this.read.one(needId);
    // The party comes from the stored need: its community never changes.
    const parties = () => [communityParty(need.communityCode)];
    authorize(identity, { action: CLOSE_NEEDS, roles: COMMITTEE, parties }, { params: {}, query: {}, body });
    const { reason, note } = checked(CloseNeedBody, body);
    const closed = await this.closeNeed.execute({ needId, reason, note: note ?? null });
    return view({ need: closed, createdBy, createdAt });
  }

  @Get('needs')
  @ApiOperation({ summary: 'Needs, newest first (at most 500), optionally of one community, status or category' })
  @ApiOkResponse({ schema: { type: 'array', items: VIEW } })
  @ApiBadRequestResponse(invalid)
  async list(@Query() query: Record<string, unknown>) {
    return (await this.read.list(checked(NeedQuery, query, '/query'))).map(view);
  }

  @Get('needs/:needId')
  @ApiOperation({ summary: 'One need, with its status and the activity that matched it' })
  @ApiOkResponse({ schema: VIEW })
  @ApiNotFoundResponse(notFound)
  async one(@Param('needId') needId: string) {
    return view(await this.read.one(needId));
  }
}
