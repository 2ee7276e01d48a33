import type { FieldProblem } from '@sanshe/contracts';
import type { ConsentPurpose } from '@sanshe/contracts/pure';

export type ConsentDecision = 'granted' | 'withdrawn';
/** Who put the resident's word on record: a serving residents' representative, or a residents' portal. */
export type ConsentChannel = 'representative' | 'portal';

/** One entry of a resident's consent history; entries are never changed, only followed by newer ones. */
export interface ConsentRecord {
  recordId: string;
  residentId: string;
  purpose: ConsentPurpose;
  /** The organization allowed to make contact (organization-contact only); null for the other purposes. */
  organizationId: string | null;
  /** The activity the contact is for, when the resident named one. */
  activityId: string | null;
  decision: ConsentDecision;
  recordedBy: string;
  recordedVia: ConsentChannel;
  recordedAt: Date;
  /** Insertion order, breaking ties between records of the same instant. */
  sequence: number;
}

/** The purposes whose consent names the organization it is given to. */
export const purposeNamesOrganization = (purpose: ConsentPurpose): boolean => purpose === 'organization-contact';

/** What one consent is about: a purpose, and for organization-contact the organization. */
export const consentScope = (record: Pick<ConsentRecord, 'purpose' | 'organizationId'>): string =>
  purposeNamesOrganization(record.purpose) ? `${record.purpose}:${record.organizationId}` : record.purpose;

const later = (a: ConsentRecord, b: ConsentRecord): boolean =>
  a.recordedAt.getTime() !== b.recordedAt.getTime()
    ? a.recordedAt.getTime() > b.recordedAt.getTime()
    : a.sequence > b.sequence;

/**
 * The latest record per (resident, scope) among those recorded at or before `at`: the resident's word
 * then. A record of the future (after `at`) does not count yet.
 */
export function latestRecords(records: readonly ConsentRecord[], at: Date): ConsentRecord[] {
  const latest = new Map<string, ConsentRecord>();
  for (const record of records) {
    if (record.recordedAt.getTime() > at.getTime()) continue;
    const key = `${record.residentId}|${consentScope(record)}`;
    const current = latest.get(key);
    if (!current || later(record, current)) latest.set(key, record);
  }
  return [...latest.values()];
}

/**
 * Those residents whose latest record for `purpose` (and, when the purpose names one, for exactly
 * `organizationId`) is a grant at `at`. A consent to one organization's contact says nothing of another's.
 */
export function consentingAt(
  records: readonly ConsentRecord[],
  purpose: ConsentPurpose,
  organizationId: string | null,
  at: Date,
): Set<string> {
  const wanted = consentScope({ purpose, organizationId });
  return new Set(
    latestRecords(records, at)
      .filter((record) => consentScope(record) === wanted && record.decision === 'granted')
      .map((record) => record.residentId),
  );
}

/** What a representative or a portal sends to record a resident's word. */
export interface ConsentInput {
  purpose: ConsentPurpose;
  decision: ConsentDecision;
  organizationId?: string;
  activityId?: string;
}

/**
 * The rules a schema cannot say: organization-contact names the organization (and may name an activity);
 * the other purposes name neither, so a consent cannot be scoped to an organization it does not concern.
 */
export function consentInputProblems(input: ConsentInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (purposeNamesOrganization(input.purpose)) {
    if (input.organizationId === undefined) {
      problems.push({ path: '/organizationId', message: `is required when purpose is ${input.purpose}` });
    }
    return problems;
  }
  for (const field of ['organizationId', 'activityId'] as const) {
    if (input[field] !== undefined) {
      problems.push({ path: `/${field}`, message: `is only given when purpose is organization-contact` });
    }
  }
  return problems;
}
