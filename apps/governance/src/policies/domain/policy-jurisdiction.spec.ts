import { jurisdictionsOver } from './policy-jurisdiction';

describe('jurisdictionsOver', () => {
  it("a community's policy: its own, its street's or its district's administrator", () => {
    expect(jurisdictionsOver('310104-005-001', '310104')).toEqual([
      'jurisdiction:310104-005-001',
      'jurisdiction:310104-005',
      'jurisdiction:310104',
    ]);
  });

  it("a district-wide policy, or a scope that is not a code: the deployment's district", () => {
    expect(jurisdictionsOver(null, '310104')).toEqual(['jurisdiction:310104']);
    expect(jurisdictionsOver(42, '310104')).toEqual(['jurisdiction:310104']);
    expect(jurisdictionsOver('resolve-test', '310104')).toEqual(['jurisdiction:resolve-test', 'jurisdiction:310104']);
  });

  it("another district's community is not the deployment district's to govern", () => {
    expect(jurisdictionsOver('310105-001-001', '310104')).not.toContain('jurisdiction:310104');
  });
});
