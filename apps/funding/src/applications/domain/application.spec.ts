import {
  amendedProposal,
  applicationIdOf,
  applicationOf,
  applicationSource,
  derivedId,
  type FundingProposal,
  grantIdOf,
} from './application';

const proposal: FundingProposal = {
  proposalId: 'prop-1',
  organizationId: 'org-1',
  communityCode: '310104-005-001',
  title: '社区长者午餐',
  category: 'elderly-care',
  programId: 'prog-1',
  requested: { amountFen: 4_800_000, currency: 'CNY' },
  revisionNo: 1,
  withdrawn: false,
  decisionResult: null,
};

describe('applications from approved proposals', () => {
  it('needs an approved decision, the submitted proposal, a program and a request', () => {
    expect(applicationSource(proposal)).toBeNull();
    expect(applicationSource({ ...proposal, decisionResult: 'rejected' })).toBeNull();
    const approved = { ...proposal, decisionResult: 'approved' as const };
    expect(applicationSource(approved)).toMatchObject({ programId: 'prog-1' });
    expect(applicationSource({ ...approved, organizationId: null })).toBeNull(); // decided before submitted
    expect(applicationSource({ ...approved, programId: null })).toBeNull();
    expect(applicationSource({ ...approved, requested: null })).toBeNull();
    expect(applicationSource({ ...approved, requested: { amountFen: 0, currency: 'CNY' } })).toBeNull();
  });

  it('is received when eligible, ineligible with the reasons otherwise', () => {
    const source = applicationSource({ ...proposal, decisionResult: 'approved' })!;
    expect(applicationOf(source, [])).toMatchObject({
      applicationId: 'app-prop-1',
      status: 'received',
      eligible: true,
      ineligibleReasons: [],
    });
    const reasons = [{ code: 'grade-below-minimum', text: '评估等级低于 3A' }];
    expect(applicationOf(source, reasons)).toMatchObject({
      status: 'ineligible',
      eligible: false,
      ineligibleReasons: reasons,
    });
  });

  it('an amendment changes the fields it carries; a redelivered or older one changes nothing', () => {
    const amended = amendedProposal(proposal, 2, { requestedFunding: { amountFen: 3_000_000, currency: 'CNY' } });
    expect(amended).toMatchObject({ revisionNo: 2, requested: { amountFen: 3_000_000 }, programId: 'prog-1' });
    expect(amendedProposal(amended!, 2, { programId: null })).toBeNull();
    expect(amendedProposal(amended!, 3, { programId: null })).toMatchObject({ programId: null, revisionNo: 3 });
  });

  it('derives ids from business keys, hashing past the contract’s 128 characters', () => {
    expect(applicationIdOf('prop-1')).toBe('app-prop-1');
    expect(grantIdOf('app-prop-1')).toBe('grant-app-prop-1');
    const long = 'p'.repeat(128);
    expect(derivedId('app', long)).toMatch(/^app-[0-9a-f]{64}$/);
    expect(derivedId('app', long)).toBe(derivedId('app', long));
  });
});
