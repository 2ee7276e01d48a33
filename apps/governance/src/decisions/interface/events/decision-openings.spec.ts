import { DECISION_OPENINGS } from './decision-openings';

describe('DECISION_OPENINGS', () => {
  it('maps each opening event to a deterministic decision id and the proposer party', () => {
    expect(
      DECISION_OPENINGS['sanshe.funding.grant.awarded.v1']({
        grantId: 'grant-2026-0007',
        programId: 'prog-elderly',
        communityCode: '310104-005-001',
        organizationId: 'org-x',
        funderId: 'funder:xuhui-civil-affairs',
        amount: { amountFen: 4_800_000, currency: 'CNY' },
        title: 'Lunch programme grant',
      }),
    ).toMatchObject({
      decisionId: 'decision/grant-award/grant-2026-0007',
      proposerId: 'funder:xuhui-civil-affairs',
      programId: 'prog-elderly',
      summary: expect.stringContaining('48000.00 CNY') as unknown,
    });
    expect(
      DECISION_OPENINGS['sanshe.organization.proposal.submitted.v1']({
        proposalId: 'prop-1',
        organizationId: 'org-x',
        communityCode: '310104-005-001',
        title: 't',
        summary: 's',
      }),
    ).toMatchObject({ decisionId: 'decision/activity-proposal/prop-1', proposerId: 'organization:org-x' });
  });
});
