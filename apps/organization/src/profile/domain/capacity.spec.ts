import {
  capacityOf,
  nextGrant,
  nextRating,
  nextWorker,
  type PaidTranche,
  type ProfileGrant,
  type ProfileRating,
  type ProfileWorker,
} from './capacity';

const ORG = 'org-1';
const worker = (
  workerId: string,
  kind: ProfileWorker['kind'],
  level: ProfileWorker['level'],
  revision = 1,
  status: ProfileWorker['status'] = 'active',
): ProfileWorker => ({ workerId, organizationId: ORG, kind, level, status, revision });

/** Folds facts in arrival order through a reducer, as the subscribers do one event at a time. */
function fold<T extends { [k in K]: string }, K extends keyof T>(
  key: K,
  arrivals: T[],
  next: (stored: T | null, incoming: T) => T | null,
): T[] {
  const stored = new Map<string, T>();
  for (const incoming of arrivals) {
    const changed = next(stored.get(incoming[key]) ?? null, incoming);
    if (changed) stored.set(incoming[key], changed);
  }
  return [...stored.values()];
}

const g1: ProfileGrant = {
  grantId: 'g1',
  organizationId: ORG,
  amountFen: 4_800_000,
  currency: 'CNY',
  status: 'activated',
  tranches: [
    { trancheNo: 1, amountFen: 1_440_000, dueDate: '2027-01-31' },
    { trancheNo: 2, amountFen: 1_920_000, dueDate: '2027-04-30' },
    { trancheNo: 3, amountFen: 1_440_000, dueDate: '2027-07-31' },
  ],
};
const g2: ProfileGrant = { ...g1, grantId: 'g2', amountFen: 1_000_000, tranches: [] };

describe('capacity profile', () => {
  // The hand-computed example: workers w1–w5 (w4's rev 1 arrives after its rev 2), grants g1 and
  // g2 (voided), g1#1 paid, ratings rev 3 then a late rev 2.
  const workers = fold(
    'workerId',
    [
      worker('w1', 'certified-social-worker', 'social-worker'),
      worker('w2', 'certified-social-worker', 'assistant-social-worker'),
      worker('w3', 'intern', null),
      worker('w4', 'intern', null, 2, 'left'),
      worker('w4', 'intern', null, 1, 'active'),
      worker('w5', 'volunteer', null),
    ],
    nextWorker,
  );
  let grants: ProfileGrant[] = [];
  for (const arrival of [g1, g2, { grantId: 'g2', organizationId: ORG, status: 'voided' as const }]) {
    const stored = grants.find((g) => g.grantId === arrival.grantId) ?? null;
    const changed = nextGrant(stored, arrival);
    if (changed) grants = [...grants.filter((g) => g.grantId !== arrival.grantId), changed];
  }
  const paid: PaidTranche[] = [{ grantId: 'g1', trancheNo: 1, amountFen: 1_440_000 }];
  let rating: ProfileRating | null = null;
  for (const arrival of [
    { score: 4.11, activitiesEvaluated: 3, revision: 3 },
    { score: 3.9, activitiesEvaluated: 2, revision: 2 },
  ]) {
    rating = nextRating(rating, arrival) ?? rating;
  }

  const capacity = capacityOf(
    { workers, grants, paid, rating, activities: { scheduled: 1, running: 0, completed: 2 } },
    '2027-02-15',
  );

  it('staff: certified 2 (social-worker 1, assistant 1), interns 1 (w4 left; its late rev 1 ignored), volunteers 1', () => {
    expect(capacity.staff).toEqual({
      certifiedSocialWorkers: 2,
      byLevel: { 'assistant-social-worker': 1, 'social-worker': 1, 'senior-social-worker': 0 },
      interns: 1,
      volunteers: 1,
      communityStaff: 0,
    });
  });

  it('funding: secured 4 800 000, received 1 440 000, next tranche g1#2 1 920 000 due 2027-04-30', () => {
    expect(capacity.funding).toEqual({
      securedFen: 4_800_000,
      receivedFen: 1_440_000,
      currency: 'CNY',
      nextTranche: { grantId: 'g1', trancheNo: 2, amountFen: 1_920_000, dueDate: '2027-04-30', overdue: false },
    });
  });

  it('evaluation: rev 3 (4.11) stays after the late rev 2', () => {
    expect(capacity.evaluation).toEqual({ averageScore: 4.11, activitiesEvaluated: 3 });
    expect(capacity.activities).toEqual({ scheduled: 1, running: 0, completed: 2 });
  });

  it('a tranche past its due date is overdue', () => {
    const late = capacityOf(
      { workers: [], grants: [g1], paid: [], rating: null, activities: capacity.activities },
      '2027-02-01',
    );
    expect(late.funding.nextTranche).toMatchObject({ trancheNo: 1, overdue: true });
    expect(late.evaluation).toBeNull();
  });

  it('voided is final: a voiding before the activation keeps the late activation out', () => {
    const voided = nextGrant(null, { grantId: 'g3', organizationId: ORG, status: 'voided' });
    expect(voided).toMatchObject({ status: 'voided', amountFen: 0 });
    expect(nextGrant(voided, { ...g1, grantId: 'g3' })).toBeNull();
    expect(nextGrant(g1, g1)).toBeNull();
  });

  it('a repeated revision changes nothing', () => {
    const w = worker('w1', 'intern', null, 2);
    expect(nextWorker(w, w)).toBeNull();
    expect(nextWorker(w, { ...w, revision: 3 })).toMatchObject({ revision: 3 });
  });
});
