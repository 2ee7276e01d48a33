import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { uniqueName } from '@sanshe/testing';
import { refusalOf } from '../../src';
import {
  amendUpdate,
  arbitrateUpdate,
  auditQuery,
  stateQuery,
  voteUpdate,
  withdrawUpdate,
} from '../../src/decision/decision.api';
import { findBrokenLink } from '../../src/decision/domain/audit';
import { DeadlineKey, EscalationLevelKey, PendingPartiesKey, StageKey } from '../../src/decision/search-attributes';
import type { RefusalCode } from '../../src/decision/domain/refusals';
import { useDecisionWorker } from './decision-worker';
import { recordHistory } from './record-history';
import {
  COMMUNITY,
  DISTRICT,
  FUNDER,
  PEER,
  PROPOSER,
  RESIDENTS,
  STREET,
  TALENT,
  abstain,
  approve,
  decisionInput,
  object,
  streetPolicy,
} from './fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('DecisionWorkflow on the time-skipping test server', () => {
  const { environment, start, eventsOf } = useDecisionWorker();

  async function expectRefused(promise: Promise<unknown>, code: RefusalCode): Promise<void> {
    const error = await promise.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    // The validator's refusal arrives as a typed failure: the code as its type, the reason as its message.
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: code, nonRetryable: true });
    expect(refusalOf(error)).toEqual({ code, message: cause?.message });
    expect(cause?.message).toMatch(/^[^[]/);
  }

  it('an objection is outvoted after deliberation and a silent party abstains at its deadline (7-day votes)', async () => {
    const handle = await start(decisionInput(uniqueName('prop')));
    const wallStart = Date.now();
    await handle.executeUpdate(voteUpdate, { args: [object(RESIDENTS)] });
    expect((await handle.query(stateQuery)).stage).toBe('deliberation');
    await handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY)] });
    await handle.executeUpdate(voteUpdate, { args: [approve(TALENT)] });

    await environment().sleep(2 * DAY); // the peer organization's 24-hour window passes in silence
    const during = await handle.query(stateQuery);
    expect(during.votes.find((v) => v.partyId === PEER)).toMatchObject({ choice: 'abstain', bySilence: true });
    expect(during.stage).toBe('deliberation');

    await environment().sleep(2 * DAY); // deliberation (72 h) is over; approve 3 < quorum 5, the funder is pending
    expect((await handle.query(stateQuery)).stage).toBe('voting');
    await handle.executeUpdate(voteUpdate, { args: [approve(FUNDER)] });

    const outcome = await handle.result();
    expect(outcome).toMatchObject({ result: 'approved', decidedBy: 'votes', level: 0 });
    expect(Date.now() - wallStart).toBeLessThan(30_000); // four days of deliberation, in seconds

    const final = await handle.query(stateQuery);
    expect(final.tally).toMatchObject({ approve: 5, object: 2, abstain: 1, pending: 0, total: 8 });
    expect(outcome.tally).toEqual(final.tally); // returned with the outcome: a parent workflow shows it
    const audit = await handle.query(auditQuery);
    expect(findBrokenLink(audit)).toBeNull();
    expect(audit.map((r) => r.entry.type)).toEqual([
      'opened',
      'vote-cast',
      'deliberation-opened',
      'vote-cast',
      'vote-cast',
      'abstained-by-silence',
      'deliberation-closed',
      'vote-cast',
      'decided',
    ]);
    const events = eventsOf(handle);
    expect(events.map((e) => e.entry.type)).toEqual(['opened', 'deliberation-opened', 'decided']);
    expect(events.at(-1)).toMatchObject({ eventId: `${handle.workflowId}/outcome`, auditHash: final.audit.headHash });
    await recordHistory(handle, 'outvoted-objection-and-silence');
  });

  it('refuses, with a reason, every vote the rules forbid, and records nothing for it', async () => {
    const handle = await start(decisionInput(uniqueName('prop')));
    await handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY)] });
    const before = await handle.query(auditQuery);

    await expectRefused(handle.executeUpdate(voteUpdate, { args: [approve('volunteers:xinhua-team')] }), 'not-a-party');
    await expectRefused(
      handle.executeUpdate(voteUpdate, { args: [{ ...approve(FUNDER), castBy: COMMUNITY }] }),
      'wrong-identity',
    );
    await expectRefused(handle.executeUpdate(voteUpdate, { args: [approve(PROPOSER)] }), 'conflict-of-interest');
    await expectRefused(handle.executeUpdate(voteUpdate, { args: [abstain(COMMUNITY)] }), 'changed-vote');
    await expectRefused(
      handle.executeUpdate(voteUpdate, { args: [{ ...object(FUNDER), reason: undefined }] }),
      'reason-required',
    );
    await expectRefused(handle.executeUpdate(voteUpdate, { args: [approve(FUNDER, 2)] }), 'stale-round');
    await expectRefused(
      handle.executeUpdate(amendUpdate, { args: [{ castBy: PEER, revision: 'x' }] }),
      'not-the-proposer',
    );
    await expectRefused(
      handle.executeUpdate(amendUpdate, { args: [{ castBy: PROPOSER, revision: 'x' }] }),
      'no-deliberation',
    );
    await expectRefused(
      handle.executeUpdate(arbitrateUpdate, {
        args: [{ arbiterId: STREET, castBy: STREET, result: 'approved', reason: 'x' }],
      }),
      'not-escalated',
    );
    // A repeated identical vote is accepted, once.
    const repeat = await handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY)] });
    expect(repeat).toMatchObject({ accepted: true, duplicate: true });

    await environment().sleep(25 * HOUR); // the peer's 24-hour deadline passes
    await expectRefused(handle.executeUpdate(voteUpdate, { args: [approve(PEER)] }), 'past-deadline');

    const after = await handle.query(auditQuery);
    // Only the peer's silence was added: no refused vote left a trace in the state or the trail.
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((r) => r.entry.type)).toEqual(['abstained-by-silence']);
    expect((await handle.query(stateQuery)).tally).toMatchObject({ approve: 2, pending: 5 });
    await handle.terminate('test done');
  });

  it('an amendment opens a new round in which everyone votes again', async () => {
    const handle = await start(decisionInput(uniqueName('prop')));
    await handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY)] });
    await handle.executeUpdate(voteUpdate, { args: [object(RESIDENTS)] });
    const { round } = await handle.executeUpdate(amendUpdate, {
      args: [{ castBy: PROPOSER, revision: 'A second volunteer joins every home visit.' }],
    });
    expect(round).toBe(2);
    const reset = await handle.query(stateQuery);
    expect(reset).toMatchObject({ stage: 'voting', round: 2, tally: { approve: 0, object: 0, pending: 8 } });
    await expectRefused(handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY, 1)] }), 'stale-round');

    for (const party of [COMMUNITY, RESIDENTS, FUNDER]) {
      await handle.executeUpdate(voteUpdate, { args: [approve(party, 2)] });
    }
    expect(await handle.result()).toMatchObject({ result: 'approved', decidedBy: 'votes' });
    expect(eventsOf(handle).map((e) => e.entry.type)).toEqual(['opened', 'deliberation-opened', 'amended', 'decided']);
    await recordHistory(handle, 'amendment-round');
  });

  it('no quorum escalates to the street, then the district, whose default applies after 7 + 3 + 5 days', async () => {
    const handle = await start(decisionInput(uniqueName('prop')));
    const wallStart = Date.now();
    await handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY)] });
    await handle.executeUpdate(voteUpdate, { args: [abstain(FUNDER)] });

    await environment().sleep(7 * DAY + HOUR);
    const escalated = await handle.query(stateQuery);
    expect(escalated).toMatchObject({ stage: 'escalated', escalation: { level: 1, arbiterId: STREET } });
    expect(escalated.pending.map((p) => p.partyId)).toEqual([STREET]);
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(StageKey)).toBe('escalated');
    expect(attributes.get(PendingPartiesKey)).toEqual([STREET]);
    expect(attributes.get(EscalationLevelKey)).toBe(1);
    expect(attributes.get(DeadlineKey)?.toISOString()).toBe(escalated.escalation?.deadline);
    await expectRefused(handle.executeUpdate(voteUpdate, { args: [approve(TALENT)] }), 'voting-closed');
    await expectRefused(
      handle.executeUpdate(arbitrateUpdate, {
        args: [{ arbiterId: DISTRICT, castBy: DISTRICT, result: 'approved', reason: 'x' }],
      }),
      'not-the-arbiter',
    );

    const outcome = await handle.result(); // the street and then the district stay silent
    expect(outcome).toMatchObject({ result: 'rejected', decidedBy: 'default', level: 2 });
    const openedAt = Date.parse((await handle.query(auditQuery))[0]!.at);
    // The vote windows (7 days), then each arbiter's deadline (3 and 5 days), give or take the task's own time.
    expect(outcome.at - openedAt).toBeGreaterThanOrEqual((7 + 3 + 5) * DAY);
    expect(outcome.at - openedAt).toBeLessThan((7 + 3 + 5) * DAY + 60_000);
    expect(Date.now() - wallStart).toBeLessThan(30_000);
    expect(eventsOf(handle).map((e) => e.entry.type)).toEqual(['opened', 'escalated', 'escalated', 'decided']);
    await recordHistory(handle, 'two-escalation-levels-default');
  });

  it('a tie goes to the arbiter, whose ruling decides; a repeated ruling is idempotent', async () => {
    const handle = await start(decisionInput(uniqueName('prop')));
    await handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY)] });
    await handle.executeUpdate(voteUpdate, { args: [approve(TALENT)] });
    await handle.executeUpdate(voteUpdate, { args: [object(RESIDENTS)] });
    await handle.executeUpdate(voteUpdate, { args: [object(PEER, 'duplication')] });
    await handle.executeUpdate(voteUpdate, { args: [abstain(FUNDER)] }); // 3 approve, 3 object, 2 abstain
    await environment().sleep(3 * DAY + HOUR); // deliberation ends without a change

    expect((await handle.query(stateQuery)).stage).toBe('escalated');
    const ruling = { arbiterId: STREET, castBy: STREET, result: 'approved' as const, reason: 'Safety plan accepted.' };
    await expectRefused(
      handle.executeUpdate(arbitrateUpdate, { args: [{ ...ruling, castBy: DISTRICT }] }),
      'wrong-identity',
    );
    expect(await handle.executeUpdate(arbitrateUpdate, { args: [ruling] })).toEqual({ duplicate: false });
    expect(await handle.result()).toMatchObject({ result: 'approved', decidedBy: 'arbiter', level: 1 });
    await recordHistory(handle, 'tie-arbitrated');
  });

  it('two objections that put the quorum out of reach reject it after deliberation', async () => {
    const handle = await start(decisionInput(uniqueName('prop')));
    await handle.executeUpdate(voteUpdate, { args: [object(RESIDENTS)] });
    await handle.executeUpdate(voteUpdate, { args: [object(FUNDER, 'budget')] }); // 8 − 4 = 4 < 5
    await handle.executeUpdate(voteUpdate, { args: [object(PEER, 'budget')] });
    expect((await handle.query(stateQuery)).stage).toBe('deliberation');
    expect(await handle.result()).toMatchObject({ result: 'rejected', decidedBy: 'votes' });
    const decided = eventsOf(handle).at(-1)!;
    expect(decided.entry).toMatchObject({ type: 'decided', tally: { object: 5 } });
  });

  it('continues as new when the history grows, carrying every vote and the audit chain', async () => {
    const input = { ...decisionInput(uniqueName('prop')), historyLimit: 12 };
    const handle = await start(input);
    const firstRun = (await handle.describe()).runId;
    await handle.executeUpdate(voteUpdate, { args: [object(RESIDENTS)] });
    for (const party of [COMMUNITY, TALENT]) await handle.executeUpdate(voteUpdate, { args: [approve(party)] });
    await handle.executeUpdate(voteUpdate, { args: [{ ...approve(RESIDENTS) }] }); // changed during deliberation
    await handle.executeUpdate(voteUpdate, { args: [approve(FUNDER)] });

    const outcome = await handle.result();
    expect(outcome).toMatchObject({ result: 'approved', decidedBy: 'votes' });
    const lastRun = (await environment().client.workflow.getHandle(handle.workflowId).describe()).runId;
    expect(lastRun).not.toBe(firstRun);
    const audit = await environment().client.workflow.getHandle(handle.workflowId).query(auditQuery);
    expect(findBrokenLink(audit)).toBeNull();
    expect(audit.filter((r) => r.entry.type === 'vote-cast')).toHaveLength(5);
    expect(eventsOf(handle).filter((e) => e.entry.type === 'decided')).toHaveLength(1);
  });

  const withdrawal = { castBy: PROPOSER, reason: { code: 'capacity-changed', text: '原定社工离职，撤回方案。' } };

  it('the proposer withdraws during deliberation: decided withdrawn, published once', async () => {
    const handle = await start(decisionInput(uniqueName('prop')));
    await handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY)] });
    await handle.executeUpdate(voteUpdate, { args: [object(RESIDENTS)] });
    expect((await handle.query(stateQuery)).stage).toBe('deliberation');
    await expectRefused(
      handle.executeUpdate(withdrawUpdate, { args: [{ ...withdrawal, castBy: RESIDENTS }] }),
      'not-the-proposer',
    );

    expect(await handle.executeUpdate(withdrawUpdate, { args: [withdrawal] })).toEqual({ duplicate: false });
    expect(await handle.result()).toMatchObject({ result: 'withdrawn', decidedBy: 'proposer', level: 0 });
    // The run has ended: a later vote finds no workflow, which governance refuses as decision-closed (not sent
    // here: an update to a closed workflow leaves the time-skipping server's clock locked for the next test).

    const audit = await handle.query(auditQuery);
    expect(findBrokenLink(audit)).toBeNull();
    expect(audit.map((r) => r.entry.type).slice(-2)).toEqual(['withdrawn', 'decided']);
    const events = eventsOf(handle);
    expect(events.map((e) => e.entry.type)).toEqual(['opened', 'deliberation-opened', 'decided']);
    expect(events.at(-1)).toMatchObject({
      eventId: `${handle.workflowId}/outcome`,
      entry: {
        outcome: { result: 'withdrawn', decidedBy: 'proposer', reason: `withdrawn by ${PROPOSER}: capacity-changed` },
      },
    });
    await recordHistory(handle, 'withdrawn-in-deliberation');
  });

  it('the proposer withdraws while escalated: decided withdrawn at the escalation level', async () => {
    const handle = await start(decisionInput(uniqueName('prop')));
    await handle.executeUpdate(voteUpdate, { args: [approve(COMMUNITY)] });
    await environment().sleep(7 * DAY + HOUR);
    expect(await handle.query(stateQuery)).toMatchObject({ stage: 'escalated', escalation: { level: 1 } });

    await handle.executeUpdate(withdrawUpdate, { args: [withdrawal] });
    expect(await handle.result()).toMatchObject({ result: 'withdrawn', decidedBy: 'proposer', level: 1 });
    expect(eventsOf(handle).map((e) => e.entry.type)).toEqual(['opened', 'escalated', 'decided']);
    await recordHistory(handle, 'withdrawn-while-escalated');
  });

  // Keep last: a time-skipping sleep in a test after this one hung (seen while adding the withdrawal tests).
  it("refuses an amendment beyond the policy's limit", async () => {
    const handle = await start(decisionInput(uniqueName('prop'), streetPolicy({ maxAmendments: 0 })));
    await handle.executeUpdate(voteUpdate, { args: [object(RESIDENTS)] });
    await expectRefused(
      handle.executeUpdate(amendUpdate, { args: [{ castBy: PROPOSER, revision: 'x' }] }),
      'amendment-limit',
    );
    await handle.terminate('test done');
  });
});
