import { Type } from '@sinclair/typebox';
import { EVIDENCE_KIND_CODES, type NewEvent } from '@sanshe/contracts';
import { type EvidenceItem, SHA256 } from '../../activities/domain/evidence';

/*
 * An evidence package: what an organization submits for a grant tranche's milestone that is not one activity's
 * completion (a quarterly service report, say), the evidence by hash, the files staying with the organization.
 * Governance applies it to `disbursement/<grantId>` as the tranche's evidence, or refuses it
 * (disbursement.request-refused, written back here).
 */

export const MAX_PACKAGE_EVIDENCE = 200;

export const EvidencePackageBody = Type.Object(
  {
    organizationId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' }),
    trancheNo: Type.Integer({ minimum: 1, maximum: 24 }),
    summary: Type.String({ minLength: 1, maxLength: 2000 }),
    evidence: Type.Array(
      Type.Object(
        {
          sha256: Type.String({ pattern: SHA256.source, description: 'SHA-256, 64 lower-case hex digits' }),
          title: Type.String({ minLength: 1, maxLength: 200 }),
          kind: Type.String({ enum: [...EVIDENCE_KIND_CODES] }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_PACKAGE_EVIDENCE },
    ),
  },
  { additionalProperties: false },
);

/** A client's `Idempotency-Key`: the same key with the same package returns the package sent, never a second. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export interface PackageInput {
  grantId: string;
  organizationId: string;
  trancheNo: number;
  summary: string;
  evidence: EvidenceItem[];
}

export interface EvidencePackage extends PackageInput {
  packageId: string;
  eventId: string;
  submittedBySub: string;
  idempotencyKey: string | null;
  /** What the package says (grant, tranche, summary, evidence), to tell a replay from a reused key. */
  fingerprint: string;
  createdAt: string;
  status: 'sent' | 'refused';
  refusal: { code: string; reason: string } | null;
}

const TYPE = 'sanshe.organization.milestone.evidence-submitted.v1';
type EvidenceSubmitted = Omit<NewEvent<typeof TYPE>, 'source'>;

/** What a package's fingerprint is taken over: its content in a fixed order, evidence as given. */
export const fingerprintSource = ({ grantId, organizationId, trancheNo, summary, evidence }: PackageInput): string =>
  JSON.stringify([grantId, organizationId, trancheNo, summary, evidence.map((e) => [e.sha256, e.title, e.kind])]);

/**
 * The package and the one event that carries it. submittedBy and castBy are the organization's party (the
 * organization speaks for itself, as for votes): the admin's sub stays in the organization's own table.
 */
export function submitPackage(
  packageId: string,
  input: PackageInput,
  meta: { submittedBySub: string; idempotencyKey: string | null; fingerprint: string },
  now: Date,
): { evidencePackage: EvidencePackage; event: EvidenceSubmitted } {
  const eventId = `${TYPE}:${packageId}`;
  const { grantId, organizationId, trancheNo, summary } = input;
  const evidence = input.evidence.map(({ sha256, title, kind }) => ({ sha256, title, kind }));
  const party = `organization:${organizationId}`;
  const evidencePackage: EvidencePackage = {
    ...{ ...input, evidence, packageId, eventId, ...meta },
    ...{ createdAt: now.toISOString(), status: 'sent', refusal: null },
  };
  const data = { packageId, grantId, trancheNo, organizationId, submittedBy: party, castBy: party, summary, evidence };
  return { evidencePackage, event: { type: TYPE, subject: grantId, id: eventId, data } };
}
