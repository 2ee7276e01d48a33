import { emptyRecord } from '../scenario/demo-record';
import { summaryJson, summaryLines, table, verdictOf } from './summary';

const decided = {
  label: '长者午餐',
  decisionId: 'decision/activity-proposal/prop-r1-lunch',
  intended: 'approved',
  actual: 'approved',
  decidedBy: 'votes',
};

describe('the demo’s summary', () => {
  it('passes when every decision reached its intended outcome, the warnings fired and nothing was dead-lettered', () => {
    const record = {
      ...emptyRecord(),
      decisions: [decided],
      expectedWarnings: ['funding-gap'],
      warnings: [{ kind: 'funding-gap', subject: 'org-r1', detail: 'runway ends in 30 days' }],
      deadLetters: [{ service: 'governance', count: 0 }],
    };
    expect(verdictOf(record)).toEqual({ ok: true, failures: [] });
  });

  it('names each decision off its intended outcome or still open, a missing warning, dead letters and a failed check', () => {
    const record = {
      ...emptyRecord(),
      decisions: [
        { ...decided, actual: 'rejected' },
        { ...decided, decisionId: 'decision/activity-proposal/prop-r1-open', actual: undefined },
      ],
      expectedWarnings: ['workforce-risk'],
      deadLetters: [{ service: 'funding', count: 2 }],
      checks: [{ name: 'ledger:verify', ok: false, detail: 'paid 300 ≠ ledger 200' }],
    };
    expect(verdictOf(record, 'stage x failed').failures).toEqual([
      'stage x failed',
      'decision/activity-proposal/prop-r1-lunch (长者午餐): rejected, meant to be approved',
      'decision/activity-proposal/prop-r1-open (长者午餐): still open, meant to be approved',
      'no workforce-risk warning fired',
      'funding dead-lettered 2 event(s) during the run',
      'ledger:verify: paid 300 ≠ ledger 200',
    ]);
  });

  it('prints the tables and the verdict, and the same facts as one JSON line', () => {
    const record = {
      ...emptyRecord(),
      decisions: [decided],
      money: [{ programId: 'prog-r1', title: '助老', reservedFen: 1_000_000, paidFen: 300_000, tranchesPaid: 1 }],
      deadLetters: [{ service: 'community', count: 0 }],
    };
    const text = summaryLines(record, verdictOf(record), 'r1', 42.25).join('\n');
    expect(text).toContain('Demo run r1: summary (42.3 s)');
    expect(text).toMatch(
      /✓ {2}长者午餐 {2}decision\/activity-proposal\/prop-r1-lunch {2}approved {2}approved {2}votes/,
    );
    expect(text).toContain('¥10,000.00');
    expect(text).toContain('Dead letters during the run: 0  (community 0)');
    expect(JSON.parse(summaryJson(record, verdictOf(record), 'r1', 42.25))).toMatchObject({
      runId: 'r1',
      ok: true,
      seconds: 42.3,
      decisions: [decided],
    });
  });

  it('aligns columns by display width (a Chinese character is two columns)', () => {
    expect(table(['a', 'b'], [['长者', 'x']])).toEqual(['  a     b', '  ────  ─', '  长者  x']);
  });
});
