import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access } from '@sanshe/auth';
import { FILING_RULE } from '@sanshe/contracts';
import { ReadFilingHandler } from '../../application/read-filing';

/**
 * Filed activities as governance noticed them: who may call one in until when, who did, and the decision
 * a call-in opened. Any valid token: a filing is public to its community's parties (filing.noticed).
 */
@ApiTags('filings')
@ApiBearerAuth()
@Controller('filings')
export class FilingsController {
  constructor(private readonly read: ReadFilingHandler) {}

  @Get(':proposalId')
  @Access({ action: 'read a filing and its call-ins' })
  @ApiOperation({
    summary: 'A filed activity: its window, the eligible seats, each call-in with its status, and its decision',
    description:
      '`status` noticed | called-in | withdrawn; `decisionId` is set once it was called in (`cause` parties or ' +
      'not-low-risk). A call-in is waiting (before its filing arrived), accepted or refused (with the code).',
  })
  @ApiParam({ name: 'proposalId', example: 'prop-2026-0042' })
  @ApiOkResponse({ description: 'The filing, its eligible seats and its call-ins, oldest first' })
  @ApiNotFoundResponse({ description: 'Governance noticed no filing of this proposal (code filing-not-found)' })
  async find(@Param('proposalId') proposalId: string) {
    const view = await this.read.execute(proposalId);
    if (!view) {
      throw new NotFoundException({
        statusCode: 404,
        code: 'filing-not-found',
        message: `governance noticed no filing of proposal ${proposalId}`,
      });
    }
    const { filing, callIns } = view;
    return {
      proposalId: filing.proposalId,
      communityCode: filing.communityCode,
      organizationId: filing.organizationId,
      proposerId: filing.proposerId,
      title: filing.title,
      status: filing.status,
      cause: filing.cause,
      violations: filing.violations ?? [],
      filingRuleVersion: filing.ruleVersion,
      callInControllers: FILING_RULE.callInControllers,
      noticedAt: filing.noticedAt.toISOString(),
      callInUntil: filing.callInUntil.toISOString(),
      eligiblePartyIds: filing.eligiblePartyIds,
      callIns: callIns.map((c) => ({
        partyId: c.partyId,
        controller: c.controller,
        castBy: c.castBy,
        reason: c.reason,
        castAt: c.castAt.toISOString(),
        status: c.status,
        ...(c.refusal ? { refusal: c.refusal } : {}),
        eventId: c.event.id,
      })),
      decisionId: filing.status === 'called-in' ? filing.decisionId : null,
    };
  }
}
