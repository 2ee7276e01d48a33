import {
  EventValidationError,
  exampleEvent,
  RECOGNITION_CODES,
  RECOGNITIONS,
  SKILL_CODES,
  SKILLS,
  STAR_VOLUNTEER_LEVELS,
  validateEvent,
  workerRegistered,
  workerUpdated,
} from '../src';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

const withData = (definition: { example: unknown }, change: (data: Json) => void) => {
  const data = structuredClone(definition.example) as Json;
  change(data);
  return { ...(exampleEvent(definition as typeof workerRegistered) as Json), data };
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

describe('the talent vocabulary', () => {
  it('lists the ten documented skills with their zh labels', () => {
    expect(SKILLS.map(({ code, label }) => `${code} ${label}`)).toEqual([
      'case-work 个案工作',
      'group-work 小组工作',
      'community-work 社区工作',
      'elderly-care 养老服务',
      'child-protection 儿童保护',
      'disability-support 助残服务',
      'psychological-support 心理支持',
      'volunteer-management 志愿者管理',
      'project-management 项目管理',
      'policy-advocacy 政策倡导',
    ]);
    expect(SKILL_CODES).toHaveLength(10);
  });

  it('has the star volunteer levels at 100/300/600/1000/1500 hours, and social worker of the year', () => {
    expect(STAR_VOLUNTEER_LEVELS.map(({ code, hours }) => [code, hours])).toEqual([
      ['star-volunteer-1', 100],
      ['star-volunteer-2', 300],
      ['star-volunteer-3', 600],
      ['star-volunteer-4', 1000],
      ['star-volunteer-5', 1500],
    ]);
    expect(RECOGNITION_CODES).toEqual([
      ...STAR_VOLUNTEER_LEVELS.map((level) => level.code),
      'social-worker-of-the-year',
    ]);
    expect(RECOGNITIONS.every((recognition) => recognition.label.length > 0)).toBe(true);
  });
});

describe('worker.registered/updated, extended additively (issue 14)', () => {
  it.each([workerRegistered, workerUpdated].map((def) => [def.type, def] as const))(
    '%s: the example carries skills and the certificate in force',
    (_type, def) => {
      const data = validateEvent(exampleEvent(def)).data as Json;
      expect(data).toMatchObject({ skills: ['elderly-care', 'case-work'], certifiedUntil: '2028-06-30' });
      expect(exampleEvent(def).subject).toBe('sw-2019-0457');
    },
  );

  it('an event from before issue 14 (no new field) stays valid', () => {
    const minimal = withData(workerRegistered, (d) => {
      delete d.skills;
      delete d.certifiedUntil;
      delete d.retainedFromIntern;
      delete d.level;
    });
    expect(validateEvent(minimal)).toBeDefined();
  });

  it('an intern has an internship end; a worker without a certificate in force has certifiedUntil null', () => {
    const intern = withData(workerUpdated, (d) => {
      d.kind = 'intern';
      delete d.level;
      d.internshipEndsOn = '2027-06-30';
      d.certifiedUntil = null;
    });
    expect(validateEvent(intern)).toBeDefined();
  });

  it('refuses an unknown skill, a repeated skill, more than 20 skills and a malformed date', () => {
    expect(refusedFields(withData(workerRegistered, (d) => (d.skills = ['case-work', 'juggling'])))).toEqual([
      '/data/skills/1',
    ]);
    expect(refusedFields(withData(workerRegistered, (d) => (d.skills = ['case-work', 'case-work'])))).toEqual([
      '/data/skills',
    ]);
    expect(refusedFields(withData(workerRegistered, (d) => (d.skills = Array(21).fill('case-work'))))).toEqual([
      '/data/skills',
    ]);
    const badDates = withData(workerRegistered, (d) => {
      d.internshipEndsOn = '30/06/2027';
      d.certifiedUntil = 'soon';
      d.retainedFromIntern = 'yes';
    });
    expect(refusedFields(badDates)).toEqual([
      '/data/internshipEndsOn',
      '/data/certifiedUntil',
      '/data/retainedFromIntern',
    ]);
  });
});
