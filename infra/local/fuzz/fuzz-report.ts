/**
 * Schemathesis' NDJSON event stream (`--report ndjson`) read back into counts: per operation, the cases it
 * generated and, per check, how many of them failed. Requests with a method the document does not declare
 * (the unsupported_method probes) are counted under one row per path, "undeclared methods".
 */

export interface OperationTally {
  operation: string;
  cases: number;
  /** Failing cases per check name, e.g. positive_data_acceptance → 2. */
  failures: Record<string, number>;
  /** Cases answered 2xx. */
  accepted: number;
}

interface RecordedCase {
  value: { method: string; path: string };
}
interface RecordedCheck {
  name: string;
  status: string;
}
interface Recorder {
  cases?: Record<string, RecordedCase>;
  checks?: Record<string, RecordedCheck[]>;
  interactions?: Record<string, { response?: { status_code: number } | null }>;
}

/** Documented operations are "GET /policies"; anything else becomes "undeclared methods /policies". */
const rowOf = (method: string, path: string, documented: ReadonlySet<string>) => {
  const label = `${method.toUpperCase()} ${path}`;
  return documented.has(label) ? label : `undeclared methods ${path}`;
};

export function tallyEvents(ndjson: string, documented: ReadonlySet<string>): OperationTally[] {
  const rows = new Map<string, OperationTally>();
  const row = (label: string) => {
    let tally = rows.get(label);
    if (!tally) rows.set(label, (tally = { operation: label, cases: 0, failures: {}, accepted: 0 }));
    return tally;
  };
  for (const label of documented) row(label);
  for (const line of ndjson.split('\n')) {
    if (!line.includes('"ScenarioFinished"')) continue;
    const recorder = (JSON.parse(line) as { ScenarioFinished: { recorder: Recorder } }).ScenarioFinished.recorder;
    for (const [id, recorded] of Object.entries(recorder.cases ?? {})) {
      const tally = row(rowOf(recorded.value.method, recorded.value.path, documented));
      tally.cases += 1;
      const status = recorder.interactions?.[id]?.response?.status_code;
      if (status !== undefined && status >= 200 && status < 300) tally.accepted += 1;
      const failed = new Set((recorder.checks?.[id] ?? []).filter((c) => c.status === 'failure').map((c) => c.name));
      for (const check of failed) tally.failures[check] = (tally.failures[check] ?? 0) + 1;
    }
  }
  return [...rows.values()].sort((a, b) => a.operation.localeCompare(b.operation));
}

export const failureCount = (tally: OperationTally) => Object.values(tally.failures).reduce((a, b) => a + b, 0);

/** The operations of an OpenAPI document as "METHOD /path". */
export function documentedOperations(document: { paths?: Record<string, Record<string, unknown>> }): Set<string> {
  const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
  return new Set(
    Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => methods.has(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
}

/** Whether a failing check of an operation is a known gap (fuzz-targets.ts KNOWN_GAPS), not counted as failing. */
export type KnownGap = (operation: string, check: string) => boolean;

/** The failing checks of a run that are not known gaps. */
export const newFailures = (tallies: readonly OperationTally[], known: KnownGap = () => false) =>
  tallies.flatMap((t) => Object.keys(t.failures).filter((check) => !known(t.operation, check)));

/** The operations that write with a JSON body, "PUT /policies/{policyId}": where invalid input can be generated. */
export function bodyWrites(document: { paths?: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    ['post', 'put', 'patch', 'delete']
      .filter((method) => (item[method] as { requestBody?: unknown } | undefined)?.requestBody)
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** One line per operation: cases, accepted (2xx), and each failing check with its count (KNOWN: a known gap). */
export function formatTally(
  service: string,
  tallies: readonly OperationTally[],
  known: KnownGap = () => false,
): string {
  const width = Math.max(...tallies.map((t) => t.operation.length), 9);
  const lines = tallies.map((t) => {
    const checks = Object.entries(t.failures).sort(([a], [b]) => a.localeCompare(b));
    const failed = checks.filter(([check]) => !known(t.operation, check)).map(([c, n]) => `${c} ${n}`);
    const gaps = checks.filter(([check]) => known(t.operation, check)).map(([c, n]) => `${c} ${n}`);
    const cases = `${String(t.cases).padStart(5)} cases ${String(t.accepted).padStart(4)} 2xx`;
    const outcome = [failed.length ? `FAILED ${failed.join(', ')}` : '', gaps.length ? `KNOWN ${gaps.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    return `  ${t.operation.padEnd(width)} ${cases}  ${outcome || 'ok'}`;
  });
  const cases = tallies.reduce((sum, t) => sum + t.cases, 0);
  const failures = tallies.reduce((sum, t) => sum + failureCount(t), 0);
  return [`${service}: ${cases} cases, ${failures} failing checks`, ...lines].join('\n');
}
