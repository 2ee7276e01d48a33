import { applyDecided, applySubmitted, matchOf, unknownProposal } from './activity-proposal';

const submitted = {
  proposalId: 'prop-1',
  organizationId: 'org-1',
  communityCode: '310104-005-001',
  title: '长者午餐',
  needId: 'need-1',
};
const decided = (result: 'approved' | 'rejected') => ({
  proposalId: 'prop-1',
  decisionId: 'decision/activity-proposal/prop-1',
  communityCode: '310104-005-001',
  result,
});
const match = {
  needId: 'need-1',
  proposalId: 'prop-1',
  decisionId: 'decision/activity-proposal/prop-1',
  organizationId: 'org-1',
};

describe('the activity-proposal read model', () => {
  it('matches the need once both events are known, in either order', () => {
    const submittedFirst = applyDecided(applySubmitted(unknownProposal('prop-1'), submitted), decided('approved'));
    const decidedFirst = applySubmitted(applyDecided(unknownProposal('prop-1'), decided('approved')), submitted);
    expect(submittedFirst).toEqual(decidedFirst);
    expect(matchOf(submittedFirst)).toEqual(match);
  });

  it('matches nothing while one event is missing', () => {
    expect(matchOf(applySubmitted(unknownProposal('prop-1'), submitted))).toBeNull();
    expect(matchOf(applyDecided(unknownProposal('prop-1'), decided('approved')))).toBeNull();
  });

  it('matches nothing for a rejected proposal, or one that names no need', () => {
    expect(matchOf(applyDecided(applySubmitted(unknownProposal('prop-1'), submitted), decided('rejected')))).toBeNull();
    const { needId: _none, ...withoutNeed } = submitted;
    expect(
      matchOf(applyDecided(applySubmitted(unknownProposal('prop-1'), withoutNeed), decided('approved'))),
    ).toBeNull();
  });

  it('knows the community from the outcome alone, before the proposal arrives', () => {
    expect(applyDecided(unknownProposal('prop-1'), decided('approved'))).toMatchObject({
      communityCode: '310104-005-001',
      organizationId: null,
      submitted: false,
      result: 'approved',
    });
  });
});
