import fc from 'fast-check';
import { electorate, tally } from '../../src/decision/domain/decision-state';
import { contextArb } from './arbitraries';
import { recusedQuorum } from './oracle';
import { approved, ctx, deliberating, escalated, open } from './scenarios';

describe('the fixture', () => {
  it('is a valid street policy: quorum 5 of 8', () => {
    expect(tally(ctx, open)).toEqual({ approve: 0, object: 0, abstain: 0, pending: 8, total: 8, quorum: 5 });
    expect(deliberating().stage).toBe('deliberation');
    expect(escalated().stage).toBe('escalated');
    expect(approved().stage).toBe('decided');
  });
});

describe('electorate', () => {
  it("property: its quorum is the brute-force oracle's, whoever proposes", () => {
    fc.assert(
      fc.property(contextArb(true), (context) => {
        const { seats, total, quorum } = electorate(context);
        expect(seats.map((seat) => seat.partyId)).not.toContain(context.proposerId);
        expect(total).toBe(seats.reduce((sum, seat) => sum + seat.weight, 0));
        expect(quorum).toBe(recusedQuorum(context.policy, seats));
      }),
      { numRuns: 500 },
    );
  });
});
