import type { FieldProblem } from '@sanshe/contracts';

/** The evidence packages' coded errors; interface/http/evidence-package-error.filter.ts maps every code. */
export abstract class EvidencePackageError extends Error {
  abstract readonly code: string;
}

export class PackageInputInvalid extends EvidencePackageError {
  readonly code = 'package-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/**
 * Each field well formed, but a hash repeats an earlier item's: a rule across the evidence list, which no schema can
 * state (uniqueItems compares whole items) — 422, as documented, not the 400 of a malformed field.
 */
export class EvidenceRepeated extends EvidencePackageError {
  readonly code = 'evidence-repeated';
  constructor(readonly problems: FieldProblem[]) {
    super(`evidence repeated: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** The organization used the Idempotency-Key for another package: the key names one package only. */
export class IdempotencyKeyReused extends EvidencePackageError {
  readonly code = 'idempotency-key-reused';
  constructor(
    readonly packageId: string,
    message: string,
  ) {
    super(message);
  }
}

export type AnyEvidencePackageError = PackageInputInvalid | EvidenceRepeated | IdempotencyKeyReused;
