import {
  AREA_PLACEHOLDERS,
  ArbiterPartyId,
  COMMUNITY_PLACEHOLDER,
  conflictingScopeFields,
  DecisionPolicyInput,
  policyScopeOf,
  schemaProblems,
  SeatPartyId,
} from '../src';

const policy: DecisionPolicyInput = {
  policyId: 'activity-proposal.310104-005',
  decisionKind: 'activity-proposal',
  communityCode: null,
  streetCode: '310104-005',
  title: '新华路街道各居民区的活动提案',
  parties: [
    { partyId: 'community:{communityCode}', kind: 'community', title: '居委会', weight: 2, voteWindowHours: 168 },
    { partyId: 'residents:{communityCode}', kind: 'residents', title: '居民代表', weight: 1, voteWindowHours: 168 },
    { partyId: 'funder:xuhui-fund', kind: 'funder', title: '区社区基金', weight: 2, voteWindowHours: 168 },
  ],
  quorum: 3,
  deliberationHours: 72,
  maxAmendments: 1,
  escalation: [
    { arbiterId: 'portal:street-{streetCode}', title: '街道办', deadlineHours: 72, defaultOutcome: 'escalate' },
    {
      arbiterId: 'portal:civil-affairs-{districtCode}',
      title: '区民政局',
      deadlineHours: 120,
      defaultOutcome: 'approved',
    },
  ],
};

describe('area placeholders in seats and arbiters', () => {
  it('are {communityCode}, {streetCode} and {districtCode}', () => {
    expect(AREA_PLACEHOLDERS).toEqual(['{communityCode}', '{streetCode}', '{districtCode}']);
    expect(AREA_PLACEHOLDERS).toContain(COMMUNITY_PLACEHOLDER);
  });

  const valid = [
    'portal:street-{streetCode}',
    'community:{communityCode}',
    'portal:{districtCode}',
    'portal:{districtCode}-civil-affairs',
    'residents:{communityCode}',
    'portal:street-xinhua',
    'community:310104-005-001',
  ];
  const invalid = [
    'portal:{street}',
    'portal:',
    'portal:{streetCode',
    'portal:-{streetCode}',
    'portal:street {streetCode}',
    'Portal:{streetCode}',
    'portal:{StreetCode}',
    '{communityCode}',
  ];

  it.each([
    ['SeatPartyId', SeatPartyId],
    ['ArbiterPartyId', ArbiterPartyId],
  ])('%s accepts templates and plain ids, and refuses malformed ones', (_, schema) => {
    expect(valid.filter((id) => schemaProblems(schema, id).length > 0)).toEqual([]);
    expect(invalid.filter((id) => schemaProblems(schema, id).length === 0)).toEqual([]);
  });

  it('let a street-scoped policy name its street office by template', () => {
    expect(schemaProblems(DecisionPolicyInput, policy)).toEqual([]);
  });

  it('refuse a malformed arbiter template, naming it', () => {
    const arbiter = { arbiterId: 'portal:street-{street}', title: '街道办', deadlineHours: 72 };
    const broken = { ...policy, escalation: [{ ...arbiter, defaultOutcome: 'escalate' }] };
    expect(schemaProblems(DecisionPolicyInput, broken).map((p) => p.path)).toEqual(['/escalation/0/arbiterId']);
  });

  it('refuse a street or district scope with a malformed code, naming it', () => {
    const problems = schemaProblems(DecisionPolicyInput, { ...policy, streetCode: '310104-5', districtCode: 'xuhui' });
    expect(problems.map((p) => p.path)).toEqual(['/streetCode', '/districtCode']);
  });
});

describe('policyScopeOf', () => {
  it.each([
    [{ communityCode: '310104-005-001' }, { level: 'community', code: '310104-005-001' }],
    [
      { communityCode: null, streetCode: '310104-005' },
      { level: 'street', code: '310104-005' },
    ],
    [
      { communityCode: null, districtCode: '310104' },
      { level: 'district', code: '310104' },
    ],
    [{ communityCode: null }, { level: 'default', code: null }],
    [
      { communityCode: null, streetCode: null, districtCode: undefined },
      { level: 'default', code: null },
    ],
    [
      { communityCode: null, programId: 'prog-2026-elderly-care' },
      { level: 'program', code: 'prog-2026-elderly-care' },
    ],
    // Two scopes are refused by governance; the scope is still the most specific one.
    [
      { communityCode: '310104-005-001', districtCode: '310104' },
      { level: 'community', code: '310104-005-001' },
    ],
    [
      { communityCode: '310104-005-001', programId: 'prog-2026-elderly-care' },
      { level: 'program', code: 'prog-2026-elderly-care' },
    ],
  ])('%j is scoped %j', (input, scope) => {
    expect(policyScopeOf(input)).toEqual(scope);
  });

  it('reads a whole policy', () => {
    expect(policyScopeOf(policy)).toEqual({ level: 'street', code: '310104-005' });
  });

  it('names the scope fields set together, when more than one is', () => {
    expect(conflictingScopeFields(policy)).toEqual([]);
    expect(conflictingScopeFields({ communityCode: null })).toEqual([]);
    expect(conflictingScopeFields({ ...policy, districtCode: '310104' })).toEqual(['streetCode', 'districtCode']);
    expect(conflictingScopeFields({ communityCode: '310104-005-001', streetCode: '310104-005' })).toEqual([
      'communityCode',
      'streetCode',
    ]);
    expect(conflictingScopeFields({ ...policy, programId: 'prog-2026-elderly-care' })).toEqual([
      'programId',
      'streetCode',
    ]);
  });

  it('lets a policy name a program as its scope (issue 15), and refuses a malformed program id', () => {
    const ofProgram = { ...policy, streetCode: undefined, programId: 'prog-2026-elderly-care' };
    expect(schemaProblems(DecisionPolicyInput, ofProgram)).toEqual([]);
    expect(schemaProblems(DecisionPolicyInput, { ...ofProgram, programId: 'prog 2026' })).toEqual([
      expect.objectContaining({ path: '/programId' }),
    ]);
  });
});
