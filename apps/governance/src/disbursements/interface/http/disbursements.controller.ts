import { ConflictException, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { type OperatorAnswer, OperateDisbursementHandler } from '../../application/operate-disbursement';

const GRANT_ID = { name: 'grantId', description: 'The grant, e.g. grant-2026-0007', example: 'grant-2026-0007' };
/** Who runs governance's workflows, and who checks them. */
export const DISBURSEMENT_READERS = ['operator', 'auditor'] as const;

/**
 * Operators' view of a grant's disbursement (docs/operations.md, "Disbursements"). The state names amounts,
 * stages, evidence hashes and party ids only, but it is operational detail: operators and auditors read it.
 * Only an operator retries a stuck payment.
 */
@ApiTags('disbursements')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token' })
@Controller('disbursements')
export class DisbursementsController {
  constructor(private readonly operate: OperateDisbursementHandler) {}

  @Get(':grantId')
  @Access({ action: "read a grant's disbursement", roles: DISBURSEMENT_READERS })
  @ApiOperation({ summary: "The disbursement's state: stage, current tranche, evidence, verifications, payments" })
  @ApiParam(GRANT_ID)
  @ApiOkResponse({ description: 'The workflow’s state query (DisbursementView)' })
  @ApiForbiddenResponse({ description: 'Neither operator nor auditor' })
  @ApiNotFoundResponse({ description: 'No disbursement for this grant (not activated yet)' })
  async state(@Param('grantId') grantId: string) {
    return answered(await this.operate.state(grantId));
  }

  @Post(':grantId/retry-payment')
  @HttpCode(200)
  @Access({ action: 'retry a stuck payment', roles: ['operator'] })
  @ApiOperation({
    summary: 'Pays the stuck tranche again, with the same key (funding cannot pay it twice)',
    description: 'Only when the disbursement is payment-stuck; the operator is the token’s subject.',
  })
  @ApiParam(GRANT_ID)
  @ApiOkResponse({ description: '{retrying: true, operatorId}' })
  @ApiForbiddenResponse({ description: 'Not an operator' })
  @ApiNotFoundResponse({ description: 'No disbursement for this grant' })
  @ApiConflictResponse({ description: 'Not stuck: the code (wrong-stage) and the stage it is in' })
  async retryPayment(@Param('grantId') grantId: string, @CurrentIdentity() identity: Identity) {
    return answered(await this.operate.retryPayment(grantId, identity.sub));
  }
}

function answered<T>(answer: OperatorAnswer<T>): T {
  if ('found' in answer) return answer.found;
  if ('missing' in answer)
    throw new NotFoundException({ statusCode: 404, code: 'unknown-disbursement', message: answer.missing });
  throw new ConflictException({ statusCode: 409, code: answer.refused, message: answer.message });
}
