import { DECISION_VOTE_CAST_EVENTS } from '@sanshe/contracts';
import { DECISION_UPDATES } from './decision-updates';

const decisionId = 'decision/activity-proposal/prop-2026-0001';

describe('DECISION_UPDATES', () => {
  it.each(DECISION_VOTE_CAST_EVENTS.map(({ type }) => type))('%s becomes a vote on its decision', (type) => {
    const vote = { decisionId, partyId: 'talent:xinhua', castBy: 'talent:xinhua', choice: 'approve' as const };
    expect(DECISION_UPDATES[type](vote)).toEqual({
      decisionId,
      update: { kind: 'vote', request: { partyId: 'talent:xinhua', castBy: 'talent:xinhua', choice: 'approve' } },
    });
  });

  it('carries an objection’s reason and the round voted on', () => {
    const reason = { code: 'safety', text: 'Two volunteers.' };
    expect(
      DECISION_UPDATES['sanshe.community.decision.vote-cast.v1']({
        decisionId,
        partyId: 'community:310104-005-001',
        castBy: 'community:310104-005-001',
        choice: 'object',
        reason,
        round: 2,
      }).update,
    ).toMatchObject({ kind: 'vote', request: { choice: 'object', reason, round: 2 } });
  });

  it('addresses an amendment to the decision about its proposal, cast by the proposing organization', () => {
    expect(
      DECISION_UPDATES['sanshe.organization.proposal.amended.v1']({
        proposalId: 'prop-2026-0001',
        organizationId: 'org-x',
        communityCode: '310104-005-001',
        revision: 'A second volunteer joins every visit.',
      }),
    ).toEqual({
      decisionId,
      update: {
        kind: 'amend',
        request: { castBy: 'organization:org-x', revision: 'A second volunteer joins every visit.' },
      },
    });
  });

  it('passes an arbitration on as the arbiter’s ruling', () => {
    const ruling = {
      decisionId,
      arbiterId: 'portal:street-xinhua',
      castBy: 'portal:street-xinhua',
      result: 'approved' as const,
      reason: 'Safety plan accepted.',
    };
    expect(DECISION_UPDATES['sanshe.portal.decision.arbitrated.v1'](ruling)).toEqual({
      decisionId,
      update: {
        kind: 'arbitrate',
        request: {
          arbiterId: 'portal:street-xinhua',
          castBy: 'portal:street-xinhua',
          result: 'approved',
          reason: 'Safety plan accepted.',
        },
      },
    });
  });

  it('addresses a withdrawal to the decision about its proposal, cast by the proposing organization', () => {
    const reason = { code: 'venue-lost', text: '场地不再可用，撤回申请。' };
    expect(
      DECISION_UPDATES['sanshe.organization.proposal.withdrawn.v1']({
        proposalId: 'prop-2026-0001',
        organizationId: 'org-x',
        communityCode: '310104-005-001',
        withdrawnFrom: 'decision',
        reason,
      }),
    ).toEqual({ decisionId, update: { kind: 'withdraw', request: { castBy: 'organization:org-x', reason } } });
  });
});
