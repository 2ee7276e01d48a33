import {
  assignmentMade,
  assignmentReleased,
  certificateExpiring,
  communityHoursConfirmed,
  communityHoursDisputed,
  educationShortfallDetected,
  EVENT_CATALOG,
  EventValidationError,
  exampleEvent,
  hoursConfirmed,
  hoursRecorded,
  hoursRejected,
  hoursUpdateRejected,
  recognitionAwarded,
  schemaProblems,
  trainingCompleted,
  validateEvent,
  workforceRiskCleared,
  workforceRiskDetected,
} from '../src';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document
type Definition = (typeof EVENT_CATALOG)[number];

const arriving = (definition: Definition, change: (data: Json) => void = () => undefined) => {
  const data = structuredClone(definition.example) as Json;
  change(data);
  return { ...(exampleEvent(definition) as Json), data };
};

/**
 * The problems the example's data, changed by `change`, has against the event's schema, as `path: message`:
 * as services name them in a 400 (one problem per union of literals). Fails when there is none.
 */
function problemsOf(definition: Definition, change: (data: Json) => void): string[] {
  const data = structuredClone(definition.example) as Json;
  change(data);
  const problems = schemaProblems(definition.data, data, '/data').map((p) => `${p.path}: ${p.message}`);
  expect(problems).not.toEqual([]);
  expect(() => validateEvent(arriving(definition, change))).toThrow(EventValidationError);
  return problems;
}

/** Each issue-14 event and the data field its subject (the Kafka key) is. */
const SUBJECTS: [Definition, string][] = [
  [hoursRecorded, 'hoursId'],
  [hoursConfirmed, 'hoursId'],
  [hoursRejected, 'hoursId'],
  [trainingCompleted, 'workerId'],
  [educationShortfallDetected, 'workerId'],
  [certificateExpiring, 'workerId'],
  [assignmentMade, 'activityId'],
  [assignmentReleased, 'activityId'],
  [recognitionAwarded, 'workerId'],
  [workforceRiskDetected, 'organizationId'],
  [workforceRiskCleared, 'organizationId'],
  [communityHoursConfirmed, 'hoursId'],
  [communityHoursDisputed, 'hoursId'],
  [hoursUpdateRejected, 'hoursId'],
];

describe('the talent and hours events (issue 14)', () => {
  it('are all in the catalog', () => {
    const catalog = new Set<Definition>(EVENT_CATALOG);
    expect(SUBJECTS.filter(([definition]) => !catalog.has(definition)).map(([d]) => d.type)).toEqual([]);
  });

  it.each(SUBJECTS.map(([definition, field]) => [definition.type, field, definition] as const))(
    '%s: its example is valid and its subject is the %s',
    (_type, field, definition) => {
      const event = exampleEvent(definition);
      expect(validateEvent(event)).toBeDefined();
      expect(event.subject).toBe((definition.example as Json)[field]);
      expect(event.subject).toMatch(/^[a-z]+-/);
    },
  );
});

describe('hours', () => {
  it('recorded: minutes from 1 to 1440 on a day, a strict community code, a date-time confirmBy', () => {
    expect(validateEvent(arriving(hoursRecorded, (d) => (d.minutes = 1440)))).toBeDefined();
    expect(validateEvent(arriving(hoursRecorded, (d) => delete d.sessionId))).toBeDefined();
    expect(problemsOf(hoursRecorded, (d) => (d.minutes = 0))).toEqual(['/data/minutes: must be >= 1']);
    expect(problemsOf(hoursRecorded, (d) => (d.minutes = 1441))).toEqual(['/data/minutes: must be <= 1440']);
    expect(problemsOf(hoursRecorded, (d) => (d.minutes = 90.5))).toEqual(['/data/minutes: must be integer']);
    const loose = (d: Json) => {
      d.communityCode = 'tianping';
      d.confirmBy = '2026-12-09';
      d.servedOn = '2026-12-01T03:00:00Z';
    };
    expect(problemsOf(hoursRecorded, loose).map((problem) => problem.split(':')[0])).toEqual([
      '/data/communityCode',
      '/data/servedOn',
      '/data/confirmBy',
    ]);
  });

  it('recorded: the worker kind is one of the staff roles, named in one problem', () => {
    expect(problemsOf(hoursRecorded, (d) => (d.workerKind = 'resident'))).toEqual([
      '/data/workerKind: must be one of "certified-social-worker", "intern", "volunteer", "community-staff"',
    ]);
  });

  it('confirmed: by the community, by silence, or by a decision (with its id)', () => {
    const byDecision = arriving(hoursConfirmed, (d) => {
      d.confirmedBy = 'decision';
      d.decisionId = 'decision/hours-dispute/hours-2026-00417';
    });
    expect(validateEvent(byDecision)).toBeDefined();
    expect(problemsOf(hoursConfirmed, (d) => (d.confirmedBy = 'organization'))).toEqual([
      '/data/confirmedBy: must be one of "community", "silence", "decision"',
    ]);
    expect(problemsOf(hoursConfirmed, (d) => (d.decisionId = 'hours/hours-2026-00417'))).toEqual([
      expect.stringMatching(/^\/data\/decisionId: must match pattern/),
    ]);
  });

  it('rejected: always names the decision that rejected them', () => {
    expect(problemsOf(hoursRejected, (d) => delete d.decisionId)).toEqual(['/data/decisionId: is required']);
  });

  it("community: a dispute needs a reason; the answer's party is a party id", () => {
    expect(problemsOf(communityHoursDisputed, (d) => delete d.reason)).toEqual(['/data/reason: is required']);
    expect(problemsOf(communityHoursConfirmed, (d) => (d.partyId = '310104-005-001'))).toEqual([
      expect.stringMatching(/^\/data\/partyId: must match pattern/),
    ]);
  });

  it("governance's refusal names the hours workflow, not a decision", () => {
    expect(problemsOf(hoursUpdateRejected, (d) => (d.workflowId = 'decision/hours/x'))).toEqual([
      expect.stringMatching(/^\/data\/workflowId: must match pattern/),
    ]);
    const minimal = arriving(hoursUpdateRejected, (d) => {
      delete d.partyId;
      delete d.castBy;
    });
    expect(validateEvent(minimal)).toBeDefined();
  });
});

