import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { PartyId } from '../governance/decision-policy';
import { Id } from './common';
import { EventTypeName } from './decision';

/*
 * Governance's refusals of answers to hours (sanshe.community.hours.*). Not a decision.vote-rejected: the
 * hours workflow is a two-party flow, not a decision, and its id (`hours/<hoursId>`) is not a DecisionId.
 */

export const hoursUpdateRejected = defineEvent('sanshe.governance.hours.update-rejected.v1', {
  description:
    "Governance refused a community's confirm or dispute of hours and changed nothing. `code` is " +
    'machine-readable (an open set: wrong-channel — not on the community topic from the community service — ' +
    "wrong-identity, not-a-party — not the committee of the hours' community — hours-disputed — a confirm " +
    'after a dispute — hours-closed — after confirmBy or once settled — unknown-hours — parked, and no ' +
    'hours recorded within GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS), `reason` is for people. ' +
    'rejectedEventSource, rejectedEventId and rejectedEventType name the refused event. Subject: the hoursId.',
  data: Type.Object(
    {
      hoursId: Id,
      /** The hours confirmation workflow, `hours/<hoursId>`. */
      workflowId: Type.String({ maxLength: 200, pattern: '^hours/[A-Za-z0-9][A-Za-z0-9._:-]*$' }),
      /** The party the refused event spoke for, when it named a valid one. */
      partyId: Type.Optional(PartyId),
      /** The identity that sent the refused event, when it named a valid one. */
      castBy: Type.Optional(PartyId),
      code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z][a-z-]*$' }),
      reason: Type.String({ minLength: 1, maxLength: 2000 }),
      rejectedEventId: Type.String({ minLength: 1, maxLength: 400 }),
      /** The refused event's CloudEvents source: with its id, its identity. */
      rejectedEventSource: Type.String({ minLength: 1, maxLength: 400 }),
      rejectedEventType: EventTypeName,
    },
    { additionalProperties: true },
  ),
  example: {
    hoursId: 'hours-2026-00417',
    workflowId: 'hours/hours-2026-00417',
    partyId: 'community:310104-005-001',
    castBy: 'community:310104-005-001',
    code: 'hours-disputed',
    reason: 'hours hours-2026-00417 are disputed: a confirm after the dispute is refused, the decision settles them',
    rejectedEventId: 'sanshe.community.hours.confirmed.v1:hours-2026-00417',
    rejectedEventSource: 'sanshe/community',
    rejectedEventType: 'sanshe.community.hours.confirmed.v1',
  },
});
