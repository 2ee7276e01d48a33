import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import { type AnyEvidencePackageError, EvidencePackageError } from '../../domain/evidence-package-errors';

/** Every evidence package error code → its HTTP status and body; the switch is exhaustive. */
export function evidencePackageHttpReply(error: AnyEvidencePackageError): {
  status: number;
  body: Record<string, unknown>;
} {
  switch (error.code) {
    case 'package-input-invalid':
      return { status: HttpStatus.BAD_REQUEST, body: { message: error.message, problems: error.problems } };
    case 'evidence-repeated':
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, body: { message: error.message, problems: error.problems } };
    case 'idempotency-key-reused':
      return {
        status: HttpStatus.CONFLICT,
        body: { code: error.code, message: error.message, packageId: error.packageId },
      };
  }
}

@Catch(EvidencePackageError)
export class EvidencePackageErrorFilter implements ExceptionFilter<EvidencePackageError> {
  catch(error: EvidencePackageError, host: ArgumentsHost): void {
    const { status, body } = evidencePackageHttpReply(error as AnyEvidencePackageError);
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, ...body });
  }
}
