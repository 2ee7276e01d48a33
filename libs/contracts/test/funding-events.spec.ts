import {
  DIRECT_CATEGORIES,
  EventValidationError,
  exampleEvent,
  FUNDER_KINDS,
  GAP_KINDS,
  grantActivated,
  grantAwarded,
  grantVoided,
  PROGRAM_CATEGORIES_BY_MODE,
  PROGRAM_CATEGORY_CODES,
  PROGRAM_MODES,
  programOpened,
  type ProgramPolicyRules,
  tranchePaid,
  validateEvent,
} from '../src';
import { FUNDING_EVENTS } from '../src/catalog/funding-catalog';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- editing JSON data

const withData = (definition: { example: unknown }, change: (data: Json) => void) => {
  const data = structuredClone(definition.example) as Json;
  change(data);
  return { ...(exampleEvent(definition as typeof programOpened) as Json), data };
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

/** A program's award policy: the district's default grant-award rules, seated for this program. */
const awardRules: ProgramPolicyRules = {
  title: '养老服务资助项目的资助决策',
  parties: [
    { partyId: 'funder:xuhui-civil-affairs', kind: 'funder', title: '区民政局', weight: 2, voteWindowHours: 72 },
    { partyId: 'community:{communityCode}', kind: 'community', title: '居委会', weight: 1, voteWindowHours: 72 },
  ],
  quorum: 2,
  deliberationHours: 48,
  maxAmendments: 1,
  escalation: [
    { arbiterId: 'portal:xuhui-civil-affairs', title: '区民政局', deadlineHours: 72, defaultOutcome: 'rejected' },
  ],
};

describe('the funding vocabulary', () => {
  it('has the direct categories and the one indirect category, with zh labels', () => {
    expect(DIRECT_CATEGORIES.map(({ code, label }) => `${code} ${label}`)).toEqual([
      'education 教育',
      'elderly-care 养老',
      'health 医疗卫生',
      'poverty-alleviation 扶贫',
      'facilities 设施',
    ]);
    expect(PROGRAM_CATEGORIES_BY_MODE.indirect).toEqual(['service-purchase']);
    expect(PROGRAM_MODES.map((mode) => mode.code)).toEqual(['direct', 'indirect']);
  });

  it('puts every category under exactly one mode', () => {
    const byMode = [...PROGRAM_CATEGORIES_BY_MODE.direct, ...PROGRAM_CATEGORIES_BY_MODE.indirect];
    expect([...byMode].sort()).toEqual([...PROGRAM_CATEGORY_CODES].sort());
    expect(new Set(byMode).size).toBe(byMode.length);
  });

  it('knows the funder kinds and gap kinds', () => {
    expect(FUNDER_KINDS.map((kind) => kind.code)).toEqual(['government', 'foundation', 'enterprise']);
    expect(GAP_KINDS.map((kind) => kind.code)).toEqual(['tranche-late', 'runway-short']);
  });
});

describe('funding events', () => {
  it('are all funding types, each with a valid example', () => {
    for (const definition of FUNDING_EVENTS) {
      expect(definition.context).toBe('funding');
      expect(validateEvent(exampleEvent(definition)).type).toBe(definition.type);
    }
  });

  it("accept a program's own award and verify policies, without id, kind or scope", () => {
    const event = withData(programOpened, (data) => (data.policies = { award: awardRules, verify: awardRules }));
    expect(validateEvent(event).data).toMatchObject({ policies: { award: { quorum: 2 } } });
  });

  it('refuse a program policy that breaks the policy schema', () => {
    const noSeats = withData(programOpened, (data) => (data.policies = { award: { ...awardRules, parties: [] } }));
    expect(refusedFields(noSeats)).toEqual(['/data/policies/award/parties']);
  });

  it('refuse a tranche percent outside 1…100, fractional money and a category outside PROGRAM_CATEGORIES', () => {
    expect(refusedFields(withData(programOpened, (data) => (data.tranchePlan[0].percent = 0)))).toEqual([
      '/data/tranchePlan/0/percent',
    ]);
    expect(refusedFields(withData(programOpened, (data) => (data.budget.amountFen = 100.5)))).toEqual([
      '/data/budget/amountFen',
    ]);
    expect(refusedFields(withData(programOpened, (data) => (data.category = 'sports')))).toEqual(['/data/category']);
  });

  it('refuse a funder that is neither a funder: nor a portal: party', () => {
    const byOrganization = withData(programOpened, (data) => (data.funderId = 'organization:org-xinhua'));
    expect(refusedFields(byOrganization)).toEqual(['/data/funderId']);
  });

  it("accept the grant events as issue 13's capacity profile knew them (the new fields are optional)", () => {
    const withoutNewFields: Array<[{ example: unknown }, string[]]> = [
      [grantAwarded, ['applicationId', 'proposalId', 'tranchePlan', 'funderKind']],
      [grantActivated, ['funderId', 'mode', 'category', 'noticeWorkingDays', 'reservedAt']],
      [grantVoided, ['reasonCode']],
      [tranchePaid, ['programId', 'communityCode', 'rail', 'railReference', 'confirmedBy']],
    ];
    for (const [definition, fields] of withoutNewFields) {
      const old = withData(definition, (data) => fields.forEach((field) => delete data[field]));
      expect(() => validateEvent(old)).not.toThrow();
    }
  });

  it('refuse a grant.voided reasonCode outside GRANT_VOID_REASONS', () => {
    expect(refusedFields(withData(grantVoided, (data) => (data.reasonCode = 'funder-changed-mind')))).toEqual([
      '/data/reasonCode',
    ]);
  });
});
