import { jurisdictionsOver, scopeFieldsOf, scopeProblems } from './policy-jurisdiction';

describe('jurisdictionsOver', () => {
  it("a community's policy: its own, its street's or its district's administrator", () => {
    expect(jurisdictionsOver({ communityCode: '310104-005-001' }, '310104')).toEqual([
      'jurisdiction:310104-005-001',
      'jurisdiction:310104-005',
      'jurisdiction:310104',
    ]);
  });

  it("a street's policy: the street's or its district's administrator, never one of its communities'", () => {
    expect(jurisdictionsOver({ communityCode: null, streetCode: '310104-006' }, '310104')).toEqual([
      'jurisdiction:310104-006',
      'jurisdiction:310104',
    ]);
  });

  it("a district's policy: that district's administrator only", () => {
    expect(jurisdictionsOver({ communityCode: null, districtCode: '310105' }, '310104')).toEqual([
      'jurisdiction:310105',
    ]);
  });

  it("the default, or a community that is not a code: the deployment's district", () => {
    expect(jurisdictionsOver({ communityCode: null }, '310104')).toEqual(['jurisdiction:310104']);
    expect(jurisdictionsOver(scopeFieldsOf({ communityCode: 42 }), '310104')).toEqual(['jurisdiction:310104']);
    expect(jurisdictionsOver({ communityCode: 'resolve-test' }, '310104')).toEqual([
      'jurisdiction:resolve-test',
      'jurisdiction:310104',
    ]);
  });

  it("a program's policy: the deployment district's operator, even for a program id that reads like a code", () => {
    expect(jurisdictionsOver({ programId: 'prog-2026-elderly-care' }, '310104')).toEqual(['jurisdiction:310104']);
    expect(jurisdictionsOver({ communityCode: null, programId: '310105-001' }, '310104')).toEqual([
      'jurisdiction:310104',
    ]);
    expect(scopeFieldsOf({ programId: 'prog-1', communityCode: null })).toEqual({ programId: 'prog-1' });
  });

  it("another district's community or street is not the deployment district's to govern", () => {
    expect(jurisdictionsOver({ communityCode: '310105-001-001' }, '310104')).not.toContain('jurisdiction:310104');
    expect(jurisdictionsOver({ streetCode: '310105-001' }, '310104')).not.toContain('jurisdiction:310104');
  });
});

describe('scopeProblems', () => {
  it('accepts one scope or none', () => {
    expect(scopeProblems({ communityCode: null })).toEqual([]);
    expect(scopeProblems({ communityCode: null, streetCode: '310104-005' })).toEqual([]);
    expect(scopeProblems({ districtCode: '310104' })).toEqual([]);
  });

  it('names each field beyond the first when a policy sets two or three scopes', () => {
    expect(scopeProblems({ communityCode: '310104-005-001', streetCode: '310104-005' })).toEqual([
      { path: '/streetCode', message: expect.stringContaining('it sets communityCode and streetCode') as string },
    ]);
    expect(
      scopeProblems({ communityCode: 'x', streetCode: '310104-005', districtCode: '310104' }).map((p) => p.path),
    ).toEqual(['/streetCode', '/districtCode']);
  });

  it('names both fields when a policy sets a program and an area (issue 15)', () => {
    const problems = scopeProblems({ programId: 'prog-1', communityCode: '310104-005-001' });
    expect(problems).toEqual([
      { path: '/communityCode', message: expect.stringContaining('it sets programId and communityCode') as string },
    ]);
  });
});
