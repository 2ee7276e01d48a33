import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access } from '@sanshe/auth';
import { ReadPendingDecisionsHandler } from '../../application/read-pending-decisions';

/** "Who is waiting on me": the approver's inbox, for the party the caller speaks for. */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('parties')
export class PendingDecisionsController {
  constructor(private readonly read: ReadPendingDecisionsHandler) {}

  @Get(':partyId/pending')
  @Access({
    action: "read the decisions waiting on this party's vote",
    parties: (request) => (request.params.partyId ? [request.params.partyId] : []),
  })
  @ApiOperation({
    summary: 'Open decisions waiting on this party’s vote or ruling, earliest deadline first',
    description:
      'From governance’s read model of its own decision events and the votes it applied (not a scan of ' +
      'Temporal). `overdue`: the deadline passed and the decision has not yet recorded the silence.',
  })
  @ApiParam({ name: 'partyId', example: 'community:310104-005-001' })
  @ApiOkResponse({ description: 'Each with decisionId, kind, title, round, stage, deadline, overdue, workflowUrl' })
  @ApiForbiddenResponse({ description: 'The token does not speak for this party' })
  list(@Param('partyId') partyId: string) {
    return this.read.waitingOn(partyId);
  }
}
