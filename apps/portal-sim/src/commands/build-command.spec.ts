import { EventValidationError, validateEvent } from '@sanshe/contracts';
import { UsageError } from '../cli/portal-sim-request';
import { buildCommand, type CommandInput } from './build-command';

const NOW = new Date('2026-11-28T03:00:00.000Z');
const context = { now: () => NOW, newId: () => 'cmd-0001' };
const build = (input: Partial<CommandInput> & Pick<CommandInput, 'kind' | 'options'>) =>
  buildCommand({ portalId: 'street-xinhua', as: 'portal:street-xinhua', ...input }, context);
const DECISION = 'decision/data-access/dar-1';

const policy = {
  policyId: 'data-access.street-310104-005',
  decisionKind: 'data-access',
  communityCode: null,
  streetCode: '310104-005',
  title: 'Data access in the street',
  parties: [
    { partyId: 'community:{communityCode}', kind: 'community', title: 'c', weight: 2, voteWindowHours: 24 },
    { partyId: 'talent:t1', kind: 'talent', title: 't', weight: 2, voteWindowHours: 24 },
  ],
  quorum: 3,
  deliberationHours: 1,
  maxAmendments: 0,
  escalation: [{ arbiterId: 'portal:street-xinhua', title: 'a', deadlineHours: 24, defaultOutcome: 'rejected' }],
};

