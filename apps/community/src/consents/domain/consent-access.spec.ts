import { ROLES } from '../../access/community-access';
import { channelsOf, readRefusal, recordRefusal } from './consent-access';

const CODE = '310104-005-001';
const caller = (roles: string[], parties: string[]) => ({ sub: 'person-1', roles, parties });

describe('who may record and read residents’ consents', () => {
  it('lets a residents’ representative or a residents’ portal of the community record', () => {
    expect(channelsOf(caller([ROLES.residentsRep], [`residents:${CODE}`]), CODE)).toEqual(['representative']);
    expect(channelsOf(caller([ROLES.residentsPortal], [`residents:${CODE}`]), CODE)).toEqual(['portal']);
    expect(recordRefusal(caller([ROLES.residentsPortal], [`residents:${CODE}`]), CODE)).toBeNull();
  });

  it('refuses the committee, even holding the residents’ party', () => {
    for (const role of [ROLES.committeeMember, ROLES.committeeStaff]) {
      const refusal = recordRefusal(caller([role], [`community:${CODE}`, `residents:${CODE}`]), CODE);
      expect(refusal).toContain('the committee never consents for residents');
    }
  });

  it('refuses a representative of another community', () => {
    expect(recordRefusal(caller([ROLES.residentsRep], ['residents:310104-005-002']), CODE)).toContain(
      `residents:${CODE}`,
    );
  });

  it('lets an auditor read but not record', () => {
    const auditor = caller([ROLES.auditor], []);
    expect(readRefusal(auditor, CODE)).toBeNull();
    expect(recordRefusal(auditor, CODE)).not.toBeNull();
    expect(readRefusal(caller([ROLES.committeeMember], [`community:${CODE}`]), CODE)).toContain(ROLES.auditor);
  });
});
