import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Producer } from 'kafkajs';
import { contextTopic, createEvent, DEAD_LETTER_HEADERS, deadLetterTopic, type SansheEvent } from '@sanshe/contracts';
import { eventually, readTopicsToHighWaterMarks, testKafka, testTopic, topicEnds } from '@sanshe/testing';
import type { PageSnapshot } from './browser-snapshot';
import { communityHistory, EVIL_TITLE } from './public-page.fixtures';
import { type PublicWebUnderTest, startPublicWebUnderTest } from './public-web-test-app';

// The public page end to end: real events on the real Kafka, public-web's inbox into the real PostgreSQL, the page
// opened in Debian's headless Chromium (scripts/ensure-deps.mjs installs it), a screenshot kept as an artifact.
const ROOT = resolve(__dirname, '../../..');
const ARTIFACTS = resolve(ROOT, 'tmp/artifacts/public-web');
const SNAPSHOT = resolve(__dirname, 'browser-snapshot.ts');
const run = promisify(execFile);

let svc: PublicWebUnderTest;
let producer: Producer;
const kafka = testKafka('public-web-page-test');

beforeAll(async () => {
  svc = await startPublicWebUnderTest();
  producer = kafka.producer({ idempotent: true });
  await producer.connect();
}, 60_000);

afterAll(async () => {
  await Promise.all([producer?.disconnect(), svc?.close()]);
});

it("shows a community's needs, votes with silence as silence, paid tranches and evaluations in a browser; a bad event is dead-lettered with its reason", async () => {
  const history = communityHistory();
  // An invalid need (no title) keyed like the registration after it: same partition, so handled before it.
  const broken = JSON.parse(
    JSON.stringify(createEvent({ ...history.events[1].event, id: `broken-${history.needId}` })),
  ) as { data: { title?: string } };
  delete broken.data.title;
  await producer.send({
    topic: testTopic(contextTopic('community')),
    messages: [{ key: history.communityCode, value: JSON.stringify(broken) }],
  });
  const published: SansheEvent[] = [];
  for (const { topic, event } of history.events) {
    const built = createEvent(event);
    await producer.send({ topic: testTopic(topic), messages: [{ key: built.subject, value: JSON.stringify(built) }] });
    published.push(built);
  }

  // Applied once each is in the inbox (no order holds across topics). The broken need was handled before the
  // registration behind it on their partition.
  await eventually(
    async () => {
      const [{ applied }] = await svc.query<{ applied: string }>(
        `SELECT count(*) AS applied FROM "${svc.schema}".inbox WHERE (event_source, event_id) IN
           (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [published.map((e) => e.source), published.map((e) => e.id)],
      );
      expect(Number(applied)).toBe(published.length);
    },
    { timeoutMs: 20_000, intervalMs: 200 },
  );

  const url = `${svc.baseUrl}/communities/${history.communityCode}`;
  mkdirSync(ARTIFACTS, { recursive: true });
  const screenshot = resolve(ARTIFACTS, `community-${history.communityCode}.png`);
  const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', SNAPSHOT, url, screenshot], {
    cwd: ROOT,
  });
  const seen = JSON.parse(stdout) as PageSnapshot;
  console.log(`public page screenshot: ${screenshot}`);

  expect(seen.status).toBe(200);

  // The need's markup is text: nothing ran, nothing was added to the page.
  expect(seen.title).not.toBe('owned');
  expect(seen.scriptsOrImages).toBe(0);
  expect(seen.needs).toEqual([EVIL_TITLE]);
  const { committee, worker, funder } = history.parties;
  expect(seen.stands[committee]).toMatch(/反对 \(object\) — noise: 晚间活动噪音影响休息/);
  expect(seen.stands[worker]).toMatch(/赞成 \(approve\)/);
  // Silence shown as silence; the forged vote for the funder never counted.
  expect(seen.stands[funder]).toBe(`${funder} 未投票 (did not vote) · vote refused: wrong-identity`);
  expect(seen.tranches).toEqual([
    expect.stringMatching(/^1 项目启动 ¥14,400.00 2027-01-31 已支付 \(paid\) ¥14,400.00 · /),
    expect.stringMatching(/^2 中期评估 ¥19,200.00 2027-04-30 已支付 \(paid\) ¥19,200.00 · /),
    '3 结项验收 ¥14,400.00 2027-07-31 未支付 (not paid)',
  ]);
  expect(seen.paidTotal).toBe('¥33,600.00');
  expect(seen.evaluations.slice(2, 4)).toEqual(['1', '—']);

  const dlq = testTopic(deadLetterTopic(svc.group));
  const deadLetters = await readTopicsToHighWaterMarks(kafka, new Map(), await topicEnds(kafka, dlq));
  expect(deadLetters.filter((r) => r.topic === dlq).map((r) => r.headers[DEAD_LETTER_HEADERS.error])).toEqual([
    expect.stringContaining('title'),
  ]);
}, 40_000);
