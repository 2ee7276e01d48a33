import { EVIDENCE_KIND_CODES, type EvidenceKind, type FieldProblem } from '@sanshe/contracts';

/** A document an activity's report points to: the file stays with the organization, its hash travels. */
export interface EvidenceItem {
  sha256: string;
  title: string;
  kind: EvidenceKind;
}

/** Another activity whose report already named the same hash. */
export interface EvidenceUse {
  activityId: string;
  grantId: string | null;
}

export type ReportedEvidence = EvidenceItem & { reusedIn: EvidenceUse[] };

export const SHA256 = /^[0-9a-f]{64}$/;
export const MAX_EVIDENCE = 200;

/** Each item's hash (lowercase hex, once per report), kind and title; problems under `/evidence/<i>`. */
export function checkEvidence(items: readonly EvidenceItem[]): FieldProblem[] {
  if (items.length > MAX_EVIDENCE) return [{ path: '/evidence', message: `at most ${MAX_EVIDENCE} items` }];
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  items.forEach(({ sha256, title, kind }, index) => {
    const path = `/evidence/${index}`;
    if (!SHA256.test(sha256)) {
      problems.push({ path: `${path}/sha256`, message: 'must be a SHA-256 in lowercase hex (64 characters)' });
    } else if (seen.has(sha256)) {
      problems.push({ path: `${path}/sha256`, message: `repeats /evidence/${seen.get(sha256)}` });
    } else {
      seen.set(sha256, index);
    }
    if (!EVIDENCE_KIND_CODES.includes(kind)) {
      problems.push({ path: `${path}/kind`, message: `must be one of ${EVIDENCE_KIND_CODES.join(', ')}` });
    }
    if (title.length < 1 || title.length > 200)
      problems.push({ path: `${path}/title`, message: 'must be 1–200 characters' });
  });
  return problems;
}

/**
 * Flags each item another activity's report already named (reuse is reported, never refused: funding's
 * disbursement decides what a reused hash means for a tranche). Its own earlier uses do not count.
 */
export function flagReuse(
  activityId: string,
  items: readonly EvidenceItem[],
  earlierUses: ReadonlyMap<string, readonly EvidenceUse[]>,
): ReportedEvidence[] {
  return items.map((item) => ({
    ...item,
    reusedIn: (earlierUses.get(item.sha256) ?? [])
      .filter((use) => use.activityId !== activityId)
      .map(({ activityId: other, grantId }) => ({ activityId: other, grantId })),
  }));
}

/** The order the completion takes the hashes' advisory locks in: sorted, so two reports never deadlock. */
export const lockOrder = (items: readonly EvidenceItem[]): string[] => [...new Set(items.map((i) => i.sha256))].sort();
