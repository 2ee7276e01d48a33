import { loadOrganizationConfig } from './organization-config';

describe('the organization service’s settings', () => {
  it('keeps a grade five years unless told otherwise', () => {
    expect(loadOrganizationConfig({}).ORGANIZATION_GRADE_VALIDITY_YEARS).toBe(5);
    expect(loadOrganizationConfig({ ORGANIZATION_GRADE_VALIDITY_YEARS: '3' }).ORGANIZATION_GRADE_VALIDITY_YEARS).toBe(
      3,
    );
  });

  it.each(['0', '11', '2.5', 'five'])('refuses ORGANIZATION_GRADE_VALIDITY_YEARS=%s, naming it', (value) => {
    expect(() => loadOrganizationConfig({ ORGANIZATION_GRADE_VALIDITY_YEARS: value })).toThrow(
      /ORGANIZATION_GRADE_VALIDITY_YEARS/,
    );
  });
});
