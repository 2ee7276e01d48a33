/**
 * One readable line per event: time, type, subject, then the data's key facts as `name=value` — what a portal
 * developer scans in a terminal. Replies lead with what matters (accepted or rejected, the code and reason).
 */

/** What portal-sim reads off a topic, decoded as far as it goes. */
export interface ReadEvent {
  topic: string;
  /** The CloudEvent, or undefined when the record is not one. */
  event?: { id: string; type: string; subject: string; time: string; data: unknown };
  /** Why the record is not an event (not JSON, no type…). */
  problem?: string;
}

const MAX_VALUE = 80;
const MAX_FACTS = 8;

/** A value as it reads in a line: bare when it has no space, JSON-quoted otherwise, cut at `max`. */
function shown(value: unknown, max = MAX_VALUE): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return typeof value === 'string' && /[\s"=]/.test(cut) ? JSON.stringify(cut) : cut;
}

/** A short list of plain values as they are (`310104-005,310104-006`), anything else by its length (`[7]`). */
function listed(values: unknown[]): string {
  const plain = values.every((v) => typeof v === 'string' || typeof v === 'number');
  return plain && values.length > 0 && values.length <= 3 ? shown(values.join(',')) : `[${values.length}]`;
}

/** Scalars as name=value, objects one level down (reason.code=…), short lists as they are, others by length. */
function facts(data: unknown, subject: string, prefix = ''): string[] {
  if (typeof data !== 'object' || data === null)
    return data === undefined ? [] : [`${prefix || 'data'}=${shown(data)}`];
  return Object.entries(data as Record<string, unknown>).flatMap(([name, value]) => {
    const key = `${prefix}${name}`;
    if (value === subject || value === undefined || value === null) return [];
    if (Array.isArray(value)) return [`${key}=${listed(value)}`];
    if (typeof value === 'object') return prefix ? [`${key}={…}`] : facts(value, subject, `${key}.`);
    return [`${key}=${shown(value)}`];
  });
}

const REPLY_TYPE = /^sanshe\.([a-z]+)\.portal\.command-(accepted|rejected)\.v1$/;

/** `ACCEPTED`/`REJECTED` for a command's reply, else undefined. */
export function replyVerdict(type: string): 'accepted' | 'rejected' | undefined {
  return REPLY_TYPE.exec(type)?.[2] as 'accepted' | 'rejected' | undefined;
}

export function eventLine(read: ReadEvent): string {
  if (!read.event) return `?  ${read.topic}  not a Sanshe event: ${read.problem ?? 'unreadable'}`;
  const { time, type, subject, data } = read.event;
  const verdict = replyVerdict(type);
  const lead = verdict ? [verdict.toUpperCase()] : [];
  // A rejection's reason is what the portal developer needs whole.
  const reason = (data as { reason?: unknown } | null)?.reason;
  const all = facts(data, subject).map((fact) =>
    verdict && typeof reason === 'string' && fact.startsWith('reason=') ? `reason=${shown(reason, Infinity)}` : fact,
  );
  // A reply's code and reason first: they are what the portal acts on.
  const first = verdict ? all.filter((fact) => /^(code|reason)=/.test(fact)) : [];
  const rest = all.filter((fact) => !first.includes(fact));
  const kept = [...first, ...rest].slice(0, MAX_FACTS);
  const more = all.length > kept.length ? [`(+${all.length - kept.length} more)`] : [];
  return [time, ...lead, type, subject, ...kept, ...more].join('  ');
}

/** A record's value decoded into a ReadEvent (loosely: an event of a type this build does not know still shows). */
export function decodeRecord(topic: string, value: string): ReadEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { topic, problem: 'not JSON' };
  }
  const event = parsed as Record<string, unknown> | null;
  const fields = ['id', 'type', 'subject', 'time'] as const;
  const missing = fields.filter((field) => typeof event?.[field] !== 'string');
  if (missing.length) return { topic, problem: `no ${missing.join(', ')}` };
  return { topic, event: event as unknown as ReadEvent['event'] };
}

/** Whether `type` is one the user asked for: exact, or a prefix ending in `*`; no filter = every type. */
export function typeSelected(type: string, filters: string[]): boolean {
  if (filters.length === 0) return true;
  return filters.some((filter) => (filter.endsWith('*') ? type.startsWith(filter.slice(0, -1)) : type === filter));
}
