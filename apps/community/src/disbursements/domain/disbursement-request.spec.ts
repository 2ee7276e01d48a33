import { createEvent } from '@sanshe/contracts';
import { raiseRequest, readerRefusal, type RequestInput } from './disbursement-request';

const reason = { code: 'evidence-false', text: '签到表与现场照片不符，服务人次存疑' };
const objection: RequestInput = {
  kind: 'objection',
  grantId: 'grant-2026-0007',
  communityCode: '310104-005-001',
  trancheNo: 2,
  partyId: 'residents:310104-005-001',
  reason,
  amount: null,
};
const now = new Date('2026-11-28T01:00:00Z');

describe('a community disbursement request', () => {
  it('is an objection-raised event keyed by the grant, cast by the party, with the sub kept only in the request', () => {
    const { request, event } = raiseRequest('dreq-1', objection, 'wang-fang', now);
    expect(event).toEqual({
      type: 'sanshe.community.disbursement.objection-raised.v1',
      id: 'sanshe.community.disbursement.objection-raised.v1:dreq-1',
      subject: 'grant-2026-0007',
      data: { grantId: 'grant-2026-0007', trancheNo: 2, partyId: objection.partyId, castBy: objection.partyId, reason },
    });
    expect(JSON.stringify(event)).not.toContain('wang-fang');
    expect(request).toMatchObject({ eventId: event.id, castBySub: 'wang-fang', status: 'sent', refusal: null });
  });

  it('is a clawback-proposed event with the amount, valid against its contract', () => {
    const amount = { amountFen: 720_000, currency: 'CNY' };
    const { event } = raiseRequest('dreq-2', { ...objection, kind: 'clawback', trancheNo: 1, amount }, 'li-na', now);
    expect(event.type).toBe('sanshe.community.disbursement.clawback-proposed.v1');
    expect(event.data).toMatchObject({ trancheNo: 1, amount });
    expect(() => createEvent({ ...event, source: 'sanshe/community' })).not.toThrow();
    const tooMuch = { ...event, data: { ...event.data, trancheNo: 25 } };
    expect(() => createEvent({ ...tooMuch, source: 'sanshe/community' })).toThrow(/trancheNo/);
  });

  it('is read by the readers named, and refused to anyone else with what is needed', () => {
    const readers = [{ role: 'committee-member', party: 'community:310104-005-001' }];
    const member = { sub: 'li-na', roles: ['committee-member'], parties: ['community:310104-005-001'] };
    expect(readerRefusal(member, '310104-005-001', readers)).toBeNull();
    expect(readerRefusal({ ...member, roles: ['committee-staff'] }, '310104-005-001', readers)).toBe(
      'li-na may not see the disbursement requests of community 310104-005-001: it needs the role ' +
        'committee-member for community:310104-005-001',
    );
  });
});