describe('qualification, assignments, recognition, workforce', () => {
  it('training: hours above zero, at most 200; a worker may have no organization', () => {
    expect(validateEvent(arriving(trainingCompleted, (d) => (d.organizationId = null)))).toBeDefined();
    expect(problemsOf(trainingCompleted, (d) => (d.hours = 0))).toEqual(['/data/hours: must be > 0']);
    expect(problemsOf(trainingCompleted, (d) => (d.hours = 200.5))).toEqual(['/data/hours: must be <= 200']);
  });

  it('shortfall and expiry: a level from the levels, a positive shortfall, days left not negative', () => {
    expect(problemsOf(educationShortfallDetected, (d) => (d.shortfallHours = 0))).toEqual([
      '/data/shortfallHours: must be > 0',
    ]);
    expect(problemsOf(certificateExpiring, (d) => (d.daysLeft = -1))).toEqual(['/data/daysLeft: must be >= 0']);
    expect(problemsOf(certificateExpiring, (d) => (d.level = 'expert'))).toEqual([
      '/data/level: must be one of "assistant-social-worker", "social-worker", "senior-social-worker"',
    ]);
  });

  it('assignment: a staff role, an instant range; a release gives a bounded reason', () => {
    expect(problemsOf(assignmentReleased, (d) => (d.reason = 'x'.repeat(201)))).toEqual([
      '/data/reason: must NOT have more than 200 characters',
    ]);
    expect(problemsOf(assignmentMade, (d) => (d.endsAt = 'tomorrow'))).toEqual([
      '/data/endsAt: must match format "date-time"',
    ]);
  });

  it('recognition: one of RECOGNITIONS, traceable to hours or an award', () => {
    const ofTheYear = arriving(recognitionAwarded, (d) => {
      d.recognition = 'social-worker-of-the-year';
      d.year = 2026;
      d.cause = { type: 'award', id: 'award-2026-xuhui-01' };
    });
    expect(validateEvent(ofTheYear)).toBeDefined();
    expect(problemsOf(recognitionAwarded, (d) => (d.recognition = 'star-volunteer-6'))).toEqual([
      expect.stringMatching(/^\/data\/recognition: must be one of "star-volunteer-1", .*"social-worker-of-the-year"$/),
    ]);
    expect(problemsOf(recognitionAwarded, (d) => (d.cause = { type: 'gift', id: 'x' }))).toEqual([
      '/data/cause/type: must be one of "hours", "award"',
    ]);
  });

  it('workforce: the two indicators, a crossing from 1, counts not negative', () => {
    expect((workforceRiskDetected.example as Json).value).toBe(0.7273); // 8 interns / 11 staff, 4 decimals
    expect((workforceRiskCleared.example as Json).value).toBe(0.6667); // 6 / 9
    expect(problemsOf(workforceRiskDetected, (d) => (d.indicator = 'certified-coverage'))).toEqual([
      '/data/indicator: must be one of "intern-ratio", "turnover"',
    ]);
    expect(problemsOf(workforceRiskDetected, (d) => (d.crossing = 0))).toEqual(['/data/crossing: must be >= 1']);
    expect(problemsOf(workforceRiskCleared, (d) => (d.figures.interns = -1))).toEqual([
      '/data/figures/interns: must be >= 0',
    ]);
  });
});
