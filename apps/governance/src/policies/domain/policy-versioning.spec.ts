import type { DecisionPolicyInput } from '@sanshe/contracts';
import { PolicyConflict } from './policy-errors';
import { decideVersion } from './policy-versioning';
import type { StoredPolicy } from './stored-policy';

const input = (overrides: Partial<DecisionPolicyInput> = {}): DecisionPolicyInput => ({
  policyId: 'activity-proposal.310104-005-001',
  decisionKind: 'activity-proposal',
  communityCode: '310104-005-001',
  title: 'Activity proposals in 新华社区',
  parties: [
    { partyId: 'community:310104-005-001', kind: 'community', title: '居委会', weight: 1, voteWindowHours: 168 },
    { partyId: 'residents:310104-005-001', kind: 'residents', title: '居民代表', weight: 1, voteWindowHours: 168 },
    { partyId: 'talent:xinhua-social-workers', kind: 'talent', title: '社工', weight: 1, voteWindowHours: 168 },
  ],
  quorum: 2,
  deliberationHours: 72,
  maxAmendments: 1,
  escalation: [{ arbiterId: 'portal:street-xinhua', title: '街道', deadlineHours: 72, defaultOutcome: 'rejected' }],
  ...overrides,
});
const stored = (policy: DecisionPolicyInput, version: number): StoredPolicy => ({
  policy: { ...policy, version },
  createdAt: new Date(),
  createdBy: null,
});

describe('decideVersion', () => {
  it('starts a new policy at version 1', () => {
    expect(decideVersion(input(), null, null)).toEqual({ kind: 'append', version: 1 });
  });

  it('answers an unchanged body with the latest version, whatever the key order', () => {
    const latest = stored(input(), 4);
    const reordered = Object.fromEntries(Object.entries(input()).reverse()) as DecisionPolicyInput;
    expect(decideVersion(reordered, latest, null)).toEqual({ kind: 'unchanged', latest });
  });

  it('appends latest + 1 for a changed body', () => {
    expect(decideVersion(input({ quorum: 3 }), stored(input(), 4), null)).toEqual({ kind: 'append', version: 5 });
  });

  it('keeps a policy in its scope', () => {
    const move = () => decideVersion(input({ communityCode: null }), stored(input(), 1), null);
    expect(move).toThrow(PolicyConflict);
    expect(move).toThrow(/governs activity-proposal in community 310104-005-001; it cannot move to .* district-wide/);
  });

  it('gives a scope one policy, naming the one that holds it', () => {
    expect(() => decideVersion(input({ policyId: 'other' }), null, 'activity-proposal.310104-005-001')).toThrow(
      /policy activity-proposal\.310104-005-001 already governs activity-proposal in community 310104-005-001/,
    );
  });
});
