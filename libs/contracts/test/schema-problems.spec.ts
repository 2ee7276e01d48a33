import { Type } from '@sinclair/typebox';
import { type DecisionPolicyInput as Policy, DecisionPolicyInput, schemaProblems } from '../src';

const committee = {
  partyId: 'community:{communityCode}',
  kind: 'community',
  title: '居委会',
  weight: 2,
  voteWindowHours: 168,
};
const policy: Policy = {
  policyId: 'activity-proposal.310104-005-001',
  decisionKind: 'activity-proposal',
  communityCode: '310104-005-001',
  title: 'Activity proposals in 新华社区',
  parties: [
    committee,
    { partyId: 'funder:xuhui-fund', kind: 'funder', title: 'District fund', weight: 2, voteWindowHours: 168 },
    { partyId: 'talent:xinhua', kind: 'talent', title: 'Social workers', weight: 1, voteWindowHours: 24 },
  ],
  quorum: 3,
  deliberationHours: 72,
  maxAmendments: 1,
  escalation: [{ arbiterId: 'portal:street-xinhua', title: 'Street', deadlineHours: 72, defaultOutcome: 'rejected' }],
};

describe('schemaProblems', () => {
  it('finds nothing wrong with a conforming value, however often it is asked', () => {
    expect(schemaProblems(DecisionPolicyInput, policy)).toEqual([]);
    expect(schemaProblems(DecisionPolicyInput, structuredClone(policy))).toEqual([]);
  });

  it('names every problem at once, each by its field', () => {
    const broken: Partial<Policy> = {
      ...policy,
      parties: [{ ...committee, weight: 0 }, ...policy.parties.slice(1)],
    };
    delete broken.quorum;
    expect(schemaProblems(DecisionPolicyInput, broken)).toEqual([
      { path: '/quorum', message: 'is required' },
      { path: '/parties/0/weight', message: 'must be >= 1' },
    ]);
  });

  it('names a property the schema does not allow', () => {
    const extra = { ...policy, parties: [{ ...committee, vetoes: true }, ...policy.parties.slice(1)] };
    expect(schemaProblems(DecisionPolicyInput, extra)).toEqual([
      { path: '/parties/0/vetoes', message: 'is not allowed here' },
    ]);
  });

  it('leaves out the anyOf summary that only repeats what each alternative said', () => {
    expect(schemaProblems(DecisionPolicyInput, { ...policy, communityCode: 42 })).toEqual([
      { path: '/communityCode', message: 'must be string' },
      { path: '/communityCode', message: 'must be null' },
    ]);
  });

  it('places the pointers under a prefix, e.g. request parameters', () => {
    const Query = Type.Object({ limit: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
    expect(schemaProblems(Query, { limit: 0, offset: 2 }, '/query')).toEqual([
      { path: '/query/offset', message: 'is not allowed here' },
      { path: '/query/limit', message: 'must be >= 1' },
    ]);
  });

  it('names the values a union of literals allows, once per field, not once per literal', () => {
    const Body = Type.Object({
      priority: Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high')]),
      size: Type.Integer({ minimum: 1 }),
    });
    expect(schemaProblems(Body, { priority: 'urgent!', size: 0 })).toEqual([
      { path: '/priority', message: 'must be one of "low", "normal", "high"' },
      { path: '/size', message: 'must be >= 1' },
    ]);
  });
});
