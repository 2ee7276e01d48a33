import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { PolicyBreak } from '../../domain/policy-breaks';
import { type AnyPortalError, PortalError } from '../../domain/portal-errors';

interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** A broken policy as PUT /policies names a violation, with the policy and its version. */
const violationOf = ({ policyId, version, boundTo, violation }: PolicyBreak) => ({
  policyId,
  version,
  boundTo: boundTo ?? null,
  rule: violation.rule,
  partyId: violation.partyId ?? null,
  controller: violation.controller ?? null,
  partyIds: violation.partyIds ?? [],
  message: violation.message,
});

/** Every portal error code → its HTTP status and body; the switch is exhaustive (lint checks it). */
export function toHttpReply(error: AnyPortalError): HttpReply {
  switch (error.code) {
    case 'portal-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'portal-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code: error.code, message: error.message } };
    case 'portal-conflict':
      return {
        status: HttpStatus.CONFLICT,
        body: {
          code: error.reason,
          message: error.message,
          currentVersion: error.current?.version ?? null,
          ...(error.breaks.length > 0 ? { violations: error.breaks.map(violationOf) } : {}),
        },
      };
  }
}

/** The HTTP face of the portal errors; anything else goes to Nest's default handling (500). */
@Catch(PortalError)
export class PortalErrorFilter implements ExceptionFilter<PortalError> {
  catch(error: PortalError, host: ArgumentsHost): void {
    const { status, body } = toHttpReply(error as AnyPortalError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
