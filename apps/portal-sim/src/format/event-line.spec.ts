import { decodeRecord, eventLine, replyVerdict, typeSelected } from './event-line';

const event = (type: string, subject: string, data: unknown) => ({
  id: 'e1',
  type,
  subject,
  time: '2026-11-28T03:00:00.000Z',
  data,
});

describe('one line per event', () => {
  it('time, type, subject, then the facts in their order (the subject not repeated, objects one level down, short lists as they are)', () => {
    const line = eventLine({
      topic: 'sanshe.governance.events',
      event: event('sanshe.governance.decision.escalated.v1', 'decision/data-access/d1', {
        decisionId: 'decision/data-access/d1',
        level: 1,
        arbiterId: 'portal:street-xinhua',
        tally: { approve: 4, object: 4 },
        pending: [{ partyId: 'portal:street-xinhua' }],
        jurisdiction: ['310104-005', '310104-006'],
        codes: ['a', 'b', 'c', 'd'],
        note: null,
        reason: 'tie',
      }),
    });
    expect(line).toBe(
      '2026-11-28T03:00:00.000Z  sanshe.governance.decision.escalated.v1  decision/data-access/d1  level=1  ' +
        'arbiterId=portal:street-xinhua  tally.approve=4  tally.object=4  pending=[1]  ' +
        'jurisdiction=310104-005,310104-006  codes=[4]  reason=tie',
    );
  });

  it('a reply leads with its verdict, then its code and reason', () => {
    const line = eventLine({
      topic: 'sanshe.portal.street-xinhua.replies',
      event: event('sanshe.governance.portal.command-rejected.v1', 'cmd-1', {
        commandId: 'cmd-1',
        commandType: 'sanshe.portal.decision.arbitrated.v1',
        portalId: 'street-xinhua',
        code: 'not-the-arbiter',
        reason: 'portal:street-xinhua is not the arbiter',
      }),
    });
    expect(line).toBe(
      '2026-11-28T03:00:00.000Z  REJECTED  sanshe.governance.portal.command-rejected.v1  cmd-1  code=not-the-arbiter  ' +
        'reason="portal:street-xinhua is not the arbiter"  commandType=sanshe.portal.decision.arbitrated.v1  ' +
        'portalId=street-xinhua',
    );
    const long = 'x'.repeat(300);
    const whole = eventLine({
      topic: 't',
      event: event('sanshe.funding.portal.command-rejected.v1', 'cmd-2', { code: 'not-funder', reason: long }),
    });
    expect(whole.endsWith(`code=not-funder  reason=${long}`)).toBe(true);
    expect(replyVerdict('sanshe.funding.portal.command-accepted.v1')).toBe('accepted');
    expect(replyVerdict('sanshe.governance.decision.decided.v1')).toBeUndefined();
  });

  it('cuts long values and says how many facts it left out', () => {
    const data = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, i === 0 ? 'x'.repeat(200) : i]));
    const line = eventLine({ topic: 't', event: event('sanshe.a.b.c.v1', 's', data) });
    expect(line).toContain(`f0=${'x'.repeat(79)}…  f1=1`);
    expect(line).toMatch(/f7=7 {2}\(\+2 more\)$/);
  });

  it('shows a record that is not an event as such, and decodes one of a type it does not know', () => {
    expect(decodeRecord('t', 'not json')).toEqual({ topic: 't', problem: 'not JSON' });
    expect(decodeRecord('t', '{"id":"1","type":"x"}')).toEqual({ topic: 't', problem: 'no subject, time' });
    expect(eventLine(decodeRecord('t', '[]'))).toBe('?  t  not a Sanshe event: no id, type, subject, time');
    const future = decodeRecord('t', JSON.stringify(event('sanshe.x.y.z.v9', 's', { a: 1 })));
    expect(eventLine(future)).toBe('2026-11-28T03:00:00.000Z  sanshe.x.y.z.v9  s  a=1');
  });

  it('selects types exactly or by a prefix ending in *; no filter selects every type', () => {
    expect(typeSelected('sanshe.governance.decision.decided.v1', [])).toBe(true);
    expect(typeSelected('sanshe.governance.decision.decided.v1', ['sanshe.governance.*'])).toBe(true);
    expect(typeSelected('sanshe.governance.decision.decided.v1', ['sanshe.governance.decision.decided.v1'])).toBe(true);
    expect(typeSelected('sanshe.governance.decision.decided.v1', ['sanshe.governance.decision'])).toBe(false);
    expect(typeSelected('sanshe.funding.x.y.v1', ['sanshe.governance.*', 'sanshe.community.*'])).toBe(false);
  });
});
