import { tally } from '../../src/decision/domain/decision-state';
import { approved, ctx, deliberating, escalated, open } from './scenarios';

describe('the fixture', () => {
  it('is a valid street policy: quorum 5 of 8', () => {
    expect(tally(ctx, open)).toEqual({ approve: 0, object: 0, abstain: 0, pending: 8, total: 8, quorum: 5 });
    expect(deliberating().stage).toBe('deliberation');
    expect(escalated().stage).toBe('escalated');
    expect(approved().stage).toBe('decided');
  });
});
