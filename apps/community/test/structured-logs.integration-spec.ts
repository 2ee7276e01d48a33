import { contextTopic, hoursRecorded } from '@sanshe/contracts';
import { eventually, uniqueName } from '@sanshe/testing';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';
import { COMMUNITY, registerCommunities } from './needs.fixtures';
import { committeeStaff, residentBody, residentsRepresentative } from './residents.fixtures';

// The community service with its JSON logger writing to a captured stream: every line is JSON with the service
// and, while serving a request or an event, its ids; no credential and no resident's personal value anywhere.
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const lines: string[] = [];
let svc: CommunityUnderTest;

const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const byRequest = (requestId: string) => entries().filter((entry) => entry.requestId === requestId);

async function send(path: string, body: object, headers: Record<string, string>, token: string) {
  return fetch(`${svc.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  svc = await startCommunityUnderTest({
    logging: { level: 'info', format: 'json', destination: { write: (line: string) => void lines.push(line) } },
  });
  await registerCommunities(svc, [COMMUNITY]);
}, 60_000);

afterAll(async () => svc?.close());

describe('structured logs', () => {
  it('logs a resident registration as JSON with its request id, and no personal value or credential', async () => {
    const resident = residentBody(9_317);
    const token = await svc.token(committeeStaff());
    const cookie = `session=${uniqueName('cookie')}`;
    const registered = await send(
      `/communities/${COMMUNITY}/residents`,
      resident,
      {
        'x-request-id': 'it-register-1',
        traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
        cookie,
      },
      token,
    );
    expect(registered.status).toBe(201);
    expect(registered.headers.get('x-request-id')).toBe('it-register-1');

    const lookupToken = await svc.token(residentsRepresentative());
    const lookup = await send(`/communities/${COMMUNITY}/residents/lookup`, { phone: resident.phone }, {}, lookupToken);
    expect(lookup.status).toBe(200);
    const generated = lookup.headers.get('x-request-id') ?? '';
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    await eventually(() => expect(byRequest(generated)).not.toHaveLength(0)); // logged when the response finished
    const completed = byRequest('it-register-1').find((entry) => 'res' in entry); // the line that ends it
    expect(completed).toMatchObject({ service: 'community', level: 'info', traceId: TRACE_ID });
    expect(completed).toMatchObject({ req: { method: 'POST', id: 'it-register-1' }, res: { statusCode: 201 } });
    for (const entry of entries()) expect(entry).toMatchObject({ service: 'community' });

    const output = lines.join('');
    for (const value of [...Object.values(resident), token, lookupToken, cookie]) expect(output).not.toContain(value);
  });

  it('logs a request refused before routing (a body that is not JSON) with its request id, as a warning', async () => {
    const token = await svc.token(committeeStaff());
    const refused = await fetch(`${svc.baseUrl}/communities/${COMMUNITY}/residents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'it-not-json' },
      body: '{"idNumber": "310104',
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-request-id')).toBe('it-not-json');
    await eventually(() => expect(byRequest('it-not-json')).toHaveLength(1));
    expect(byRequest('it-not-json')[0]).toMatchObject({ level: 'warn', res: { statusCode: 400 } });
    expect(lines.join('')).not.toContain(token);
  });

  it("routes kafkajs' lines into the same log", () => {
    expect(entries().filter((entry) => entry.context === 'kafkajs' && entry.namespace)).not.toHaveLength(0);
  });

  it("puts an event's id, correlation id and trace id on what its handler logs", async () => {
    const hoursId = uniqueName('hours');
    const sent = await svc.publish(contextTopic('talent'), 'sanshe/talent', {
      type: 'sanshe.talent.hours.recorded.v1',
      subject: hoursId,
      correlationid: `activity-${hoursId}`,
      traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
      data: { ...hoursRecorded.example, hoursId, communityCode: '310104-005-099' }, // a community it does not know
    });
    const ignored = () => entries().filter((entry) => String(entry.msg).includes(`hours ${hoursId} were served`));
    await eventually(() => expect(ignored()).toHaveLength(1), { timeoutMs: 30_000 });
    expect(ignored()[0]).toMatchObject({
      eventId: sent.id,
      eventType: 'sanshe.talent.hours.recorded.v1',
      correlationId: `activity-${hoursId}`,
      traceId: TRACE_ID,
    });
  });
});
