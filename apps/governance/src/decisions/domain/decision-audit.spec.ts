import { hashRecord } from '@sanshe/workflows';
import { closedTrail } from '../../../test/closed-trail-fixture';
import { auditProblem } from './decision-audit';

describe('auditProblem', () => {
  const { closed, trail } = closedTrail('decision/activity-proposal/p-1');

  it('accepts a chain that ends in the closed decision’s head', () => {
    expect(auditProblem(closed, trail)).toBeNull();
  });

  it('names the first record whose hash does not match', () => {
    const edited = trail.map((r) => (r.seq === 2 ? { ...r, entry: { ...r.entry, choice: 'object' } as never } : r));
    expect(auditProblem(closed, edited)).toBe('the hash chain breaks at record 2 of 4');
  });

  it('refuses a dropped tail, even when what remains links up', () => {
    expect(auditProblem(closed, trail.slice(0, 3))).toBe('the trail has 3 records, the decision closed at 4');
  });

  it('refuses a trail whose head is not the published one', () => {
    expect(auditProblem({ ...closed, headHash: 'f'.repeat(64) }, trail)).toMatch(
      /^the trail ends in .*, the decision closed on f+$/,
    );
  });

  it('refuses a consistent chain that does not end in the outcome', () => {
    const last = { ...trail[3]!, entry: { type: 'deliberation-closed' } as never };
    const rehashed = [...trail.slice(0, 3), { ...last, hash: hashRecord(last) }];
    expect(auditProblem({ ...closed, headHash: rehashed[3]!.hash }, rehashed)).toBe(
      'the last record is deliberation-closed, not the outcome',
    );
  });

  it('refuses an empty trail', () => {
    expect(auditProblem(closed, [])).toBe('the trail is empty');
  });
});
