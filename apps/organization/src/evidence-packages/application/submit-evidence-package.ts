import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Static } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { Id, schemaProblems } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { type Caller, organizationParty, roleRefusal, ROLES } from '../../access/organization-access';
import { checkEvidence, type EvidenceItem } from '../../activities/domain/evidence';
import {
  type EvidencePackage,
  EvidencePackageBody,
  fingerprintSource,
  IDEMPOTENCY_KEY,
  type PackageInput,
  submitPackage,
} from '../domain/evidence-package';
import { EvidenceRepeated, IdempotencyKeyReused, PackageInputInvalid } from '../domain/evidence-package-errors';
import { EvidencePackageRepository } from '../domain/evidence-package.repository';

/**
 * POST /grants/{grantId}/evidence-packages: the body and Idempotency-Key (400); who speaks for the
 * organization (403: organization-admin of organization:<id>, as for an activity's completion); then the
 * package and its evidence-submitted event commit together. The same key with the same package returns the
 * package sent (no second event); with another package, 409. Governance decides whether it counts.
 */
@Injectable()
export class SubmitEvidencePackageHandler {
  constructor(
    private readonly packages: EvidencePackageRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(grantId: string, body: unknown, idempotencyKey: string | undefined, caller: Caller, now = new Date()) {
    const input = checkedInput(grantId, body, idempotencyKey);
    const { organizationId } = input;
    const refusal = roleRefusal(
      caller,
      [ROLES.orgAdmin],
      [organizationParty(organizationId)],
      `submit evidence for ${organizationId}`,
    );
    if (refusal) throw new AccessDenied(refusal);
    const fingerprint = createHash('sha256').update(fingerprintSource(input)).digest('hex');
    const meta = { submittedBySub: caller.sub, idempotencyKey: idempotencyKey ?? null, fingerprint };
    const { evidencePackage, event } = submitPackage(`evp-${randomUUID()}`, input, meta, now);
    return this.dataSource.transaction(async (manager): Promise<EvidencePackage> => {
      const earlier = await this.packages.insert(manager, evidencePackage);
      if (earlier && earlier.fingerprint === fingerprint) return earlier;
      if (earlier) {
        throw new IdempotencyKeyReused(
          earlier.packageId,
          `Idempotency-Key ${idempotencyKey} already sent package ${earlier.packageId} ` +
            `(grant ${earlier.grantId}, tranche ${earlier.trancheNo}) with other content`,
        );
      }
      await this.outbox.publish(manager, event);
      return evidencePackage;
    });
  }
}

/** The request's parts, or 400 naming every problem (shape first, then each evidence item's rules). */
function checkedInput(grantId: string, body: unknown, idempotencyKey: string | undefined): PackageInput {
  const problems = [
    ...schemaProblems(Id, grantId, '/params/grantId'),
    ...schemaProblems(EvidencePackageBody, body, '/body'),
  ];
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    problems.push({ path: '/headers/idempotency-key', message: 'must be 1–128 of A-Z a-z 0-9 . _ : -' });
  }
  if (problems.length > 0) throw new PackageInputInvalid(problems);
  const { organizationId, trancheNo, summary, evidence } = body as Static<typeof EvidencePackageBody>;
  const items = evidence as EvidenceItem[];
  // The schema has judged each item: what is left is a hash repeated across items (422).
  const itemProblems = checkEvidence(items).map((p) => ({ ...p, path: `/body${p.path}` }));
  if (itemProblems.length > 0) throw new EvidenceRepeated(itemProblems);
  return { grantId, organizationId, trancheNo, summary, evidence: items };
}
