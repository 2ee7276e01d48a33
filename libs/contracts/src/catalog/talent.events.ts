import { defineVoteCast } from './decision';

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
