import { createEvent, type EventType, type NewEvent } from '@sanshe/contracts';
import {
  assessorClawback,
  assessorObjection,
  assessorVote,
  type AssessorBinding,
  requestEventId,
  seatRefusal,
} from './assessment';

const LONG_GRANT = `g${'x'.repeat(120)}`;
const DECISION = `decision/milestone-verification/${LONG_GRANT}.t24.r99`;
const REASON = { code: 'evidence-false', text: '签到表与现场照片不符，服务人次存疑' };
const TRANCHE = { grantId: LONG_GRANT, trancheNo: 24, verification: 99 };

const valid = (event: Omit<NewEvent<EventType>, 'source'>) => createEvent({ ...event, source: 'sanshe/talent' });

const binding: AssessorBinding = {
  decisionId: 'decision/milestone-verification/grant-1.t1',
  subjectId: 'grant-1.t1',
  organizationId: 'org-a',
  workerId: 'sw-7',
  status: 'bound',
  reason: 'r',
  round: 1,
  deadline: null,
  closed: false,
  result: null,
  boundAt: '2026-11-28T00:00:00.000Z',
};

describe('what talent sends for the independent assessor’s seat', () => {
  it('builds events its contracts accept, castBy the seat, even for the longest ids', () => {
    expect(() => valid(assessorVote(DECISION, { choice: 'approve', round: 3 }))).not.toThrow();
    expect(() => valid(assessorObjection(DECISION, TRANCHE, REASON))).not.toThrow();
    const amount = { amountFen: 1, currency: 'CNY' };
    expect(() => valid(assessorClawback(DECISION, TRANCHE, { reason: REASON, amount }))).not.toThrow();
    expect(assessorObjection(DECISION, TRANCHE, REASON).data).toEqual({
      grantId: LONG_GRANT,
      trancheNo: 24,
      partyId: 'talent:independent-assessor',
      castBy: 'talent:independent-assessor',
      reason: REASON,
    });
  });

  it('names a request by an id governance’s request-refused can carry (no slash, ≤ 128), one per decision', () => {
    const id = requestEventId('sanshe.talent.disbursement.clawback-proposed.v1', DECISION);
    expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/);
    expect(id).toBe(requestEventId('sanshe.talent.disbursement.clawback-proposed.v1', DECISION));
    expect(id).not.toBe(requestEventId('sanshe.talent.disbursement.clawback-proposed.v1', `${DECISION}x`));
  });

  it('lets only the bound worker’s own token act, and names who is bound to anyone else', () => {
    const own = { sub: 'p-7', roles: ['talent-worker'], parties: ['talent-worker:sw-7'] };
    expect(seatRefusal(own, binding, 'vote')).toBeNull();
    const other = { sub: 'p-8', roles: ['talent-worker'], parties: ['talent-worker:sw-8'] };
    expect(seatRefusal(other, binding, 'vote')).toContain('only its bound assessor sw-7 may');
    const partyWithoutRole = { sub: 'p-7', roles: ['organization-admin'], parties: ['talent-worker:sw-7'] };
    expect(seatRefusal(partyWithoutRole, binding, 'vote')).not.toBeNull();
  });
});
