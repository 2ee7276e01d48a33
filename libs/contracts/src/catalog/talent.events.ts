import { defineCallIn, defineVoteCast } from './decision';

export const talentDecisionVoteCast = defineVoteCast(
  'talent',
  'A social worker (party `talent:<workerId>`), through the talent service,',
  {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    partyId: 'talent:sw-2019-0457',
    castBy: 'talent:sw-2019-0457',
    choice: 'approve',
    round: 2,
  },
);

export const talentFilingCallInRequested = defineCallIn(
  'talent',
  'A social worker (party `talent:<workerId>`, e.g. the district social workers), through the talent service,',
  {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    partyId: 'talent:district-social-workers',
    castBy: 'talent:district-social-workers',
    reason: { code: 'staffing-unclear', text: '方案未说明由哪位持证社工督导志愿者，请补充。' },
  },
);
