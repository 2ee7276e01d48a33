import type { DemoRecord } from '../scenario/demo-record';

/** The run's verdict: every failure named; ok when there is none. */
export interface Verdict {
  ok: boolean;
  failures: string[];
}

export function verdictOf(record: DemoRecord, stageFailure?: string): Verdict {
  const failures: string[] = stageFailure ? [stageFailure] : [];
  for (const d of record.decisions) {
    if (d.actual !== d.intended) {
      failures.push(`${d.decisionId} (${d.label}): ${d.actual ?? 'still open'}, meant to be ${d.intended}`);
    }
  }
  for (const kind of record.expectedWarnings) {
    if (!record.warnings.some((w) => w.kind === kind)) failures.push(`no ${kind} warning fired`);
  }
  for (const { service, count } of record.deadLetters) {
    if (count !== 0) failures.push(`${service} dead-lettered ${count} event(s) during the run`);
  }
  for (const check of record.checks) if (!check.ok) failures.push(`${check.name}: ${check.detail}`);
  return { ok: failures.length === 0, failures };
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

/** Rows as aligned columns (display width: a CJK character takes two). */
export function table(header: string[], rows: string[][]): string[] {
  const width = (text: string) =>
    [...text].reduce(
      (w, ch) => w + (/[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1),
      0,
    );
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c)))).join('  ')}`;
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

/** The summary table people read at the end of the run. */
export function summaryLines(record: DemoRecord, verdict: Verdict, runId: string, seconds: number): string[] {
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const deadLetters = record.deadLetters.reduce((n, d) => n + d.count, 0);
  return [
    '',
    `══ Demo run ${runId}: summary (${seconds.toFixed(1)} s) ══`,
    '',
    'Decisions',
    ...table(
      ['', 'what', 'decision', 'intended', 'reached', 'by'],
      record.decisions.map((d) => [
        mark(d.actual === d.intended),
        d.label,
        d.decisionId,
        d.intended,
        d.actual ?? 'open',
        d.decidedBy ?? '',
      ]),
    ),
    '',
    'Escalations',
    ...table(
      ['decision', 'arbiter', 'ruling'],
      record.escalations.map((e) => [e.decisionId, e.arbiterId, e.ruling ?? 'none yet']),
    ),
    '',
    'Money per program',
    ...table(
      ['program', 'title', 'reserved', 'paid', 'tranches paid'],
      record.money.map((m) => [m.programId, m.title, yuan(m.reservedFen), yuan(m.paidFen), String(m.tranchesPaid)]),
    ),
    '',
    'Warnings',
    ...table(
      ['kind', 'subject', 'detail'],
      record.warnings.map((w) => [w.kind, w.subject, w.detail]),
    ),
    ...(record.checks.length
      ? [
          '',
          'Checks',
          ...table(
            ['', 'check', 'detail'],
            record.checks.map((c) => [mark(c.ok), c.name, c.detail]),
          ),
        ]
      : []),
    '',
    `Dead letters during the run: ${deadLetters}` +
      (record.deadLetters.length ? `  (${record.deadLetters.map((d) => `${d.service} ${d.count}`).join(', ')})` : ''),
    '',
    verdict.ok
      ? `${mark(true)} Every decision reached its intended outcome; no dead letters.`
      : `${mark(false)} FAILED:`,
    ...verdict.failures.map((f) => `  - ${f}`),
  ];
}

/** The summary as one JSON object (the last line with --json). */
export const summaryJson = (record: DemoRecord, verdict: Verdict, runId: string, seconds: number) =>
  JSON.stringify({ runId, seconds: Math.round(seconds * 10) / 10, ...verdict, ...record });
