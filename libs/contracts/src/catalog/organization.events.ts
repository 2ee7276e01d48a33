import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { CommunityCode, Id, MoneyFen } from './common';

export const proposalSubmitted = defineEvent('sanshe.organization.proposal.submitted.v1', {
  description:
    'A social organization submitted an activity proposal to a community. Opens a multi-party decision in governance.',
  data: Type.Object(
    {
      proposalId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      title: Type.String({ minLength: 1, maxLength: 200 }),
      summary: Type.String({ maxLength: 4000 }),
      requestedFunding: Type.Optional(MoneyFen),
    },
    { additionalProperties: true }, // consumers ignore fields they do not know (additive changes)
  ),
  example: {
    proposalId: 'prop-2026-0001',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    title: '社区长者午餐与探访',
    summary: 'Weekly lunch and home visits for residents over 75, run by volunteers and one certified social worker.',
    requestedFunding: { amountFen: 4_800_000, currency: 'CNY' },
  },
});
