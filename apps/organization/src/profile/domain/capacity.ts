import { SOCIAL_WORKER_LEVEL_CODES, type SocialWorkerLevel, type StaffRole } from '@sanshe/contracts';

/** A worker as talent last described them (worker.registered/updated); the highest revision wins. */
export interface ProfileWorker {
  workerId: string;
  organizationId: string | null;
  kind: StaffRole;
  level: SocialWorkerLevel | null;
  status: 'active' | 'left';
  revision: number;
}

export interface ProfileTranche {
  trancheNo: number;
  amountFen: number;
  dueDate: string;
}

/** A grant as funding activated it; voided is final, whatever arrives after. */
export interface ProfileGrant {
  grantId: string;
  organizationId: string;
  amountFen: number;
  currency: string;
  status: 'activated' | 'voided';
  tranches: ProfileTranche[];
}

export interface PaidTranche {
  grantId: string;
  trancheNo: number;
  amountFen: number;
}

/** The community's rating of the organization (rating.updated); the highest revision wins. */
export interface ProfileRating {
  /** As the event carries it: 0–5 with 2 decimals. */
  score: number;
  activitiesEvaluated: number;
  revision: number;
}

export interface ActivityCounts {
  scheduled: number;
  running: number;
  completed: number;
}

export interface CapacityFacts {
  workers: readonly ProfileWorker[];
  grants: readonly ProfileGrant[];
  paid: readonly PaidTranche[];
  rating: ProfileRating | null;
  activities: ActivityCounts;
}

export interface Capacity {
  staff: {
    certifiedSocialWorkers: number;
    byLevel: Record<SocialWorkerLevel, number>;
    interns: number;
    volunteers: number;
    communityStaff: number;
  };
  funding: {
    securedFen: number;
    receivedFen: number;
    currency: string;
    nextTranche: { grantId: string; trancheNo: number; amountFen: number; dueDate: string; overdue: boolean } | null;
  };
  evaluation: { averageScore: number; activitiesEvaluated: number } | null;
  activities: ActivityCounts;
}

/** The stored worker after `incoming`, or null when it changes nothing (an older or repeated revision). */
export const nextWorker = (stored: ProfileWorker | null, incoming: ProfileWorker): ProfileWorker | null =>
  stored === null || incoming.revision > stored.revision ? incoming : null;

export const nextRating = (stored: ProfileRating | null, incoming: ProfileRating): ProfileRating | null =>
  stored === null || incoming.revision > stored.revision ? incoming : null;

/**
 * The stored grant after an activation or a voiding, or null when nothing changes. Voided is final: an
 * activation arriving after it (late or repeated) changes nothing; a voiding before its activation is
 * kept (with no amount), so the late activation cannot revive it.
 */
export function nextGrant(
  stored: ProfileGrant | null,
  incoming: ProfileGrant | { grantId: string; organizationId: string; status: 'voided' },
): ProfileGrant | null {
  if (stored?.status === 'voided') return null;
  if (incoming.status === 'voided') {
    return stored ? { ...stored, status: 'voided' } : { ...incoming, amountFen: 0, currency: 'CNY', tranches: [] };
  }
  return stored === null ? incoming : null;
}

const count = (workers: readonly ProfileWorker[], kind: StaffRole) => workers.filter((w) => w.kind === kind).length;

function staffOf(all: readonly ProfileWorker[]): Capacity['staff'] {
  const workers = all.filter((w) => w.status === 'active');
  const certified = workers.filter((w) => w.kind === 'certified-social-worker');
  const byLevel = Object.fromEntries(
    SOCIAL_WORKER_LEVEL_CODES.map((level) => [level, certified.filter((w) => w.level === level).length]),
  ) as Record<SocialWorkerLevel, number>;
  return {
    certifiedSocialWorkers: certified.length,
    byLevel,
    interns: count(workers, 'intern'),
    volunteers: count(workers, 'volunteer'),
    communityStaff: count(workers, 'community-staff'),
  };
}

/** Integers in fen throughout: money is never a floating-point sum. */
function fundingOf(grants: readonly ProfileGrant[], paid: readonly PaidTranche[], today: string): Capacity['funding'] {
  const active = grants.filter((g) => g.status === 'activated');
  const isPaid = (grantId: string, trancheNo: number) =>
    paid.some((p) => p.grantId === grantId && p.trancheNo === trancheNo);
  const received = paid.filter((p) => active.some((g) => g.grantId === p.grantId));
  const unpaid = active
    .flatMap((g) => g.tranches.map((t) => ({ grantId: g.grantId, ...t })))
    .filter((t) => !isPaid(t.grantId, t.trancheNo))
    .sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.grantId.localeCompare(b.grantId) || a.trancheNo - b.trancheNo,
    );
  const next = unpaid[0];
  return {
    securedFen: active.reduce((sum, g) => sum + g.amountFen, 0),
    receivedFen: received.reduce((sum, p) => sum + p.amountFen, 0),
    currency: active[0]?.currency ?? 'CNY',
    nextTranche: next ? { ...next, overdue: next.dueDate < today } : null,
  };
}

/** The organization's capacity on `today` (YYYY-MM-DD, for the overdue flag) from what the events said. */
export function capacityOf(facts: CapacityFacts, today: string): Capacity {
  return {
    staff: staffOf(facts.workers),
    funding: fundingOf(facts.grants, facts.paid, today),
    evaluation: facts.rating
      ? { averageScore: facts.rating.score, activitiesEvaluated: facts.rating.activitiesEvaluated }
      : null,
    activities: { ...facts.activities },
  };
}
