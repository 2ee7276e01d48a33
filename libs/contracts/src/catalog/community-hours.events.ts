import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { PartyId } from '../governance/decision-policy';
import { Id, StrictCommunityCode } from './common';
import { ObjectionReason } from './decision';

/*
 * The host community's answer to hours recorded for its community (sanshe.talent.hours.recorded.v1): its
 * residents' committee (party `community:<communityCode>`) confirms or disputes them, once, on the community's
 * channel; governance's hours workflow (`hours/<hoursId>`) applies it, or refuses it with
 * sanshe.governance.hours.update-rejected.v1. Subject: the hoursId.
 */

const Answer = {
  hoursId: Id,
  communityCode: StrictCommunityCode,
  /** The answering party: the committee of the hours' community, `community:<communityCode>`. */
  partyId: PartyId,
  /** The authenticated identity that sent it, as for votes; only the party answers for itself. */
  castBy: PartyId,
};
const answer = {
  hoursId: 'hours-2026-00417',
  communityCode: '310104-005-001',
  partyId: 'community:310104-005-001',
  castBy: 'community:310104-005-001',
};

export const communityHoursConfirmed = defineEvent('sanshe.community.hours.confirmed.v1', {
  description:
    "The host community's committee confirmed hours recorded for its community before confirmBy: governance's " +
    'hours workflow records them as confirmed by the community. Subject: the hoursId.',
  data: Type.Object(Answer, { additionalProperties: true }),
  example: answer,
});

export const communityHoursDisputed = defineEvent('sanshe.community.hours.disputed.v1', {
  description:
    "The host community's committee disputed hours recorded for its community before confirmBy, with a reason: " +
    "governance's hours workflow opens a decision with a third party (`decision/hours-dispute/<hoursId>`), " +
    'which confirms or rejects them. Subject: the hoursId.',
  data: Type.Object({ ...Answer, reason: ObjectionReason }, { additionalProperties: true }),
  example: {
    ...answer,
    reason: { code: 'not-served', text: '签到表显示该志愿者12月1日未到场，请核实后再报。' },
  },
});
