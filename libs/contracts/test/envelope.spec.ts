import {
  createEvent,
  EVENT_CATALOG,
  type EventData,
  type EventType,
  EventValidationError,
  type NewEvent,
  validateEvent,
} from '../src';

const TYPE = 'sanshe.organization.proposal.submitted.v1';
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const data: EventData<typeof TYPE> = {
  proposalId: 'prop-1',
  organizationId: 'org-1',
  communityCode: '310104-005-001',
  title: 'Lunch for elders',
  summary: 'Weekly lunch.',
  requestedFunding: { amountFen: 120_000, currency: 'CNY' },
};
const init = (extra: Partial<NewEvent<typeof TYPE>> = {}): NewEvent<typeof TYPE> => ({
  type: TYPE,
  source: 'sanshe/organization',
  subject: 'prop-1',
  data,
  ...extra,
});

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

describe('createEvent', () => {
  it('builds a valid CloudEvent, with a generated id when none is given', () => {
    const event = createEvent(init({ time: new Date('2026-03-02T09:30:00Z') }));
    expect(event).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: 'sanshe/organization',
      type: TYPE,
      subject: 'prop-1',
      time: '2026-03-02T09:30:00.000Z',
      datacontenttype: 'application/json',
      data,
    });
    expect(createEvent(init()).id).not.toBe(event.id);
  });

  it('keeps a deterministic id and carries traceparent and correlationid', () => {
    const event = createEvent(
      init({ id: 'proposal-prop-1-submitted', traceparent: TRACEPARENT, correlationid: 'c-1' }),
    );
    expect(event).toMatchObject({ id: 'proposal-prop-1-submitted', traceparent: TRACEPARENT, correlationid: 'c-1' });
  });

  it('leaves out the keys it has no value for', () => {
    const event = createEvent(init());
    expect(Object.keys(event).sort()).toEqual(
      ['data', 'datacontenttype', 'id', 'source', 'specversion', 'subject', 'time', 'type'].sort(),
    );
    expect(Object.values(event)).not.toContain(undefined);
  });

  it('refuses invalid data, naming each field', () => {
    const withoutTitle: Partial<typeof data> = { ...data };
    delete withoutTitle.title;
    const error = refusal(() =>
      createEvent(
        init({ data: { ...withoutTitle, requestedFunding: { amountFen: 1.5, currency: 'CNY' } } as typeof data }),
      ),
    );
    expect(error.eventType).toBe(TYPE);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { path: '/data/title', message: 'is required' },
        { path: '/data/requestedFunding/amountFen', message: 'must be integer' },
      ]),
    );
    expect(error.message).toContain('/data/title is required');
    expect(error.message).toContain('/data/requestedFunding/amountFen must be integer');
  });

  it('refuses an unknown type', () => {
    const type = 'sanshe.organization.proposal.teleported.v1' as EventType;
    const error = refusal(() => createEvent({ ...init(), type } as NewEvent<EventType>));
    expect(error.problems).toEqual([{ path: '/type', message: `unknown event type "${type}"` }]);
  });

  it('refuses a malformed traceparent', () => {
    const error = refusal(() => createEvent(init({ traceparent: '00-not-a-trace' })));
    expect(error.problems.map((p) => p.path)).toEqual(['/traceparent']);
  });
});

describe('validateEvent', () => {
  const event = createEvent(init({ traceparent: TRACEPARENT, correlationid: 'c-1' }));

  it('accepts a JSON round-trip of a created event', () => {
    const received: unknown = JSON.parse(JSON.stringify(event));
    expect(validateEvent(received)).toEqual(event);
  });

  it('accepts additive changes: unknown fields in data and unknown CloudEvents extensions', () => {
    const newer = { ...event, partitionkey: 'prop-1', data: { ...event.data, priority: 'high' } };
    expect(validateEvent(newer)).toEqual(newer);
  });

  it('refuses what is not a Sanshe event, naming the field', () => {
    expect(refusal(() => validateEvent({ ...event, specversion: '0.3' })).problems.map((p) => p.path)).toEqual([
      '/specversion',
    ]);
    const withoutSubject: Partial<typeof event> = { ...event };
    delete withoutSubject.subject;
    expect(refusal(() => validateEvent(withoutSubject)).message).toContain('/subject is required');
    expect(refusal(() => validateEvent('{}')).problems).toEqual([{ path: '', message: 'must be object' }]);
  });

  it('refuses an id, source or subject longer than its limit, and accepts one at the limit', () => {
    const atLimit = { ...event, id: 'i'.repeat(256), source: 's'.repeat(128), subject: 'x'.repeat(256) };
    expect(validateEvent(atLimit)).toEqual(atLimit);
    const tooLong = { ...event, id: 'i'.repeat(257), source: 's'.repeat(129), subject: 'x'.repeat(257) };
    expect(refusal(() => validateEvent(tooLong)).problems).toEqual([
      { path: '/id', message: 'must NOT have more than 256 characters' },
      { path: '/source', message: 'must NOT have more than 128 characters' },
      { path: '/subject', message: 'must NOT have more than 256 characters' },
    ]);
  });
});

describe('the event catalog', () => {
  it.each(EVENT_CATALOG.map((d) => [d.type, d] as const))('%s: its example fits its own schema', (type, definition) => {
    const event = createEvent({ type, source: 'sanshe/test', subject: 'subject-1', data: definition.example });
    expect(event.data).toEqual(definition.example);
  });

  it('names every type sanshe.<context>.<aggregate>.<verb>.v<N>, matching its definition, once', () => {
    const rule =
      /^sanshe\.(community|organization|talent|funding|governance|portal)\.([a-z][a-z-]*)\.[a-z][a-z-]*\.v([1-9]\d*)$/;
    for (const definition of EVENT_CATALOG) {
      const match = rule.exec(definition.type);
      expect(match).not.toBeNull();
      expect([match?.[1], match?.[2], Number(match?.[3])]).toEqual([
        definition.context,
        definition.aggregate,
        definition.version,
      ]);
    }
    const types = EVENT_CATALOG.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
  });
});
