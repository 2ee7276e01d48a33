import { Progress } from './progress';

describe('Progress', () => {
  const lines: string[] = [];
  let now = 1_000; // the run starts at 1 s
  const progress = new Progress(
    (line) => lines.push(line),
    'http://127.0.0.1:8233/namespaces/sanshe/workflows',
    () => now,
  );
  beforeEach(() => (lines.length = 0));

  it('links a workflow to its page in the Temporal UI, its id encoded, once', () => {
    now = 3_500;
    progress.workflow('decision opened', 'decision/activity-proposal/prop-r1-lunch');
    progress.workflow('talent objected', 'decision/activity-proposal/prop-r1-lunch');
    expect(lines).toEqual([
      '   +2.5s    decision opened  [decision/activity-proposal/prop-r1-lunch]',
      '              Temporal UI: http://127.0.0.1:8233/namespaces/sanshe/workflows/decision%2Factivity-proposal%2Fprop-r1-lunch',
      '   +2.5s    talent objected  [decision/activity-proposal/prop-r1-lunch]',
    ]);
  });

  it('marks each stage with its place and time', () => {
    now = 11_000;
    progress.stage(2, 17, 'seed organizations');
    progress.stageDone('seed organizations', 1_234);
    expect(lines).toEqual(['', '  +10.0s ── 2/17 seed organizations', '  +10.0s    seed organizations: done in 1.2 s']);
  });
});
