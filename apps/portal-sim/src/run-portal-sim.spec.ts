import { createEvent, type SansheEvent } from '@sanshe/contracts';
import { EXIT } from './cli/portal-sim-request';
import type { PortalSimIo } from './portal-sim-io';
import { runPortalSim } from './run-portal-sim';
import type { PortalTransport, Reading } from './transport/portal-transport';

const PORTAL = 'street-xinhua';
const COMMANDS = `sanshe.portal.${PORTAL}.commands`;
const REPLIES = `sanshe.portal.${PORTAL}.replies`;
const DECISION = 'decision/data-access/dar-1';
const ARBITRATE = `--portal ${PORTAL} send arbitrate --decision ${DECISION} --outcome approved --reason ok`;

/** Kafka in memory: topics with their records, readers from the beginning or the end, and a scripted service. */
class FakeKafka implements PortalTransport {
  readonly topics = new Map<string, string[]>();
  readonly calls: string[] = [];
  readonly sent: { topic: string; key: string; value: string }[] = [];
  private readonly readers = new Set<{ topics: string[]; onRecord: (topic: string, value: string) => void }>();
  /** What the acting service does with a command written to the commands topic. */
  service?: (command: SansheEvent) => void;

  constructor(...topics: string[]) {
    for (const topic of topics) this.topics.set(topic, []);
  }

  existingTopics(topics: string[]) {
    return Promise.resolve(topics.filter((topic) => this.topics.has(topic)));
  }

  read(topics: string[], from: 'beginning' | 'end', onRecord: (topic: string, value: string) => void) {
    this.calls.push(`read ${from} ${topics.join(',')}`);
    const reader = { topics, onRecord };
    this.readers.add(reader);
    if (from === 'beginning') {
      const old = topics.flatMap((topic) => (this.topics.get(topic) ?? []).map((value) => [topic, value] as const));
      setImmediate(() => old.forEach(([topic, value]) => onRecord(topic, value)));
    }
    const reading: Reading = { stop: () => Promise.resolve(void this.readers.delete(reader)) };
    return Promise.resolve(reading);
  }

  append(topic: string, value: string) {
    if (!this.topics.has(topic)) this.topics.set(topic, []);
    this.topics.get(topic)?.push(value);
    for (const reader of this.readers)
      if (reader.topics.includes(topic)) setImmediate(() => reader.onRecord(topic, value));
  }

  send(topic: string, key: string, value: string) {
    this.calls.push(`send ${topic}`);
    this.sent.push({ topic, key, value });
    this.append(topic, value);
    if (topic === COMMANDS) this.service?.(JSON.parse(value) as SansheEvent);
    return Promise.resolve();
  }

  close() {
    this.calls.push('close');
    return Promise.resolve();
  }
}

const reply = (command: SansheEvent, verdict: 'accepted' | 'rejected', extra: Record<string, unknown>) =>
  JSON.stringify(
    createEvent({
      type: `sanshe.governance.portal.command-${verdict}.v1`,
      source: 'sanshe/governance',
      id: `reply-${command.id}`,
      subject: command.id,
      data: { commandId: command.id, commandType: command.type, portalId: PORTAL, ...extra } as never,
    }),
  );

function run(line: string, kafka: FakeKafka, overrides: Partial<PortalSimIo> = {}, env = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: PortalSimIo = {
    transport: () => kafka,
    fetch: () => Promise.reject(new Error('no HTTP in this test')),
    readFile: () => {
      throw new Error('no such file');
    },
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    interrupted: new Promise(() => undefined),
    newId: () => 'cmd-1',
    topicPollMs: 5,
    ...overrides,
  };
  return runPortalSim(line.split(' '), env, io).then((code) => ({ code, out, err: err.join('\n') }));
}

