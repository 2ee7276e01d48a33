import {
  buildAsyncApi,
  createEvent,
  DECISION_VOTE_CAST_EVENTS,
  DecisionVoteData,
  EVENT_CATALOG,
  type EventData,
  EventValidationError,
  messageName,
  type NewEvent,
  type SansheEvent,
  validateEvent,
} from '../src';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

const VOTE: DecisionVoteData = {
  decisionId: 'decision/activity-proposal/prop-2026-0001',
  partyId: 'community:310104-005-001',
  castBy: 'community:310104-005-001',
  choice: 'object',
  reason: { code: 'food-safety', text: '需明确食品安全责任人。' },
  round: 1,
};

/** A copy of `value` without `keys`. */
const without = <T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> => {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
};

/** The EventValidationError `fn` throws (fails when it throws nothing or something else). */
function refusal(fn: () => unknown): EventValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EventValidationError);
    return err as EventValidationError;
  }
  throw new Error('expected an EventValidationError');
}

const voteEvent = (type: (typeof DECISION_VOTE_CAST_EVENTS)[number]['type'], data: unknown) => ({
  specversion: '1.0',
  id: `${type}:vote-1`,
  source: type.startsWith('sanshe.portal.') ? 'portal/xuhui-civil-affairs' : 'sanshe/community',
  type,
  subject: VOTE.decisionId,
  time: '2026-03-02T09:30:00.000Z',
  datacontenttype: 'application/json',
  data,
});

describe('decision vote-cast events', () => {
  const voteTypes = EVENT_CATALOG.filter((d) => d.type.endsWith('.decision.vote-cast.v1'));

  it('exist for every producing service and for portals, each in the catalog', () => {
    expect(voteTypes.map((d) => d.type).sort()).toEqual(
      [
        'sanshe.community.decision.vote-cast.v1',
        'sanshe.funding.decision.vote-cast.v1',
        'sanshe.organization.decision.vote-cast.v1',
        'sanshe.portal.decision.vote-cast.v1',
        'sanshe.talent.decision.vote-cast.v1',
      ].sort(),
    );
    expect([...DECISION_VOTE_CAST_EVENTS].sort((a, b) => a.type.localeCompare(b.type))).toEqual(
      [...voteTypes].sort((a, b) => a.type.localeCompare(b.type)),
    );
  });

  it('all share the one DecisionVoteData schema, in the catalog and in the AsyncAPI document', () => {
    for (const definition of voteTypes) expect(definition.data).toBe(DecisionVoteData);
    const messages = (buildAsyncApi() as unknown as Json).components.messages as Json;
    // The same JSON Schema; only the description (who publishes it, on which topic) differs.
    const payloads = voteTypes.map((d) =>
      without(messages[messageName(d.type)].payload.properties.data as Json, 'description'),
    );
    for (const payload of payloads) expect(payload).toEqual(payloads[0]);
    expect(payloads[0]).toMatchObject({ required: ['decisionId', 'partyId', 'castBy', 'choice'] });
  });

  it.each(DECISION_VOTE_CAST_EVENTS.map((d) => [d.type] as const))('%s accepts a valid vote', (type) => {
    expect(validateEvent(voteEvent(type, VOTE)).data).toEqual(VOTE);
    const minimal = without(VOTE, 'reason', 'round');
    expect(validateEvent(voteEvent(type, { ...minimal, choice: 'abstain' })).data).toEqual({
      ...minimal,
      choice: 'abstain',
    });
  });

  it.each(DECISION_VOTE_CAST_EVENTS.map((d) => [d.type] as const))(
    '%s refuses a veto without a party, naming each field',
    (type) => {
      const withoutParty = without(VOTE, 'partyId');
      const error = refusal(() => validateEvent(voteEvent(type, { ...withoutParty, choice: 'veto' })));
      expect(error.eventType).toBe(type);
      expect(error.problems).toEqual(
        expect.arrayContaining([
          { path: '/data/partyId', message: 'is required' },
          expect.objectContaining({ path: '/data/choice' }),
        ]),
      );
      expect(error.message).toContain('/data/partyId is required');
      expect(error.message).toContain('/data/choice');
    },
  );

  it('refuses a malformed decision id, party id, reason code and round, naming each field', () => {
    const error = refusal(() =>
      createEvent({
        type: 'sanshe.community.decision.vote-cast.v1',
        source: 'sanshe/community',
        subject: 'prop-2026-0001',
        data: {
          ...VOTE,
          decisionId: 'prop-2026-0001',
          castBy: '310104-005-001',
          reason: { code: 'Food Safety', text: '' },
          round: 0,
        },
      }),
    );
    expect(error.problems.map((p) => p.path).sort()).toEqual(
      ['/data/castBy', '/data/decisionId', '/data/reason/code', '/data/reason/text', '/data/round'].sort(),
    );
  });

  it('leaves identity and "an objection needs a reason" to governance, which answers with vote-rejected', () => {
    // Schema-valid but refused by the decision workflow: governance publishes vote-rejected, not a dead letter.
    const objectionWithoutReason = without(VOTE, 'reason');
    expect(() =>
      validateEvent(
        voteEvent('sanshe.organization.decision.vote-cast.v1', {
          ...objectionWithoutReason,
          castBy: 'organization:org-xinhua-elderly-care',
        }),
      ),
    ).not.toThrow();
  });

  it('accepts fields it does not know (additive changes)', () => {
    const newer = { ...VOTE, weightHint: 2, reason: { ...VOTE.reason, link: 'https://example.org/minutes/12' } };
    expect(validateEvent(voteEvent('sanshe.talent.decision.vote-cast.v1', newer)).data).toEqual(newer);
  });
});

describe('decision events: types per event type', () => {
  it('infers each type its own data', () => {
    const vote: EventData<'sanshe.portal.decision.vote-cast.v1'> = { ...VOTE, choice: 'approve' };
    const decided: EventData<'sanshe.governance.decision.decided.v1'>['decidedBy'] = 'arbiter';
    // @ts-expect-error a vote's choice is approve, object or abstain
    const veto: EventData<'sanshe.community.decision.vote-cast.v1'> = { ...VOTE, choice: 'veto' };
    // @ts-expect-error a grant award has no reasonCode (grant.voided's field)
    const grant: EventData<'sanshe.funding.grant.awarded.v1'>['reasonCode'] = 'cancelled';
    expect([vote.choice, decided, veto.choice, grant]).toEqual(['approve', 'arbiter', 'veto', 'cancelled']);
  });

  it('lets a specific event be used where any event is expected', () => {
    const init: NewEvent<'sanshe.governance.decision.vote-rejected.v1'> = {
      type: 'sanshe.governance.decision.vote-rejected.v1',
      source: 'sanshe/governance',
      subject: VOTE.decisionId,
      id: `${VOTE.decisionId}/rejected/vote-1`,
      data: {
        decisionId: VOTE.decisionId,
        partyId: VOTE.partyId,
        code: 'stale-round',
        reason: 'the vote is for round 1, the decision is in round 2',
        rejectedEventId: 'vote-1',
        rejectedEventType: 'sanshe.community.decision.vote-cast.v1',
      },
    };
    const event: SansheEvent = createEvent(init);
    expect(event.type).toBe('sanshe.governance.decision.vote-rejected.v1');
  });
});
