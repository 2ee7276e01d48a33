/** One sample of Prometheus' text exposition format: `name{label="value",…} value`. */
export interface ExposedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Each metric family's type, from its `# TYPE` line (counter, gauge, histogram…). */
  types: Map<string, string>;
  samples: ExposedSample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\.)*"';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?,?\\})? (\\S+)(?: -?\\d+)?$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const ONE_LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\.)*)"/g;

/**
 * Parses the text format (version 0.0.4) strictly: a line that is neither a comment nor a well-formed
 * sample throws, naming it. For tests and tools that check what a service exposes.
 */
export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: ExposedSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || (line.startsWith('# ') && !line.startsWith('# TYPE '))) continue;
    const type = TYPE.exec(line);
    if (type?.[1] && type[2]) {
      types.set(type[1], type[2]);
      continue;
    }
    const sample = SAMPLE.exec(line);
    const value = sample?.[3] === undefined ? undefined : parseSampleValue(sample[3]);
    if (!sample?.[1] || value === undefined) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (sample[2] ?? '').matchAll(ONE_LABEL))
      if (key && raw !== undefined) labels[key] = raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: sample[1], labels, value });
  }
  return { types, samples };
}

function parseSampleValue(raw: string): number | undefined {
  // Go's parser, which Prometheus uses, takes these in any case (prom-client writes NaN as `Nan`).
  if (/^\+?inf$/i.test(raw)) return Infinity;
  if (/^-inf$/i.test(raw)) return -Infinity;
  if (/^nan$/i.test(raw)) return NaN;
  return /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : undefined;
}

/** The metric family a sample belongs to: a histogram's `_bucket`, `_sum` and `_count` belong to its name. */
export function familyOf(sampleName: string, types: Map<string, string>): string {
  for (const suffix of ['_bucket', '_sum', '_count', '_created']) {
    const base = sampleName.endsWith(suffix) ? sampleName.slice(0, -suffix.length) : undefined;
    if (base && (types.get(base) === 'histogram' || types.get(base) === 'summary')) return base;
  }
  return sampleName;
}