describe('the commands portal-sim builds', () => {
  it('arbitrate: the portal’s ruling as itself, a CloudEvent with the command id, from portal/<id>, valid', () => {
    const command = build({ kind: 'arbitrate', options: { decision: DECISION, outcome: 'approved', reason: 'ok' } });
    expect(command).toMatchObject({
      specversion: '1.0',
      id: 'cmd-0001',
      source: 'portal/street-xinhua',
      type: 'sanshe.portal.decision.arbitrated.v1',
      subject: DECISION,
      time: NOW.toISOString(),
      data: {
        decisionId: DECISION,
        arbiterId: 'portal:street-xinhua',
        castBy: 'portal:street-xinhua',
        result: 'approved',
        reason: 'ok',
      },
    });
    expect(validateEvent(JSON.parse(JSON.stringify(command)))).toEqual(command);
  });

  it('arbitrate --as names the identity claimed, and --arbiter the arbiter (governance judges them)', () => {
    const as = build({
      kind: 'arbitrate',
      as: 'portal:other',
      options: { decision: DECISION, outcome: 'rejected', reason: 'r' },
    });
    expect(as.data).toMatchObject({ arbiterId: 'portal:other', castBy: 'portal:other' });
    const arbiter = build({
      kind: 'arbitrate',
      options: { decision: DECISION, outcome: 'rejected', reason: 'r', arbiter: 'portal:x' },
    });
    expect(arbiter.data).toMatchObject({ arbiterId: 'portal:x', castBy: 'portal:street-xinhua' });
  });

  it('vote: an objection carries its reason; the round is a number; another seat by --party', () => {
    const vote = build({
      kind: 'vote',
      options: { decision: DECISION, choice: 'object', 'reason-code': 'consent', reason: 'not asked', round: '2' },
    });
    expect(vote.type).toBe('sanshe.portal.decision.vote-cast.v1');
    expect(vote.data).toEqual({
      decisionId: DECISION,
      partyId: 'portal:street-xinhua',
      castBy: 'portal:street-xinhua',
      choice: 'object',
      reason: { code: 'consent', text: 'not asked' },
      round: 2,
    });
    const seat = build({ kind: 'vote', options: { decision: DECISION, choice: 'approve', party: 'funder:f1' } });
    expect(seat.data).toEqual({
      decisionId: DECISION,
      partyId: 'funder:f1',
      castBy: 'portal:street-xinhua',
      choice: 'approve',
    });
  });

  it('call-in, confirm-payment and request-report build their contracts’ events', () => {
    const callIn = build({
      kind: 'call-in',
      options: {
        decision: 'decision/activity-proposal/p1',
        proposal: 'p1',
        'reason-code': 'needs-review',
        reason: 'why',
      },
    });
    expect(callIn).toMatchObject({
      type: 'sanshe.portal.filing.call-in-requested.v1',
      subject: 'decision/activity-proposal/p1',
    });
    const payment = build({
      kind: 'confirm-payment',
      options: { payment: 'pay-1', grant: 'grant-1', tranche: '2', 'rail-reference': 'XH-1' },
    });
    expect(payment).toMatchObject({ type: 'sanshe.portal.payment.confirmed.v1', subject: 'pay-1' });
    expect(payment.data).toMatchObject({
      trancheNo: 2,
      portalId: 'portal:street-xinhua',
      confirmedAt: NOW.toISOString(),
    });
    const report = build({
      kind: 'request-report',
      options: { kind: 'decisions', from: '2026-01-01', to: '2026-03-31' },
    });
    expect(report).toMatchObject({
      type: 'sanshe.portal.report.requested.v1',
      subject: 'street-xinhua',
      data: { portalId: 'street-xinhua', castBy: 'portal:street-xinhua', reportKind: 'decisions' },
    });
  });

  it('set-policy and open-program take their body from the file, as the HTTP APIs do', () => {
    const set = build({ kind: 'set-policy', options: { file: 'policy.json' }, file: policy });
    expect(set).toMatchObject({
      type: 'sanshe.portal.decision-policy.set-requested.v1',
      subject: policy.policyId,
      data: { policyId: policy.policyId, castBy: 'portal:street-xinhua', policy },
    });
    const program = { funderId: 'funder:f1', title: 'p' };
    // An incomplete program is refused by its schema, naming the first missing field.
    expect(() =>
      build({ kind: 'open-program', options: { program: 'prog-1', file: 'p.json' }, file: program }),
    ).toThrow(/\/data\/program\/funderKind is required/);
  });

  it('refuses locally, naming the field, what its contract refuses', () => {
    const bad = () => build({ kind: 'arbitrate', options: { decision: DECISION, outcome: 'maybe', reason: 'r' } });
    expect(bad).toThrow(EventValidationError);
    expect(bad).toThrow(
      'invalid sanshe.portal.decision.arbitrated.v1: /data/result must be one of "approved", "rejected"',
    );
    expect(() =>
      build({ kind: 'arbitrate', options: { decision: 'not-a-decision', outcome: 'approved', reason: 'r' } }),
    ).toThrow(/\/data\/decisionId must match pattern/);
    // A reason's text without its code: the objection reason's schema wants both.
    expect(() => build({ kind: 'vote', options: { decision: DECISION, choice: 'object', reason: 'r' } })).toThrow(
      /\/data\/reason\/code is required/,
    );
    expect(() => build({ kind: 'request-report', options: { kind: 'all', from: '2026-01-01', to: 'soon' } })).toThrow(
      /\/data\/reportKind must be one of "decisions", "disbursements".*\/data\/to must match format "date"/,
    );
  });

  it('refuses a missing option or a bad number or file before building', () => {
    expect(() => build({ kind: 'arbitrate', options: { decision: DECISION } })).toThrow(
      new UsageError('send arbitrate needs --outcome, --reason'),
    );
    expect(() =>
      build({ kind: 'confirm-payment', options: { payment: 'p', grant: 'g', tranche: 'two', 'rail-reference': 'r' } }),
    ).toThrow(new UsageError('--tranche must be a whole number, not "two"'));
    expect(() => build({ kind: 'set-policy', options: { file: 'p.json' }, file: [policy] })).toThrow(
      new UsageError('p.json: must hold one JSON object'),
    );
    expect(() => build({ kind: 'set-policy', options: { file: 'p.json' }, file: { title: 'x' } })).toThrow(
      new UsageError('p.json: the policy has no policyId'),
    );
  });
});
