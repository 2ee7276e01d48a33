import { ROLES } from '../../access/funding-access';
import { flowFilterFor } from './flow-scope';

const FUNDER = 'funder:xuhui-civil-affairs';
const funderStaff = { sub: 'wang', roles: [ROLES.funderStaff], parties: [FUNDER, 'portal:shanghai-civil'] };
const orgAdmin = { sub: 'li', roles: [ROLES.orgAdmin], parties: ['organization:org-x'] };
const auditor = { sub: 'zhao', roles: [ROLES.auditor], parties: [] };
const open = { from: null, to: null, programId: null };

describe('who sees which funding flows', () => {
  it('an auditor sees every funder’s, or the one asked for', () => {
    expect(flowFilterFor(auditor, {})).toEqual({ filter: { ...open, funderIds: null, organizationIds: null } });
    expect(flowFilterFor(auditor, { funderId: 'funder:other', from: '2026-01-01' })).toEqual({
      filter: { ...open, from: '2026-01-01', funderIds: ['funder:other'], organizationIds: null },
    });
  });

  it('a funder’s admin or staff sees its own programs only; another funder is refused, naming it', () => {
    expect(flowFilterFor(funderStaff, { programId: 'prog-a' })).toEqual({
      filter: { ...open, programId: 'prog-a', funderIds: [FUNDER, 'portal:shanghai-civil'], organizationIds: null },
    });
    expect(flowFilterFor(funderStaff, { funderId: FUNDER })).toMatchObject({ filter: { funderIds: [FUNDER] } });
    expect(flowFilterFor(funderStaff, { funderId: 'funder:other' })).toEqual({
      refusal:
        'wang may not read the flows of funder:other: it needs the role funder-admin or funder-staff for ' +
        'funder:other, and the token grants roles funder-staff for funder:xuhui-civil-affairs, portal:shanghai-civil',
    });
  });

  it('an organization’s admin or staff sees its own grants only, whatever the filters', () => {
    expect(flowFilterFor(orgAdmin, { funderId: FUNDER })).toEqual({
      filter: { ...open, funderIds: [FUNDER], organizationIds: ['org-x'] },
    });
  });

  it('refuses any other token, naming the roles it needs', () => {
    const refused = flowFilterFor({ sub: 'x', roles: ['policy-admin'], parties: ['jurisdiction:310104'] }, {});
    expect(refused).toEqual({
      refusal: expect.stringMatching(/^x may not read funding flows: it needs the role funder-admin/),
    });
    expect(flowFilterFor({ ...orgAdmin, roles: [ROLES.funderAdmin] }, {})).toHaveProperty('refusal'); // no funder party
  });
});
