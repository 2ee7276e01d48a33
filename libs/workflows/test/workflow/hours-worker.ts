import type { DecisionPolicy } from '@sanshe/contracts/pure';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv, parseTestEnv, uniqueName, testWorkflowCode } from '@sanshe/testing';
import { WORKFLOWS_PATH } from '../../src';
import { type DecisionInput, decisionWorkflowId } from '../../src/decision/decision.api';
import type { DecisionEventToPublish } from '../../src/decision/decision-records';
import type {
  ChildDecisionActivities,
  ChildDecisionOpening,
  HoursActivities,
  RecordConfirmedHoursInput,
  RejectHoursInput,
} from '../../src/hours/activities';
import { type HoursConfirmationInput, TALENT_ACTIVITIES_TASK_QUEUE } from '../../src/hours/hours.api';
import type { hoursConfirmationWorkflow } from '../../src/hours/hours-confirmation.workflow';

export const HOURS_COMMUNITY = '310104-005-001';
export const HOURS_PARTY = `community:${HOURS_COMMUNITY}`;
export const HOURS_STREET = 'portal:street-310104-005';
export const HOURS_TALENT = 'talent:district-social-workers';

/** The seeded hours-dispute policy's shape, bound: three seats of weight 1, quorum 2, 72-hour votes. */
const disputePolicy = (): DecisionPolicy => ({
  policyId: 'hours-dispute.310104',
  version: 1,
  decisionKind: 'hours-dispute',
  communityCode: HOURS_COMMUNITY,
  title: 'Disputed volunteer hours',
  parties: [
    { partyId: HOURS_PARTY, kind: 'community', title: '居委会', weight: 1, voteWindowHours: 72 },
    { partyId: HOURS_STREET, kind: 'portal', title: '街道社工站', weight: 1, voteWindowHours: 72 },
    { partyId: HOURS_TALENT, kind: 'talent', title: '区社工人才办', weight: 1, voteWindowHours: 72 },
  ],
  quorum: 2,
  deliberationHours: 24,
  maxAmendments: 0,
  escalation: [
    { arbiterId: 'portal:xuhui-civil-affairs', title: '区民政局', deadlineHours: 120, defaultOutcome: 'rejected' },
  ],
});

/**
 * The hours workflow on the time-skipping server: a governance worker (workflows, the decision's publish
 * activity and the child-decision activities, faked) and a talent worker on talent-activities recording
 * what it is asked to record.
 */
export function useHoursWorkers() {
  const env = parseTestEnv(process.env);
  const taskQueue = uniqueName('hours');
  const recorded: RecordConfirmedHoursInput[] = [];
  const rejected: RejectHoursInput[] = [];
  const parkedAppliedFor: string[] = [];
  const published: DecisionEventToPublish[] = [];
  let testEnv: TestWorkflowEnvironment | undefined;
  const workers: Worker[] = [];
  const running: Promise<void>[] = [];

  const governance: ChildDecisionActivities & { publishDecisionEvent: (e: DecisionEventToPublish) => Promise<void> } = {
    publishDecisionEvent: async (event) => void published.push(event),
    prepareChildDecision: async (opening: ChildDecisionOpening): Promise<DecisionInput> => ({
      ...opening,
      decisionId: decisionWorkflowId(opening.kind, opening.subjectId),
      policy: disputePolicy(),
    }),
    applyParkedDecisionUpdates: async (decisionId) => (parkedAppliedFor.push(decisionId), 0),
  };
  const talent: HoursActivities = {
    recordConfirmedHours: async (input) => (recorded.push(input), 'recorded'),
    rejectHours: async (input) => (rejected.push(input), 'rejected'),
  };

  beforeAll(async () => {
    testEnv = await createTimeSkippingEnv(env.TEMPORAL_TEST_SERVER_PATH);
    const connection = testEnv.nativeConnection;
    workers.push(
      await Worker.create({
        connection,
        taskQueue,
        ...testWorkflowCode(WORKFLOWS_PATH),
        activities: governance,
      }),
      await Worker.create({ connection, taskQueue: TALENT_ACTIVITIES_TASK_QUEUE, activities: talent }),
    );
    running.push(...workers.map((worker) => worker.run()));
  }, 120_000);
  afterAll(async () => {
    workers.forEach((worker) => worker.shutdown());
    await Promise.all(running);
    await testEnv?.teardown();
  });

  const environment = () => {
    if (!testEnv) throw new Error('the test environment is not up (beforeAll failed?)');
    return testEnv;
  };
  const hoursInput = (hoursId: string, now: number, confirmInMs: number): HoursConfirmationInput => ({
    hoursId,
    workerId: 'worker-1',
    organizationId: 'org-xinhua-elderly-care',
    activityId: 'act-1',
    communityCode: HOURS_COMMUNITY,
    minutes: 95,
    confirmBy: new Date(now + confirmInMs).toISOString(),
    openedBy: { eventId: `${hoursId}-recorded`, type: 'sanshe.talent.hours.recorded.v1' },
  });
  return {
    environment,
    recorded,
    rejected,
    parkedAppliedFor,
    published,
    /** Starts `hours/<hoursId>` whose window closes `confirmInMs` after the test server's (skipped) now. */
    start: async (hoursId: string, confirmInMs: number) => {
      const input = hoursInput(hoursId, await environment().currentTimeMs(), confirmInMs);
      return environment().client.workflow.start<typeof hoursConfirmationWorkflow>('hoursConfirmationWorkflow', {
        taskQueue,
        workflowId: `hours/${input.hoursId}`,
        args: [input],
      });
    },
  };
}
