import type { SocialWorkerLevel, StaffRole } from '@sanshe/contracts';

/*
 * Who may be the independent assessor (`talent:independent-assessor`) of a milestone verification
 * (pure): an active certified social worker (any level, assistant social worker or above) with a
 * certificate at their level in force today, and no tie to the grant's organization — not its worker,
 * and no assignment to one of its activities or hours served for it within the last 12 months (what
 * talent stores). Fair and deterministic: the least recently bound first, then by worker id.
 */

/** A worker as the binding reads it, with their ties to the one organization in question. */
export interface AssessorCandidate {
  workerId: string;
  /** The employing organization (null: none). */
  organizationId: string | null;
  kind: StaffRole;
  level: SocialWorkerLevel | null;
  status: 'active' | 'left';
  /** The latest expiry of a certificate at the worker's level in force today (null: none). */
  certifiedUntil: string | null;
  /** The last day (Asia/Shanghai) of the worker's latest assignment to one of the organization's activities. */
  lastAssignedOn: string | null;
  /** The latest day the worker served hours the organization recorded. */
  lastServedOn: string | null;
  /** When the worker was last bound as an assessor, any decision (null: never). */
  lastBoundAt: string | null;
}

export type Ineligibility =
  'not-certified' | 'employed-by-organization' | 'assigned-to-organization' | 'served-organization';

const CERTIFIED: StaffRole = 'certified-social-worker';

/** The first day of the 12-month window ending `today` (YYYY-MM-DD): the same day a year earlier. */
export function tieWindowStart(today: string): string {
  const [year, month, day] = today.split('-').map(Number);
  // Date.UTC rolls 29 February of a year without it over to 1 March, still a year back.
  return new Date(Date.UTC(year - 1, month - 1, day)).toISOString().slice(0, 10);
}

/** Why `candidate` may not assess for `organizationId` today, or null when they may. */
export function ineligibility(
  candidate: AssessorCandidate,
  organizationId: string,
  today: string,
): Ineligibility | null {
  const certified =
    candidate.status === 'active' &&
    candidate.kind === CERTIFIED &&
    candidate.level !== null &&
    candidate.certifiedUntil !== null &&
    candidate.certifiedUntil >= today;
  if (!certified) return 'not-certified';
  if (candidate.organizationId === organizationId) return 'employed-by-organization';
  const since = tieWindowStart(today);
  // A tie ending on or after the window's first day, a future assignment included, is a tie.
  if (candidate.lastAssignedOn !== null && candidate.lastAssignedOn >= since) return 'assigned-to-organization';
  if (candidate.lastServedOn !== null && candidate.lastServedOn >= since) return 'served-organization';
  return null;
}

/** Never bound first, then the earliest last binding, then the worker id: the same input picks the same worker. */
function fairness(a: AssessorCandidate, b: AssessorCandidate): number {
  if (a.lastBoundAt !== b.lastBoundAt) {
    if (a.lastBoundAt === null) return -1;
    if (b.lastBoundAt === null) return 1;
    return Date.parse(a.lastBoundAt) - Date.parse(b.lastBoundAt) || a.lastBoundAt.localeCompare(b.lastBoundAt);
  }
  return a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0;
}

export type AssessorChoice = { workerId: string; reason: string } | { workerId: null; reason: string };

const DESCRIBED: Record<Ineligibility, string> = {
  'not-certified': 'without a certificate in force',
  'employed-by-organization': 'its own workers',
  'assigned-to-organization': 'assigned to its activities',
  'served-organization': 'served hours it recorded',
};

/** The worker to bind for the organization's verification, or none with the reason (every candidate's tie counted). */
export function pickAssessor(
  candidates: readonly AssessorCandidate[],
  organizationId: string,
  today: string,
): AssessorChoice {
  const counts = new Map<Ineligibility, number>();
  const eligible: AssessorCandidate[] = [];
  for (const candidate of candidates) {
    const why = ineligibility(candidate, organizationId, today);
    if (why === null) eligible.push(candidate);
    else counts.set(why, (counts.get(why) ?? 0) + 1);
  }
  const since = tieWindowStart(today);
  const [chosen] = [...eligible].sort(fairness);
  if (chosen) {
    return {
      workerId: chosen.workerId,
      reason:
        `${chosen.workerId}: certified ${chosen.level} until ${chosen.certifiedUntil}, no tie to ` +
        `organization:${organizationId} since ${since}; least recently bound ` +
        `(${chosen.lastBoundAt === null ? 'never before' : `last ${chosen.lastBoundAt}`}) of ${eligible.length} eligible`,
    };
  }
  const excluded = [...counts].map(([why, count]) => `${count} ${DESCRIBED[why]}`).join(', ');
  return {
    workerId: null,
    reason:
      `no certified social worker without a tie to organization:${organizationId} since ${since}: ` +
      `${candidates.length} active certified social workers considered${excluded ? ` (${excluded})` : ''}`,
  };
}
