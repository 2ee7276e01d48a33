import { Controller, Get, HttpCode, HttpStatus, Param, Post, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type TSchema, Type } from '@sinclair/typebox';
import { Access, authorize, CurrentIdentity, type Identity } from '@sanshe/auth';
import { schemaProblems } from '@sanshe/contracts';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { ROLES } from '../../../access/funding-access';
import { ReadPaymentsHandler } from '../../application/read-payments';
import { RetryPaymentHandler } from '../../application/retry-payment';
import { PaymentInputInvalid } from '../../domain/payment-errors';
import { PaymentErrorFilter } from './payment-error.filter';
import { GrantIdParam, PaymentIdParam, PaymentView, paymentView } from './payment-view';

const ADMIN = [ROLES.funderAdmin];

function checkParams(schema: TSchema, params: Record<string, string>): void {
  const problems = schemaProblems(schema, params, '/params');
  if (problems.length > 0) throw new PaymentInputInvalid(problems);
}

/**
 * A grant's tranche payments (apps/funding/README.md, "Payments"): read by the grant's funder, its
 * organization and auditors; a failed payment instructed again only by its funder's admin, explicitly.
 */
@ApiTags('payments')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiForbiddenResponse({ description: 'Not a reader of payments, or not a funder-admin of the grant’s funder' })
@Controller()
@Access({ action: 'read payments' })
@UseFilters(PaymentErrorFilter)
export class PaymentsController {
  constructor(
    private readonly read: ReadPaymentsHandler,
    private readonly retry: RetryPaymentHandler,
  ) {}

  @Get('grants/:grantId/payments')
  @ApiPathParams(GrantIdParam)
  @ApiOperation({ summary: 'The grant’s tranche payments (its funder, its organization, auditors)' })
  @ApiOkResponse({ schema: openApiSchema(Type.Array(PaymentView)) })
  @ApiNotFoundResponse({ description: 'No such grant, or not one the caller may read' })
  @ApiBadRequestResponse(inputInvalidResponse())
  async forGrant(@Param('grantId') grantId: string, @CurrentIdentity() identity: Identity) {
    checkParams(GrantIdParam, { grantId });
    return (await this.read.forGrant(identity, grantId)).map(paymentView);
  }

  @Post('payments/:paymentId/retry')
  @ApiPathParams(PaymentIdParam)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Instruct a failed payment again (funder-admin of the grant’s funder): same paymentId, attempt + 1',
    description:
      'Only a failed payment of an active grant (409 PaymentNotFailed, GrantNotActive): payTranche never pays a ' +
      'refused tranche again by itself. payment.instructed follows with the attempt.',
  })
  @ApiOkResponse({ schema: openApiSchema(PaymentView) })
  @ApiNotFoundResponse({ description: 'No such payment' })
  @ApiConflictResponse({ description: 'PaymentNotFailed, GrantNotActive' })
  @ApiBadRequestResponse(inputInvalidResponse())
  @Access({ action: 'retry payments', roles: ADMIN })
  async retryPayment(@Param('paymentId') paymentId: string, @CurrentIdentity() identity: Identity) {
    checkParams(PaymentIdParam, { paymentId });
    const { grant } = await this.read.withGrant(paymentId);
    const request = { params: { paymentId }, query: {}, body: undefined };
    authorize(identity, { action: 'retry payments', roles: ADMIN, parties: () => [grant.funderId] }, request);
    return paymentView(await this.retry.execute(paymentId));
  }
}
