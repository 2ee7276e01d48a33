import { authorize } from './auth.guard';
import { AccessDenied } from './auth-errors';

const request = { params: {}, query: {}, body: { communityCode: '310104-005-001' } };
const admin = { sub: 'clerk-7', parties: ['jurisdiction:310104'], roles: ['policy-admin'] };
const rule = {
  action: 'set policies',
  roles: ['policy-admin'],
  parties: () => ['jurisdiction:310104-005-001', 'jurisdiction:310104-005', 'jurisdiction:310104'],
};

describe('authorize', () => {
  it('lets through a caller with the role who speaks for one of the parties', () => {
    expect(() => authorize(admin, rule, request)).not.toThrow();
  });

  it('refuses the wrong role, naming what is needed and what the token grants', () => {
    expect(() => authorize({ ...admin, roles: ['staff'] }, rule, request)).toThrow(
      new AccessDenied('clerk-7 may not set policies: it needs the role policy-admin, and the token grants staff'),
    );
  });

  it('refuses the right role for another party', () => {
    expect(() => authorize({ ...admin, parties: ['jurisdiction:310105'] }, rule, request)).toThrow(
      /may not set policies for jurisdiction:310104-005-001 or .*: the token speaks for jurisdiction:310105/,
    );
  });

  it('refuses everyone when the request names no party anyone may act for', () => {
    expect(() => authorize(admin, { ...rule, parties: () => [] }, request)).toThrow(/may not set policies here/);
  });

  it('needs no party when the rule names none', () => {
    expect(() =>
      authorize({ ...admin, parties: [] }, { action: 'read', roles: ['policy-admin'] }, request),
    ).not.toThrow();
  });
});
