import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyProposalError, ProposalError } from '../../domain/proposal-errors';

interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Every proposal error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function toHttpReply(error: AnyProposalError): HttpReply {
  switch (error.code) {
    case 'proposal-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'proposal-not-found':
    case 'organization-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'invalid-transition': {
      const { code, message, status, attempted, allowed } = error;
      return { status: HttpStatus.CONFLICT, body: { code, message, status, attempted, allowed } };
    }
    case 'not-low-risk': {
      const { code, message, violations, ruleVersion } = error;
      return { status: HttpStatus.CONFLICT, body: { code, message, violations, filingRuleVersion: ruleVersion } };
    }
    case 'organization-not-registered':
    case 'community-not-served':
    case 'need-closed':
      return { status: HttpStatus.CONFLICT, body: { code: error.code, message: error.message } };
  }
}

/** The HTTP face of the proposal errors; anything else goes to Nest's default handling. */
@Catch(ProposalError)
export class ProposalErrorFilter implements ExceptionFilter<ProposalError> {
  catch(error: ProposalError, host: ArgumentsHost): void {
    const { status, body } = toHttpReply(error as AnyProposalError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