describe('portal-sim send', () => {
  it('reads the replies from their end, then sends, prints the accepted reply and exits 0', async () => {
    const kafka = new FakeKafka(COMMANDS, REPLIES);
    kafka.append(
      REPLIES,
      reply({ id: 'older', type: 'sanshe.portal.decision.arbitrated.v1' } as SansheEvent, 'accepted', {}),
    ); // another command's: ignored
    kafka.service = (command) =>
      kafka.append(REPLIES, reply(command, 'accepted', { result: { decisionId: DECISION } }));
    const { code, out, err } = await run(ARBITRATE, kafka);
    expect(code).toBe(EXIT.ok);
    expect(kafka.calls).toEqual([`read end ${REPLIES}`, `send ${COMMANDS}`, 'close']);
    expect(kafka.sent).toHaveLength(1);
    const sent = JSON.parse(kafka.sent[0].value) as SansheEvent;
    expect(kafka.sent[0].key).toBe(DECISION);
    expect(sent).toMatchObject({
      id: 'cmd-1',
      source: `portal/${PORTAL}`,
      type: 'sanshe.portal.decision.arbitrated.v1',
    });
    expect(out).toEqual([
      expect.stringMatching(
        / ACCEPTED {2}sanshe\.governance\.portal\.command-accepted\.v1 {2}cmd-1 .*result\.decisionId=decision\/data-access\/dar-1/,
      ),
    ]);
    expect(err).toContain(`sent sanshe.portal.decision.arbitrated.v1 cmd-1; waiting for its reply on ${REPLIES}`);
  });

  it('exits 1 on a rejected reply, printing its code and reason', async () => {
    const kafka = new FakeKafka(COMMANDS, REPLIES);
    kafka.service = (command) =>
      kafka.append(REPLIES, reply(command, 'rejected', { code: 'outside-jurisdiction', reason: 'not your street' }));
    const { code, out } = await run(ARBITRATE, kafka);
    expect(code).toBe(EXIT.rejected);
    expect(out).toEqual([
      expect.stringContaining(
        'REJECTED  sanshe.governance.portal.command-rejected.v1  cmd-1  code=outside-jurisdiction  reason="not your street"',
      ),
    ]);
  });

  it('prints the reply as JSON with --json', async () => {
    const kafka = new FakeKafka(COMMANDS, REPLIES);
    kafka.service = (command) => kafka.append(REPLIES, reply(command, 'accepted', {}));
    const { out } = await run(`${ARBITRATE} --json`, kafka);
    expect(JSON.parse(out[0])).toMatchObject({ id: 'reply-cmd-1', data: { commandId: 'cmd-1' } });
  });

  it('exits 3 when no reply names the command within --timeout', async () => {
    const kafka = new FakeKafka(COMMANDS, REPLIES);
    kafka.service = () =>
      kafka.append(
        REPLIES,
        reply({ id: 'cmd-other', type: 'sanshe.portal.decision.arbitrated.v1' } as SansheEvent, 'accepted', {}),
      );
    const { code, out, err } = await run(`${ARBITRATE} --timeout 0.1`, kafka);
    expect(code).toBe(EXIT.timeout);
    expect(out).toEqual([]);
    expect(err).toContain('no reply to cmd-1 within 0.1 s');
  });

  it('exits 2 and sends nothing for a command its contract refuses, naming the field', async () => {
    const kafka = new FakeKafka(COMMANDS, REPLIES);
    const line = `--portal ${PORTAL} send arbitrate --decision ${DECISION} --outcome maybe --reason ok`;
    const { code, err } = await run(line, kafka);
    expect(code).toBe(EXIT.usage);
    expect(err).toBe(
      'portal-sim: refused locally, nothing sent: invalid sanshe.portal.decision.arbitrated.v1: ' +
        '/data/result must be one of "approved", "rejected"',
    );
    expect(kafka.calls).toEqual([]);
  });

  it('exits 2 for a usage error or an unreadable file, before reaching Kafka', async () => {
    const kafka = new FakeKafka(COMMANDS, REPLIES);
    expect((await run(`--portal ${PORTAL} send arbitrate --decision ${DECISION}`, kafka)).code).toBe(EXIT.usage);
    const file = await run(`--portal ${PORTAL} send set-policy --file nowhere.json`, kafka);
    expect(file).toMatchObject({
      code: EXIT.usage,
      err: expect.stringContaining('--file nowhere.json: cannot read it'),
    });
    const json = await run(`--portal ${PORTAL} send set-policy --file p.json`, kafka, { readFile: () => '{' });
    expect(json).toMatchObject({ code: EXIT.usage, err: expect.stringContaining('--file p.json: not JSON') });
    expect(kafka.calls).toEqual([]);
  });

  it('exits 4 and sends nothing when the portal has no commands topic (not registered)', async () => {
    const kafka = new FakeKafka(REPLIES);
    const { code, err } = await run(ARBITRATE, kafka);
    expect(code).toBe(EXIT.failure);
    expect(err).toContain(`${COMMANDS} does not exist: is portal ${PORTAL} registered? Nothing sent.`);
    expect(kafka.sent).toEqual([]);
  });

  it('exits 4 when Kafka fails', async () => {
    const kafka = new FakeKafka(COMMANDS, REPLIES);
    kafka.send = () => Promise.reject(new Error('TOPIC_AUTHORIZATION_FAILED'));
    expect(await run(ARBITRATE, kafka)).toMatchObject({
      code: EXIT.failure,
      err: 'portal-sim: TOPIC_AUTHORIZATION_FAILED',
    });
    expect(kafka.calls).toContain('close');
  });

  it('reads a replies topic made after the command was sent from its beginning', async () => {
    const kafka = new FakeKafka(COMMANDS);
    kafka.service = (command) => kafka.append(REPLIES, reply(command, 'accepted', {}));
    const { code, err } = await run(ARBITRATE, kafka);
    expect(code).toBe(EXIT.ok);
    expect(err).toContain(`${REPLIES} does not exist yet`);
    expect(kafka.calls).toEqual([`send ${COMMANDS}`, `read beginning ${REPLIES}`, 'close']);
  });

  it('request-report waits for the report beside the accepted reply, and says when it did not come', async () => {
    const line = `--portal ${PORTAL} send request-report --kind decisions --from 2026-01-01 --to 2026-03-31 --timeout 0.2`;
    const report = (command: SansheEvent) =>
      JSON.stringify({
        id: 'r',
        type: 'sanshe.governance.portal.report-issued.v1',
        subject: 'rep-1',
        time: '2026-11-28T03:00:00Z',
        data: { commandId: command.id, reportId: 'rep-1', escalations: 2 },
      });
    const both = new FakeKafka(COMMANDS, REPLIES);
    both.service = (command) => {
      both.append(REPLIES, report(command));
      both.append(REPLIES, reply(command, 'accepted', { result: { reportId: 'rep-1' } }));
    };
    const answered = await run(line, both);
    expect(answered.code).toBe(EXIT.ok);
    expect(answered.out).toEqual([
      expect.stringContaining('ACCEPTED'),
      expect.stringContaining('report-issued.v1  rep-1  commandId=cmd-1  escalations=2'),
    ]);
    const alone = new FakeKafka(COMMANDS, REPLIES);
    alone.service = (command) => alone.append(REPLIES, reply(command, 'accepted', {}));
    const unanswered = await run(line, alone);
    expect(unanswered.code).toBe(EXIT.timeout);
    expect(unanswered.err).toContain('accepted, but the report did not arrive within 0.2 s');
  });
});

