import {
  DecisionOutcome,
  DecisionResult,
  FILING_RULE,
  FilingRule,
  lowRiskViolations,
  ORGANIZATION_GRADES,
  ORGANIZATION_TYPE_CODES,
  ProposalSchedule,
  schemaProblems,
} from '../src';

const CNY = (amountFen: number) => ({ amountFen, currency: 'CNY' });
const pathsOf = (content: Parameters<typeof lowRiskViolations>[0]) =>
  lowRiskViolations(content, FILING_RULE).map((problem) => problem.path);

describe('FILING_RULE v1 and lowRiskViolations (filing instead of approval)', () => {
  it('is version 1: no venue, no resident data, no money, any size, 72 hours, two controllers', () => {
    expect(FILING_RULE).toEqual({
      version: 1,
      venueBooking: false,
      residentData: false,
      maxRequestedFundingFen: 0,
      maxExpectedParticipants: null,
      callInHours: 72,
      callInControllers: 2,
    });
    expect(schemaProblems(FilingRule, FILING_RULE)).toEqual([]);
  });

  it('passes a proposal with no venueId, no requestedFunding and usesResidentData false', () => {
    expect(lowRiskViolations({ usesResidentData: false }, FILING_RULE)).toEqual([]);
    expect(lowRiskViolations({}, FILING_RULE)).toEqual([]);
  });

  it('passes a request of 0 fen and refuses 1 fen on /requestedFunding/amountFen', () => {
    expect(pathsOf({ requestedFunding: CNY(0) })).toEqual([]);
    expect(pathsOf({ requestedFunding: CNY(1) })).toEqual(['/requestedFunding/amountFen']);
  });

  it('refuses a venue on /venueId and resident data on /usesResidentData', () => {
    expect(pathsOf({ venueId: 'venue-tianping-hall' })).toEqual(['/venueId']);
    expect(pathsOf({ usesResidentData: true })).toEqual(['/usesResidentData']);
  });

  it('names all three problems, in the order venue, resident data, funding', () => {
    const problems = lowRiskViolations(
      { venueId: 'venue-tianping-hall', usesResidentData: true, requestedFunding: CNY(1) },
      FILING_RULE,
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      '/venueId',
      '/usesResidentData',
      '/requestedFunding/amountFen',
    ]);
    expect(problems[2].message).toContain('at most 0 fen, not 1');
    expect(problems.every((problem) => problem.message.includes('filing rule v1'))).toBe(true);
  });

  it('counts participants only under a rule that limits them', () => {
    expect(pathsOf({ expectedParticipants: 100_000 })).toEqual([]);
    const limited = { ...FILING_RULE, version: 2, maxExpectedParticipants: 30 };
    expect(lowRiskViolations({ expectedParticipants: 30 }, limited)).toEqual([]);
    expect(lowRiskViolations({ expectedParticipants: 31 }, limited)).toEqual([
      { path: '/expectedParticipants', message: expect.stringContaining('at most 30 participants, not 31') },
    ]);
  });

  it('the schema refuses a rule one controller could trigger, or without a window', () => {
    const paths = schemaProblems(FilingRule, { ...FILING_RULE, callInControllers: 1, callInHours: 0 }).map(
      (problem) => problem.path,
    );
    expect(paths).toEqual(['/callInHours', '/callInControllers']);
  });
});

describe('DecisionResult and DecisionOutcome', () => {
  it('a decision may end withdrawn; a policy can never name withdrawn as an outcome', () => {
    expect(schemaProblems(DecisionResult, 'withdrawn')).toEqual([]);
    expect(schemaProblems(DecisionResult, 'approved')).toEqual([]);
    expect(schemaProblems(DecisionOutcome, 'withdrawn')).not.toEqual([]);
  });
});

describe('organization vocabularies and schedules', () => {
  it('lists the six organization types and the grades lowest first', () => {
    expect(ORGANIZATION_TYPE_CODES).toEqual([
      'social-work-agency',
      'foundation',
      'charitable-association',
      'private-non-enterprise',
      'community-group',
      'volunteer-team',
    ]);
    expect(ORGANIZATION_GRADES).toEqual(['1A', '2A', '3A', '4A', '5A']);
  });

  it('a recurring schedule takes distinct ISO weekdays and 24-hour clock times', () => {
    const recurring = {
      kind: 'recurring',
      timeZone: 'Asia/Shanghai',
      recurrence: {
        startsOn: '2026-12-01',
        until: '2026-12-17',
        weekdays: [2, 4],
        startTime: '09:30',
        endTime: '11:00',
        intervalWeeks: 1,
      },
    };
    expect(schemaProblems(ProposalSchedule, recurring)).toEqual([]);
    const broken = structuredClone(recurring);
    Object.assign(broken.recurrence, { weekdays: [2, 2], startTime: '24:00', intervalWeeks: 5 });
    expect(schemaProblems(ProposalSchedule, broken).map((problem) => problem.path)).toEqual([
      '/recurrence/weekdays',
      '/recurrence/startTime',
      '/recurrence/intervalWeeks',
    ]);
  });
});
