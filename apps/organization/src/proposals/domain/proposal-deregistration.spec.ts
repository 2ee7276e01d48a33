import { ObjectionReason } from '@sanshe/contracts';
import { Value } from '@sinclair/typebox/value';
import { type Proposal, PROPOSAL_STATUSES, type ProposalStatus } from './proposal';
import { AT, proposalIn } from './proposal.fixtures';
import { applyDeregistration, DEREGISTERED_CODE, ENDED_BY_DEREGISTRATION } from './proposal-requests';

const REASON = '连续两年未参加年检，依法注销登记';
const summary = (status: ProposalStatus) => {
  const { state, facts } = applyDeregistration(proposalIn(status), REASON, AT);
  const withdrawnFrom = facts.flatMap((f) => (f.type === 'proposal.withdrawn' ? [f.withdrawnFrom] : []));
  return [state.status, facts.map((f) => f.type), withdrawnFrom];
};

describe('a deregistration ends each proposal of the organization', () => {
  it.each<[ProposalStatus, ProposalStatus, string[], string[]]>([
    ['draft', 'discarded', [], []],
    ['submitted', 'submitted', ['proposal.withdrawn'], ['decision']],
    ['filed', 'withdrawn', ['proposal.withdrawn', 'activity.cancel'], ['filing']],
    ['under-review', 'under-review', ['proposal.withdrawn'], ['decision']],
    ['deliberation', 'deliberation', ['proposal.withdrawn'], ['decision']],
    ['escalated', 'escalated', ['proposal.withdrawn'], ['decision']],
    ['approved', 'approved', [], []],
    ['rejected', 'rejected', [], []],
    ['withdrawn', 'withdrawn', [], []],
    ['discarded', 'discarded', [], []],
  ])('%s → %s with %j (withdrawn from %j)', (from, status, facts, withdrawnFrom) => {
    expect(summary(from)).toEqual([status, facts, withdrawnFrom]);
  });

  it('changes exactly the statuses the listener asks for', () => {
    const changed = PROPOSAL_STATUSES.filter((s) => applyDeregistration(proposalIn(s), REASON, AT).facts.length > 0);
    const discarded = PROPOSAL_STATUSES.filter(
      (s) => applyDeregistration(proposalIn(s), REASON, AT).state.status !== proposalIn(s).status,
    );
    expect(new Set([...changed, ...discarded])).toEqual(new Set(ENDED_BY_DEREGISTRATION));
  });

  it('withdraws with a reason the contract accepts, coded organization-deregistered, quoting the registrar', () => {
    const { state } = applyDeregistration(proposalIn('submitted'), REASON, AT);
    expect(state.withdrawal).toMatchObject({ reason: { code: 'organization-deregistered' }, requestedAt: AT });
    expect(state.withdrawal?.reason.text).toContain(REASON);
    expect(Value.Check(ObjectionReason, state.withdrawal?.reason)).toBe(true);
    expect(DEREGISTERED_CODE).toBe('organization-deregistered');
  });

  it('asks nothing more while an earlier withdrawal is pending; asks again after governance refused it', () => {
    const pending: Proposal = applyDeregistration(proposalIn('under-review'), REASON, AT).state;
    expect(applyDeregistration(pending, REASON, AT).facts).toEqual([]);
    const { withdrawal } = pending;
    if (!withdrawal) throw new Error('expected a pending withdrawal');
    const refused: Proposal = {
      ...pending,
      withdrawal: { ...withdrawal, refusal: { code: 'decision-closed', reason: 'x' } },
    };
    const again = applyDeregistration(refused, REASON, AT);
    expect(again.facts.map((f) => f.type)).toEqual(['proposal.withdrawn']);
    expect(again.state.withdrawal).toMatchObject({ attempt: 2 });
  });
});
