import { parseVerificationSubject } from './verification-subject';

describe('parseVerificationSubject', () => {
  it('reads the grant and tranche of a first verification', () => {
    expect(parseVerificationSubject('grant-2026-0007.t2')).toEqual({
      grantId: 'grant-2026-0007',
      trancheNo: 2,
      verification: 1,
    });
  });

  it('reads a re-verification (.r<k>)', () => {
    expect(parseVerificationSubject('grant-2026-0007.t12.r3')).toEqual({
      grantId: 'grant-2026-0007',
      trancheNo: 12,
      verification: 3,
    });
  });

  it('keeps dots and a .t inside the grant id: the suffix is the last one', () => {
    expect(parseVerificationSubject('g.t1.x.t4')).toEqual({ grantId: 'g.t1.x', trancheNo: 4, verification: 1 });
    expect(parseVerificationSubject('g.t1.t2.r2')).toEqual({ grantId: 'g.t1', trancheNo: 2, verification: 2 });
  });

  it.each(['grant-2026-0007', 'grant.t0', 'grant.t01', '.t1', 'grant.t1.r0', 'grant.t1.r', 'grant.t1.x', 'grant.tx'])(
    'is null for %s',
    (subject) => {
      expect(parseVerificationSubject(subject)).toBeNull();
    },
  );
});
