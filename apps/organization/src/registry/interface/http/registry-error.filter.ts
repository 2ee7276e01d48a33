import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyRegistryError, RegistryError } from '../../domain/registry-errors';

/** Every registry error code → its HTTP status and body; the switch is exhaustive. */
export function registryHttpReply(error: AnyRegistryError): { status: number; body: Record<string, unknown> } {
  const { code, message } = error;
  switch (error.code) {
    case 'organization-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message, problems: error.problems } };
    case 'organization-not-found':
      return { status: HttpStatus.NOT_FOUND, body: { code, message, organizationId: error.organizationId } };
    case 'invalid-transition': {
      const { status, attempted, allowed } = error;
      return { status: HttpStatus.CONFLICT, body: { code, message, status, attempted, allowed } };
    }
    case 'organization-not-registered':
      return { status: HttpStatus.CONFLICT, body: { code, message, organizationStatus: error.status } };
    case 'credit-code-taken':
      return { status: HttpStatus.CONFLICT, body: { code, message, holderId: error.holderId } };
    case 'registration-locked':
      return { status: HttpStatus.FORBIDDEN, body: { code, message, fields: error.fields } };
  }
}

@Catch(RegistryError)
export class RegistryErrorFilter implements ExceptionFilter<RegistryError> {
  catch(error: RegistryError, host: ArgumentsHost): void {
    const { status, body } = registryHttpReply(error as AnyRegistryError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
