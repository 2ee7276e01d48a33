import { activityCompleted, EventValidationError, exampleEvent, proposalSubmitted, validateEvent } from '../src';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

const withData = (definition: typeof proposalSubmitted | typeof activityCompleted, change: (data: Json) => void) => {
  const data = structuredClone(definition.example) as Json;
  change(data);
  return { ...(exampleEvent(definition) as Json), data };
};

/** The distinct fields `event` is refused for (fails when it is accepted). */
function refusedFields(event: unknown): string[] {
  try {
    validateEvent(event);
  } catch (err) {
    expect(err).toBeInstanceOf(EventValidationError);
    return [...new Set((err as EventValidationError).problems.map((p) => p.path))];
  }
  throw new Error('expected the event to be refused');
}

describe('organization events used by the community service (issue 11, additive)', () => {
  it('proposal.submitted may name the need it answers, and need not', () => {
    expect((validateEvent(exampleEvent(proposalSubmitted)).data as Json).needId).toBe('need-2026-0031');
    expect(validateEvent(withData(proposalSubmitted, (d) => delete d.needId))).toBeDefined();
    expect(refusedFields(withData(proposalSubmitted, (d) => (d.needId = 'need 31')))).toEqual(['/data/needId']);
  });

  it('activity.completed is keyed by its activityId and needs neither needId nor participants', () => {
    expect(exampleEvent(activityCompleted).subject).toBe('act-2026-0009');
    const minimal = withData(activityCompleted, (d) => {
      delete d.needId;
      delete d.participantIds;
    });
    expect(validateEvent(minimal)).toBeDefined();
  });

  it('activity.completed carries participants only as pseudonyms, at most 5000', () => {
    const named = withData(activityCompleted, (d) => (d.participantIds = ['rp-3f8k2m1q', '张桂英']));
    expect(refusedFields(named)).toEqual(['/data/participantIds/1']);
    const crowd = (size: number) =>
      withData(
        activityCompleted,
        (d) => (d.participantIds = Array.from({ length: size }, (_, i) => `rp-${i}`.padEnd(11, '0'))),
      );
    expect(validateEvent(crowd(5000))).toBeDefined();
    expect(refusedFields(crowd(5001))).toEqual(['/data/participantIds']);
  });

  it('activity.completed refuses negative counts', () => {
    const negative = withData(activityCompleted, (d) => {
      d.sessionsHeld = -1;
      d.attendance = -3;
    });
    expect(refusedFields(negative)).toEqual(['/data/sessionsHeld', '/data/attendance']);
  });
});