describe('portal-sim listen', () => {
  const line = (type: string, subject: string) =>
    JSON.stringify({ id: subject, type, subject, time: '2026-11-28T03:00:00Z', data: { n: 1 } });

  it('prints the selected events of the topics that exist, up to --max-events, naming the missing topics', async () => {
    const kafka = new FakeKafka('sanshe.governance.events', 'sanshe.community.events', REPLIES);
    kafka.append('sanshe.community.events', line('sanshe.community.x.y.v1', 'c1'));
    kafka.append('sanshe.governance.events', line('sanshe.governance.decision.decided.v1', 'g1'));
    kafka.append('sanshe.governance.events', line('sanshe.governance.decision.opened.v1', 'g2'));
    kafka.append('sanshe.governance.events', line('sanshe.governance.decision.decided.v1', 'g3'));
    const { code, out, err } = await run(
      `--portal ${PORTAL} listen --from-beginning --types sanshe.governance.decision.decided.v1 --max-events 1`,
      kafka,
    );
    expect(code).toBe(EXIT.ok);
    expect(out).toEqual(['2026-11-28T03:00:00Z  sanshe.governance.decision.decided.v1  g1  n=1']);
    expect(kafka.calls[0]).toBe(`read beginning sanshe.community.events,sanshe.governance.events,${REPLIES}`);
    expect(err).toContain('not read: sanshe.organization.events, sanshe.talent.events, sanshe.funding.events');
  });

  it('reads from the end by default and stops at --max-seconds or Ctrl-C', async () => {
    const kafka = new FakeKafka('sanshe.governance.events');
    kafka.append('sanshe.governance.events', line('sanshe.governance.a.b.v1', 'old'));
    const bounded = await run(`--portal ${PORTAL} listen --max-seconds 0.05`, kafka);
    expect(bounded).toMatchObject({ code: EXIT.ok, out: [] });
    expect(kafka.calls[0]).toBe('read end sanshe.governance.events');
    const stopped = await run(`--portal ${PORTAL} listen`, kafka, { interrupted: Promise.resolve() });
    expect(stopped.code).toBe(EXIT.ok);
  });

  it('exits 4 when none of its topics exists', async () => {
    expect(await run(`--portal ${PORTAL} listen`, new FakeKafka())).toMatchObject({ code: EXIT.failure });
  });
});

