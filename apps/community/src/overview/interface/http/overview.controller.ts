import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access } from '@sanshe/auth';
import { StrictCommunityCode } from '@sanshe/contracts';
import { ReadCommunityOverviewHandler } from '../../application/read-community-overview';
import { checked, CommunityCodeParam, OverviewView } from './overview-schemas';
import { openApiSchema } from '@sanshe/nest-platform';

/** Dates as ISO strings, everything else as read. */
const withIsoDates = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, item: unknown) => (item instanceof Date ? item.toISOString() : item)));

/** "What is happening in my community", for anyone with a token: built from other contexts' events only. */
@ApiTags('overview')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@Controller()
@Access({ action: 'read community overviews' })
export class OverviewController {
  constructor(private readonly read: ReadCommunityOverviewHandler) {}

  @Get('communities/:communityCode/overview')
  @ApiOperation({
    summary: 'What is happening in a community: organizations active here, proposals, decisions, grants',
    description:
      'A read model fed only by events: organization proposal.submitted/amended and activity.completed, ' +
      "governance's decision.opened/escalated/decided, funding's grant.awarded and the grant-award decisions " +
      '(awarded → approved or rejected), with totals in fen per currency. Tranches will appear when funding ' +
      'publishes them. An unknown community answers with empty lists.',
  })
  @ApiParam({ name: 'communityCode', example: '310104-005-001', schema: openApiSchema(StrictCommunityCode) })
  @ApiOkResponse({ schema: openApiSchema(OverviewView) })
  @ApiBadRequestResponse({ description: 'The community code is malformed; `problems` names it' })
  async overview(@Param('communityCode') communityCode: string) {
    checked(CommunityCodeParam, { communityCode }, '/params');
    return withIsoDates(await this.read.execute(communityCode));
  }
}
