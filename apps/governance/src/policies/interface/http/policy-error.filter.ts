import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyPolicyError, PolicyError } from '../../domain/policy-errors';

interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Every policy error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function toHttpReply(error: AnyPolicyError): HttpReply {
  switch (error.code) {
    case 'policy-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'policy-rules-broken':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: {
          message: error.message,
          violations: error.violations.map(({ rule, partyId, controller, partyIds, message }) => ({
            rule,
            partyId: partyId ?? null,
            controller: controller ?? null,
            partyIds: partyIds ?? [],
            message,
          })),
        },
      };
    case 'policy-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { message: error.message } };
    case 'policy-conflict':
      return {
        status: HttpStatus.CONFLICT,
        body: { message: error.message, conflictingPolicyId: error.conflictingPolicyId },
      };
  }
}

/** The HTTP face of the policy errors; anything else goes to Nest's default handling (500). */
@Catch(PolicyError)
export class PolicyErrorFilter implements ExceptionFilter<PolicyError> {
  catch(error: PolicyError, host: ArgumentsHost): void {
    const { status, body } = toHttpReply(error as AnyPolicyError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