describe('portal-sim inbox', () => {
  const decision = (decisionId: string, deadline: string, overdue = false) => ({
    decisionId,
    kind: 'data-access',
    subjectId: 's',
    communityCode: '310104-005-001',
    title: '数据申请',
    round: 1,
    stage: 'escalated',
    deadline,
    overdue,
    workflowUrl: 'http://ui',
  });

  it('lists what waits on the portal and each party it speaks for, earliest deadline first', async () => {
    const asked: string[] = [];
    const fetch = (url: string, init: { headers: Record<string, string> }) => {
      asked.push(`${url} ${init.headers.authorization}`);
      const body = url.includes('portal%3A')
        ? [decision('decision/data-access/b', '2026-11-29T00:00:00.000Z')]
        : [decision('decision/grant-award/a', '2026-11-28T00:00:00.000Z', true)];
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
    };
    const { code, out } = await run(`--portal ${PORTAL} inbox --party funder:f1 --token tok`, new FakeKafka(), {
      fetch,
    });
    expect(code).toBe(EXIT.ok);
    expect(asked).toEqual([
      `http://127.0.0.1:3105/parties/portal%3A${PORTAL}/pending Bearer tok`,
      'http://127.0.0.1:3105/parties/funder%3Af1/pending Bearer tok',
    ]);
    expect(out).toEqual([
      '2026-11-28T00:00:00.000Z  OVERDUE  funder:f1  decision/grant-award/a  kind=data-access  stage=escalated  round=1  "数据申请"',
      `2026-11-29T00:00:00.000Z  portal:${PORTAL}  decision/data-access/b  kind=data-access  stage=escalated  round=1  "数据申请"`,
    ]);
  });

  it('exits 4 naming governance’s refusal or why it is unreachable, and 2 without a token', async () => {
    const fetch = () =>
      Promise.resolve(
        new Response(JSON.stringify({ message: 'the token does not speak for portal:x' }), { status: 403 }),
      );
    const refused = await run(`--portal ${PORTAL} inbox`, new FakeKafka(), { fetch }, { SANSHE_TOKEN: 'tok' });
    expect(refused).toMatchObject({
      code: EXIT.failure,
      err: expect.stringContaining('403 the token does not speak for portal:x'),
    });
    const down = () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }));
    const unreachable = await run(`--portal ${PORTAL} inbox --token t`, new FakeKafka(), { fetch: down });
    expect(unreachable).toMatchObject({
      code: EXIT.failure,
      err: 'portal-sim: governance at http://127.0.0.1:3105 unreachable: connect ECONNREFUSED',
    });
    const untokened = await run(`--portal ${PORTAL} inbox`, new FakeKafka(), { fetch });
    expect(untokened).toMatchObject({ code: EXIT.usage, err: expect.stringContaining('give --token or SANSHE_TOKEN') });
  });
});

describe('portal-sim --help', () => {
  it('prints the usage and exits 0', async () => {
    const { code, out } = await run('--help', new FakeKafka());
    expect(code).toBe(EXIT.ok);
    expect(out[0]).toMatch(/^usage: portal-sim --portal <portalId>/);
  });
});
