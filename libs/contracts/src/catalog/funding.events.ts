import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { PartyId } from '../governance/decision-policy';
import { CommunityCode, Id, MoneyFen } from './common';
import { defineCallIn, defineVoteCast } from './decision';

export const grantAwarded = defineEvent('sanshe.funding.grant.awarded.v1', {
  description:
    "A funder awarded a grant from one of its programs to a social organization's work in a community. The " +
    'award takes effect only through a multi-party decision in governance: kind grant-award, decisionId ' +
    '`decision/grant-award/<grantId>`, proposer the funderId. Subject: the grantId.',
  data: Type.Object(
    {
      grantId: Id,
      programId: Id,
      communityCode: CommunityCode,
      organizationId: Id,
      /** The funder that awards it, e.g. `funder:xuhui-civil-affairs`. */
      funderId: PartyId,
      amount: MoneyFen,
      title: Type.String({ minLength: 1, maxLength: 200 }),
    },
    { additionalProperties: true },
  ),
  example: {
    grantId: 'grant-2026-0007',
    programId: 'prog-2026-elderly-care',
    communityCode: '310104-005-001',
    organizationId: 'org-xinhua-elderly-care',
    funderId: 'funder:xuhui-civil-affairs',
    amount: { amountFen: 4_800_000, currency: 'CNY' },
    title: '2026年度社区长者午餐与探访项目资助',
  },
});

export const fundingDecisionVoteCast = defineVoteCast(
  'funding',
  'A funder (party `funder:<funderId>`), through the funding service,',
  {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    partyId: 'funder:xuhui-civil-affairs',
    castBy: 'funder:xuhui-civil-affairs',
    choice: 'abstain',
  },
);

export const fundingFilingCallInRequested = defineCallIn(
  'funding',
  'A funder (party `funder:<funderId>`), through the funding service,',
  {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    partyId: 'funder:district-civil-affairs-fund',
    castBy: 'funder:district-civil-affairs-fund',
    reason: { code: 'overlaps-grant', text: '该活动与已资助项目内容重叠，需说明是否另行申请资金。' },
  },
);
