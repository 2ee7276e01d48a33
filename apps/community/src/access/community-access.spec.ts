import { communityParty, jurisdictionsOf, organizationParty, residentsParty, ROLES } from './community-access';

describe('community access', () => {
  it('lists an area’s jurisdictions from itself up to its district', () => {
    expect(jurisdictionsOf('310104-005-001')).toEqual([
      'jurisdiction:310104-005-001',
      'jurisdiction:310104-005',
      'jurisdiction:310104',
    ]);
    expect(jurisdictionsOf('310104-005')).toEqual(['jurisdiction:310104-005', 'jurisdiction:310104']);
    expect(jurisdictionsOf('310104')).toEqual(['jurisdiction:310104']);
  });

  it('names the parties the tokens speak for', () => {
    expect(communityParty('310104-005-001')).toBe('community:310104-005-001');
    expect(residentsParty('310104-005-001')).toBe('residents:310104-005-001');
    expect(organizationParty('org-1')).toBe('organization:org-1');
    expect(ROLES.residentsRep).toBe('residents-representative');
  });
});
