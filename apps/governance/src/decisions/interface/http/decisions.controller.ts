import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Access } from '@sanshe/auth';
import { type DecisionLookup, ReadDecisionHandler } from '../../application/read-decision';

const DECISION_ID = {
  name: 'decisionId',
  description: 'The decision id, e.g. decision/activity-proposal/p-42 (slashes as they are, or as %2F)',
  example: 'decision/activity-proposal/p-42',
};

/**
 * Closed decisions and their audit trails. Any valid token may read them: a decision's outcome is
 * public to its parties (it is published as decision.decided), and its trail is what lets anyone who
 * kept that event check it. A decision id holds slashes, hence the wildcard routes.
 */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly read: ReadDecisionHandler) {}

  @Get('*decisionId/audit')
  @Access({ action: 'read the audit trail of a closed decision' })
  @ApiOperation({
    summary: 'The audit trail of a closed decision, oldest record first',
    description:
      'Each record is {seq, at, entry, prevHash, hash}, hash = SHA-256 of the RFC 8785 canonical JSON of ' +
      '{seq, at, entry, prevHash}; the last hash is the auditHash of decision.decided.',
  })
  @ApiParam(DECISION_ID)
  @ApiOkResponse({ description: 'The records, verified when they were stored' })
  @ApiNotFoundResponse({ description: 'Unknown, or still open (the reason says which)' })
  async audit(@Param('decisionId') decisionId: string | string[]) {
    return found(await this.read.audit(joined(decisionId)));
  }

  @Get('*decisionId')
  @Access({ action: 'read a closed decision' })
  @ApiOperation({ summary: 'A closed decision: kind, subject, community, outcome, head hash and length' })
  @ApiParam(DECISION_ID)
  @ApiOkResponse({ description: 'decisionId, kind, subjectId, communityCode, title, outcome, headHash, length' })
  @ApiNotFoundResponse({ description: 'Unknown, or still open (the reason says which)' })
  async decision(@Param('decisionId') decisionId: string | string[]) {
    return found(await this.read.closed(joined(decisionId)));
  }
}

/** A wildcard parameter arrives as its path segments. */
const joined = (segments: string | string[]) => (Array.isArray(segments) ? segments.join('/') : segments);

function found<T>(lookup: DecisionLookup<T>): T {
  if ('found' in lookup) return lookup.found;
  throw new NotFoundException({ statusCode: 404, code: `${lookup.missing}-decision`, message: lookup.reason });
}
