import { eventually, uniqueName } from '@sanshe/testing';
import { amendUpdate, arbitrateUpdate, auditQuery, stateQuery, voteUpdate } from '../../src/decision/decision.api';
import { findBrokenLink } from '../../src/decision/domain/audit';
import { expectRefused, useDecisionWorker } from './decision-worker';
import {
  abstain,
  approve,
  COMMUNITY,
  decisionInput,
  FUNDER,
  object,
  PEER,
  PROPOSER,
  RESIDENTS,
  STREET,
  streetPolicy,
  TALENT,
} from './fixtures';
import { recordHistory } from './record-history';
import { must } from '../domain/simulate';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * What the decision workflow does with events delivered late or more than once: update ids
 * remembered across continue-as-new, votes judged by the broker's append time, vote changes bounded.
 * Each test records the history the replay spec keeps replaying (RECORD_HISTORIES=1).
 */
describe('DecisionWorkflow with late and repeated deliveries (time-skipping server)', () => {
  const { environment, start, eventsOf } = useDecisionWorker();

  it('after continue-as-new, a redelivered vote or amendment is the duplicate it is, even where it would be refused', async () => {
    const handle = await start({ ...decisionInput(uniqueName('prop')), historyLimit: 20 });
    const firstRun = (await handle.describe()).runId;
    const objection = object(RESIDENTS);
    await handle.executeUpdate(voteUpdate, { args: [objection], updateId: 'vote-residents-1' });
    await handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY, 1)], updateId: 'vote-community-1' });
    await handle.executeUpdate(voteUpdate, { args: [approve(RESIDENTS)], updateId: 'vote-residents-2' });
    const secondRun = await eventually(async () => {
      const runId = (await handle.describe()).runId;
      expect(runId).not.toBe(firstRun);
      return runId;
    });

    // The residents' objection again, with its id: without the carried ids, a change restoring it.
    const again = await handle.executeUpdate(voteUpdate, { args: [objection], updateId: 'vote-residents-1' });
    expect(again).toMatchObject({ accepted: true, duplicate: true, round: 1, stage: 'deliberation' });
    expect((await handle.query(stateQuery)).votes.find((v) => v.partyId === RESIDENTS)?.choice).toBe('approve');
    const duplicateVoteRun = (await handle.describe()).runId; // a duplicate records nothing: no continue-as-new yet

    const revision = { castBy: PROPOSER, revision: 'A second volunteer joins every home visit.' };
    expect(await handle.executeUpdate(amendUpdate, { args: [revision], updateId: 'amend-1' })).toEqual({ round: 2 });
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(secondRun));
    // In a later run: the amendment again opens no third round, and round 1's vote is no stale-round refusal.
    expect(await handle.executeUpdate(amendUpdate, { args: [revision], updateId: 'amend-1' })).toEqual({ round: 2 });
    const stale = await handle.executeUpdate(voteUpdate, {
      args: [approve(COMMUNITY, 1)],
      updateId: 'vote-community-1',
    });
    expect(stale).toMatchObject({ duplicate: true, round: 2, tally: { approve: 0, pending: 8 } });
    const duplicateAmendmentRun = (await handle.describe()).runId;

    for (const party of [COMMUNITY, RESIDENTS, FUNDER]) {
      await handle.executeUpdate(voteUpdate, { args: [approve(party, 2)], updateId: `vote-${party}-round-2` });
    }
    expect(await handle.result()).toMatchObject({ result: 'approved', decidedBy: 'votes' });
    const audit = await handle.query(auditQuery);
    expect(findBrokenLink(audit)).toBeNull();
    expect(audit.filter((r) => r.entry.type === 'vote-cast')).toHaveLength(6); // 3 in round 1, 3 in round 2
    expect(audit.filter((r) => r.entry.type === 'amended')).toHaveLength(1);
    expect(eventsOf(handle).filter((e) => e.entry.type === 'decided')).toHaveLength(1);
    const runOf = (runId: string) => environment().client.workflow.getHandle(handle.workflowId, runId);
    await recordHistory(runOf(firstRun), 'continue-as-new-first-run');
    await recordHistory(runOf(duplicateVoteRun), 'continue-as-new-carried-vote-id');
    await recordHistory(runOf(duplicateAmendmentRun), 'continue-as-new-carried-amendment-id');
  });

  it('a seated proposer is recused: its seat leaves the electorate and the quorum scales (4 of 6)', async () => {
    const handle = await start({ ...decisionInput(uniqueName('prop')), proposerId: COMMUNITY });
    await expectRefused(handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY)] }), 'conflict-of-interest');
    await handle.executeUpdate(voteUpdate, { args: [approve(RESIDENTS)] });
    await handle.executeUpdate(voteUpdate, { args: [abstain(TALENT)] });
    await handle.executeUpdate(voteUpdate, { args: [approve(FUNDER)] });
    expect(await handle.result()).toMatchObject({ result: 'approved', decidedBy: 'votes' });
    const final = await handle.query(stateQuery);
    expect(final.tally).toMatchObject({ approve: 4, abstain: 1, pending: 1, total: 6, quorum: 4 });
    expect(final.votes.find((v) => v.partyId === COMMUNITY)?.choice).toBe('recused');
    await recordHistory(handle, 'seated-proposer');
  });

  it('a party changes its vote during deliberation up to the policy bound, then too-many-changes', async () => {
    const handle = await start(decisionInput(uniqueName('prop'), streetPolicy({ maxVoteChangesPerRound: 1 })));
    await handle.executeUpdate(voteUpdate, { args: [approve(PEER)] });
    await handle.executeUpdate(voteUpdate, { args: [object(RESIDENTS)] });
    const changed = await handle.executeUpdate(voteUpdate, { args: [abstain(PEER)] });
    expect(changed).toMatchObject({ duplicate: false, stage: 'deliberation', tally: { abstain: 1 } });
    await expectRefused(handle.executeUpdate(voteUpdate, { args: [approve(PEER)] }), 'too-many-changes');
    for (const party of [COMMUNITY, TALENT, FUNDER]) await handle.executeUpdate(voteUpdate, { args: [approve(party)] });
    await environment().sleep(3 * DAY + HOUR); // the deliberation closes; approve 5 of quorum 5
    expect(await handle.result()).toMatchObject({ result: 'approved', decidedBy: 'votes' });
    const changes = (await handle.query(auditQuery)).filter((r) => r.entry.type === 'vote-cast' && r.entry.changed);
    expect(changes.map((r) => r.entry)).toEqual([expect.objectContaining({ partyId: PEER, choice: 'abstain' })]);
    await recordHistory(handle, 'changed-vote-in-deliberation');
  });

  it('a vote published before its deadline but delivered in the grace counts, at its castAt', async () => {
    const handle = await start({ ...decisionInput(uniqueName('prop')), voteGraceMs: HOUR });
    const openedAt = Date.parse(must((await handle.query(auditQuery))[0]).at);
    await environment().sleep(24 * HOUR + 30 * 60_000); // the peer's 24-hour deadline passed; the grace has not
    expect((await handle.query(stateQuery)).pending.map((p) => p.partyId)).toContain(PEER);
    await expectRefused(
      handle.executeUpdate(voteUpdate, { args: [{ ...approve(PEER), castAt: openedAt + 24 * HOUR }] }),
      'past-deadline',
    );
    await expectRefused(handle.executeUpdate(voteUpdate, { args: [approve(PEER)] }), 'past-deadline');
    const late = await handle.executeUpdate(voteUpdate, { args: [{ ...approve(PEER), castAt: openedAt + 23 * HOUR }] });
    expect(late).toMatchObject({ duplicate: false, tally: { approve: 1 } });
    const peer = (await handle.query(stateQuery)).votes.find((v) => v.partyId === PEER);
    expect(peer).toEqual(
      expect.objectContaining({ choice: 'approve', at: new Date(openedAt + 23 * HOUR).toISOString() }),
    );
    expect(peer?.bySilence).toBeUndefined();
    for (const party of [COMMUNITY, RESIDENTS]) await handle.executeUpdate(voteUpdate, { args: [approve(party)] });
    expect(await handle.result()).toMatchObject({ result: 'approved', decidedBy: 'votes' });
    await recordHistory(handle, 'late-vote-within-grace');
  });

  it("a tie escalates, and the arbiter's ruling sent before its deadline but delivered in the grace decides", async () => {
    const handle = await start({ ...decisionInput(uniqueName('prop')), voteGraceMs: HOUR });
    await handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY)] });
    await handle.executeUpdate(voteUpdate, { args: [approve(TALENT)] });
    await handle.executeUpdate(voteUpdate, { args: [object(RESIDENTS)] });
    await handle.executeUpdate(voteUpdate, { args: [object(PEER, 'duplication')] });
    await handle.executeUpdate(voteUpdate, { args: [abstain(FUNDER)] }); // 3 : 3 with 2 abstaining
    await environment().sleep(3 * DAY + HOUR); // deliberation ends without a change
    const escalated = await handle.query(stateQuery);
    expect(escalated).toMatchObject({ stage: 'escalated', escalation: { level: 1, arbiterId: STREET } });
    const deadline = Date.parse(must(escalated.escalation).deadline);
    await environment().sleep(deadline - (await environment().currentTimeMs()) + 30 * 60_000);
    const ruling = { arbiterId: STREET, castBy: STREET, result: 'approved' as const, reason: 'Safety plan accepted.' };
    await expectRefused(handle.executeUpdate(arbitrateUpdate, { args: [ruling] }), 'past-deadline');
    const onTime = { ...ruling, castAt: deadline - HOUR };
    expect(await handle.executeUpdate(arbitrateUpdate, { args: [onTime] })).toEqual({ duplicate: false });
    expect(await handle.result()).toMatchObject({ result: 'approved', decidedBy: 'arbiter', level: 1 });
    await recordHistory(handle, 'arbiter-ruling-within-grace');
  });
});
