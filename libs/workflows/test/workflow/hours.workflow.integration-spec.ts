import { WorkflowUpdateFailedError } from '@temporalio/client';
import { uniqueName } from '@sanshe/testing';
import { hoursRefusalOf } from '../../src';
import { stateQuery, voteUpdate } from '../../src/decision/decision.api';
import type { HoursRefusalCode } from '../../src/hours/domain/hours-rules';
import { confirmHoursUpdate, disputeHoursUpdate, hoursStateQuery } from '../../src/hours/hours.api';
import { approve, object } from './fixtures';
import { HOURS_PARTY, HOURS_STREET, HOURS_TALENT, useHoursWorkers } from './hours-worker';
import { recordHistory } from './record-history';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const confirm = { partyId: HOURS_PARTY, castBy: 'user-committee-1' };
const dispute = {
  partyId: HOURS_PARTY,
  castBy: 'user-committee-1',
  reason: { code: 'hours-overstated', text: '当天活动只进行了一小时' },
  eventId: 'evt-disputed-1',
};

async function expectRefused(promise: Promise<unknown>, code: HoursRefusalCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(hoursRefusalOf(error)?.code).toBe(code);
}

describe('hoursConfirmationWorkflow on the time-skipping test server', () => {
  const { environment, start, recorded, rejected, parkedAppliedFor, published } = useHoursWorkers();
  const recordsOf = (hoursId: string) => recorded.filter((r) => r.hoursId === hoursId);

  it('the community confirms within the window: recorded once, confirmedBy community; a second confirm is a duplicate', async () => {
    const hoursId = uniqueName('hrs');
    const handle = await start(hoursId, WEEK);
    expect(await handle.executeUpdate(confirmHoursUpdate, { args: [confirm] })).toEqual({ duplicate: false });
    expect(await handle.executeUpdate(confirmHoursUpdate, { args: [confirm] })).toEqual({ duplicate: true });
    expect(await handle.result()).toEqual({ result: 'confirmed', confirmedBy: 'community' });
    expect(recordsOf(hoursId)).toEqual([{ hoursId, confirmedBy: 'community' }]);
    expect((await handle.query(hoursStateQuery)).stage).toBe('closed');
    await recordHistory(handle, 'hours-confirmed-by-community');
  });

  it('silence until confirmBy confirms the hours (silence is not a veto): recorded once, confirmedBy silence', async () => {
    const hoursId = uniqueName('hrs');
    const handle = await start(hoursId, WEEK);
    await environment().sleep(WEEK + HOUR);
    expect(await handle.result()).toEqual({ result: 'confirmed', confirmedBy: 'silence' });
    expect(recordsOf(hoursId)).toEqual([{ hoursId, confirmedBy: 'silence' }]);
    await recordHistory(handle, 'hours-confirmed-by-silence');
  });

  it('refuses a party other than the hours’ community: not-a-party, and nothing is recorded for it', async () => {
    const hoursId = uniqueName('hrs');
    const handle = await start(hoursId, WEEK);
    await expectRefused(
      handle.executeUpdate(confirmHoursUpdate, { args: [{ ...confirm, partyId: 'community:310104-005-002' }] }),
      'not-a-party',
    );
    await expectRefused(
      handle.executeUpdate(disputeHoursUpdate, { args: [{ ...dispute, partyId: HOURS_STREET }] }),
      'not-a-party',
    );
    expect((await handle.query(hoursStateQuery)).stage).toBe('awaiting');
    await handle.terminate('test over');
    expect(recordsOf(hoursId)).toEqual([]);
  });

  it('a dispute opens a child hours-dispute decision; votes approve it: recorded by decision; a confirm after the dispute is hours-disputed', async () => {
    const hoursId = uniqueName('hrs');
    const handle = await start(hoursId, WEEK);
    expect(await handle.executeUpdate(disputeHoursUpdate, { args: [dispute] })).toEqual({ duplicate: false });
    expect(await handle.executeUpdate(disputeHoursUpdate, { args: [dispute] })).toEqual({ duplicate: true });
    await expectRefused(handle.executeUpdate(confirmHoursUpdate, { args: [confirm] }), 'hours-disputed');

    const decisionId = `decision/hours-dispute/${hoursId}`;
    const child = environment().client.workflow.getHandle(decisionId);
    await waitForChild(() => child.query(stateQuery));
    const opened = await child.query(stateQuery);
    expect(opened).toMatchObject({
      kind: 'hours-dispute',
      subjectId: hoursId,
      proposerId: 'organization:org-xinhua-elderly-care',
    });
    expect(parkedAppliedFor).toContain(decisionId);
    await child.executeUpdate(voteUpdate, { args: [approve(HOURS_STREET)] });
    await child.executeUpdate(voteUpdate, { args: [approve(HOURS_TALENT)] });

    expect(await handle.result()).toEqual({ result: 'confirmed', confirmedBy: 'decision', decisionId });
    expect(recordsOf(hoursId)).toEqual([{ hoursId, confirmedBy: 'decision', decisionId }]);
    const childEvents = published.filter((e) => e.decisionId === decisionId).map((e) => e.entry.type);
    expect(childEvents).toEqual(expect.arrayContaining(['opened', 'decided']));
    await recordHistory(handle, 'hours-disputed-approved');
  });

  it('a dispute the child decision rejects: rejectHours once, nothing recorded as confirmed', async () => {
    const hoursId = uniqueName('hrs');
    const handle = await start(hoursId, WEEK);
    await handle.executeUpdate(disputeHoursUpdate, { args: [dispute] });
    const decisionId = `decision/hours-dispute/${hoursId}`;
    const child = environment().client.workflow.getHandle(decisionId);
    await waitForChild(() => child.query(stateQuery));
    await child.executeUpdate(voteUpdate, { args: [object(HOURS_PARTY)] });
    await child.executeUpdate(voteUpdate, { args: [object(HOURS_STREET)] });
    expect(await handle.result()).toEqual({ result: 'rejected', decisionId });
    expect(rejected.filter((r) => r.hoursId === hoursId)).toEqual([{ hoursId, decisionId }]);
    expect(recordsOf(hoursId)).toEqual([]);
  });
});

/** The child starts after the prepare activity: query until it answers (a bounded number of tries). */
async function waitForChild(query: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await query();
      return;
    } catch (err) {
      if (attempt >= 50) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
