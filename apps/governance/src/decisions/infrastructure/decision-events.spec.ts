import { createEvent, type NewEvent } from '@sanshe/contracts';
import type { AuditEntry, DecisionEventToPublish, Tally } from '@sanshe/workflows';
import { toGovernanceEvent } from './decision-events';

const tally: Tally = { approve: 3, object: 3, abstain: 2, pending: 0, total: 8, quorum: 5 };
const decisionId = 'decision/activity-proposal/prop-2026-0001';
const at = Date.parse('2026-03-02T09:30:00Z');

const publishable = (entry: AuditEntry, seq: number): DecisionEventToPublish => ({
  eventId: entry.type === 'decided' ? `${decisionId}/outcome` : `${decisionId}/${seq}`,
  decisionId,
  entry,
  auditHash: 'a'.repeat(64),
  auditSeq: seq,
  round: 1,
  pending: [{ partyId: 'community:310104-005-001', deadline: '2026-03-09T09:30:00.000Z' }],
  decision: {
    kind: 'activity-proposal',
    subjectId: 'prop-2026-0001',
    communityCode: '310104-005-001',
    proposerId: 'organization:org-xinhua-elderly-care',
    title: '社区长者午餐与探访',
    policyId: 'activity-proposal.district',
    policyVersion: 2,
  },
});

/** Each public fact of the workflow becomes an event that passes its schema in the contract catalog. */
describe('toGovernanceEvent', () => {
  const entries: AuditEntry[] = [
    {
      type: 'opened',
      policyId: 'activity-proposal.district',
      policyVersion: 2,
      proposerId: 'organization:org-x',
      openedBy: 'evt-1',
    },
    {
      type: 'deliberation-opened',
      objector: 'residents:310104-005-001',
      reason: { code: 'safety', text: 'Two volunteers.' },
      until: at,
    },
    { type: 'amended', round: 2, revision: 'A second volunteer joins every visit.' },
    { type: 'escalated', level: 1, arbiterId: 'portal:street-xinhua', deadline: at, tally },
    {
      type: 'decided',
      outcome: { result: 'approved', decidedBy: 'arbiter', level: 1, at, reason: 'Safety plan accepted.' },
      tally,
    },
  ];

  it.each(entries.map((entry, i) => [entry.type, entry, i + 1] as const))(
    '%s validates against its schema',
    (_, entry, seq) => {
      const outgoing = toGovernanceEvent(publishable(entry, seq));
      const event = createEvent({ ...outgoing, source: 'sanshe/governance' } as NewEvent<typeof outgoing.type>);
      expect(event).toMatchObject({ id: publishable(entry, seq).eventId, subject: decisionId });
    },
  );

  it('the outcome carries the audit hash and length, under the deterministic outcome id', () => {
    const decided = entries[4]!;
    expect(toGovernanceEvent(publishable(decided, 9))).toMatchObject({
      type: 'sanshe.governance.decision.decided.v1',
      id: `${decisionId}/outcome`,
      data: { auditHash: 'a'.repeat(64), auditLength: 9, result: 'approved', decidedBy: 'arbiter', level: 1 },
    });
  });

  it("a withdrawal's outcome is published as decided withdrawn by the proposer, valid against the contract", () => {
    const outcome = {
      result: 'withdrawn',
      decidedBy: 'proposer',
      level: 0,
      at,
      reason: 'withdrawn by organization:org-x: capacity-changed',
    } as const;
    const outgoing = toGovernanceEvent(publishable({ type: 'decided', outcome, tally }, 6));
    const event = createEvent({ ...outgoing, source: 'sanshe/governance' } as NewEvent<typeof outgoing.type>);
    expect(event.data).toMatchObject({ result: 'withdrawn', decidedBy: 'proposer', level: 0 });
  });

  it('refuses to publish an entry that stays in the audit trail', () => {
    expect(() => toGovernanceEvent(publishable({ type: 'deliberation-closed', round: 1 }, 3))).toThrow(/not published/);
  });
});
