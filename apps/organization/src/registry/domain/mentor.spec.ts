import { mentorProblems } from './mentor';

const REGISTERED = { status: 'registered' as const };

describe('the mentor (孵化) rule', () => {
  it('accepts a registered organization outside the chain', () => {
    expect(mentorProblems('org-a', 'org-hub', REGISTERED, ['org-federation'])).toEqual([]);
  });

  it('refuses the organization itself', () => {
    expect(mentorProblems('org-a', 'org-a', REGISTERED, [])).toEqual([
      { path: '/body/mentorOrganizationId', message: 'an organization cannot incubate itself' },
    ]);
  });

  it('refuses an unknown or unregistered one', () => {
    expect(mentorProblems('org-a', 'org-x', null, [])[0].message).toBe('no organization org-x is registered');
    expect(mentorProblems('org-a', 'org-x', { status: 'suspended' }, [])[0].message).toMatch(/is suspended/);
  });

  it('refuses a cycle, naming it', () => {
    // org-c is incubated by org-b, org-b by org-a: org-a cannot be incubated by org-c.
    expect(mentorProblems('org-a', 'org-c', REGISTERED, ['org-b', 'org-a'])).toEqual([
      { path: '/body/mentorOrganizationId', message: 'a cycle: org-a → org-c → org-b → org-a' },
    ]);
  });
});
