import { judgeSeat, type ProgramFacts } from './funding-vote-rules';

const program: ProgramFacts = {
  programId: 'prog-1',
  votingMode: 'rules',
  budgetFen: 10_000_000,
  availableFen: 5_000_000,
};

describe('FUNDING_VOTE_RULES v1', () => {
  describe('grant-award', () => {
    const grant = { amountFen: 4_800_000, eligible: true, ineligibleCodes: [] };

    it('approves an eligible application the available balance covers', () => {
      expect(judgeSeat({ kind: 'grant-award', grant, program })).toEqual({
        mode: 'rules',
        verdict: { choice: 'approve', reason: null },
      });
    });

    it('objects naming the budget when available is short, and the codes when ineligible', () => {
      const short = judgeSeat({ kind: 'grant-award', grant, program: { ...program, availableFen: 4_799_999 } });
      expect(short).toMatchObject({
        mode: 'rules',
        verdict: { choice: 'object', reason: { code: 'budget-insufficient' } },
      });
      const ineligible = judgeSeat({
        kind: 'grant-award',
        grant: { ...grant, eligible: false, ineligibleCodes: ['category'] },
        program,
      });
      expect(ineligible).toMatchObject({
        verdict: {
          choice: 'object',
          reason: { code: 'application-ineligible', text: expect.stringContaining('category') },
        },
      });
    });

    it('leaves a staff-mode program and an unknown grant to the funder’s staff', () => {
      expect(judgeSeat({ kind: 'grant-award', grant, program: { ...program, votingMode: 'staff' } })).toEqual({
        mode: 'staff',
      });
      expect(judgeSeat({ kind: 'grant-award', grant: null, program: null })).toEqual({ mode: 'staff' });
    });
  });

  describe('activity-proposal', () => {
    const proposal = { programId: 'prog-1', requestedFen: 4_800_000, ineligibleCodes: [] };

    it('waits for the proposal, abstains when it asks no funding', () => {
      expect(judgeSeat({ kind: 'activity-proposal', proposal: null, program: null })).toEqual({ mode: 'wait' });
      expect(
        judgeSeat({ kind: 'activity-proposal', proposal: { ...proposal, programId: null }, program: null }),
      ).toMatchObject({ mode: 'rules', verdict: { choice: 'abstain', reason: { code: 'no-funding-requested' } } });
    });

    it('approves eligible within the budget; objects when ineligible or over the budget', () => {
      expect(judgeSeat({ kind: 'activity-proposal', proposal, program })).toMatchObject({
        verdict: { choice: 'approve' },
      });
      expect(
        judgeSeat({ kind: 'activity-proposal', proposal: { ...proposal, ineligibleCodes: ['category'] }, program }),
      ).toMatchObject({ verdict: { choice: 'object', reason: { code: 'proposal-ineligible' } } });
      expect(
        judgeSeat({ kind: 'activity-proposal', proposal: { ...proposal, requestedFen: 10_000_001 }, program }),
      ).toMatchObject({ verdict: { choice: 'object', reason: { code: 'over-budget-request' } } });
    });

    it('an unknown program or staff mode goes to staff; other kinds too', () => {
      expect(judgeSeat({ kind: 'activity-proposal', proposal, program: null })).toEqual({ mode: 'staff' });
      expect(judgeSeat({ kind: 'other' })).toEqual({ mode: 'staff' });
    });
  });
});
