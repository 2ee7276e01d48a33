import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundlerOptions } from '@sanshe/testing';
import { WORKFLOWS_PATH } from '../../src';
import { HISTORIES_DIR } from './record-history';

/**
 * Replays the histories recorded from the time-skipping runs (committed in test/histories) against
 * today's workflow code. A change that would make a running decision take a different path fails
 * here with a non-determinism error: guard it with `patched()` instead (docs/decisions.md, "Changing
 * the workflow safely").
 */
describe('the workflows replay every committed history', () => {
  const files = readdirSync(HISTORIES_DIR).filter((file) => file.endsWith('.json'));

  it('has histories to replay: the paths recorded before the patches, and each path since', () => {
    // Recorded before the rules behind patched() (decision-run.ts): replayed with every patch off.
    const beforePatches = [
      'amendment-round',
      'outvoted-objection-and-silence',
      'tie-arbitrated',
      'two-escalation-levels-default',
    ];
    // Recorded with the patches: the paths none of the above takes.
    const withPatches = [
      'arbiter-ruling-within-grace',
      'changed-vote-in-deliberation',
      'continue-as-new-carried-amendment-id',
      'continue-as-new-carried-vote-id',
      'continue-as-new-first-run',
      'late-vote-within-grace',
      'seated-proposer',
      // The withdraw update (a new handler, no patch: it emits no command).
      'withdrawn-in-deliberation',
      'withdrawn-while-escalated',
    ];
    // The hours confirmation workflow (hours-confirmation.workflow.ts): each way the community answers.
    const hours = ['hours-confirmed-by-community', 'hours-confirmed-by-silence', 'hours-disputed-approved'];
    // The disbursement workflow (disbursement.workflow.ts): a first run that pays its tranche and continues as
    // new, and a carried run with a clawback and a cancellation decided as children.
    const disbursement = ['disbursement-first-tranche-paid', 'disbursement-clawback-and-cancellation'];
    expect(files.map((file) => file.replace(/\.json$/, ''))).toEqual(
      expect.arrayContaining([...beforePatches, ...withPatches, ...hours, ...disbursement]),
    );
  });

  it('replays them without non-determinism', async () => {
    const histories = files.map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      history: JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')) as unknown,
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowsPath: WORKFLOWS_PATH, bundlerOptions: workflowBundlerOptions() },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
