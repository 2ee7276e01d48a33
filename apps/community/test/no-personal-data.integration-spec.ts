import { randomInt } from 'node:crypto';
import { Logger, type LoggerService } from '@nestjs/common';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';
import { contactConsent, dataAccessDecided, idNumber, person, type Person, register } from './data-access.fixtures';
import {
  applied,
  call,
  COMMUNITY,
  committeeMember,
  newId,
  organizationStaff,
  proposalDecided,
  proposalSubmitted,
  registerCommunities,
} from './needs.fixtures';
import { committeeStaff } from './residents.fixtures';

/*
 * Residents' personal fields live in one place: the register's ciphertext. Through a whole round (register,
 * bad input, consent, a data-access request, its grant and reads under it) this looks everywhere else the
 * service writes: every row of every table of its schema (the outbox, hence Kafka, included), every answer
 * to a refused request, and every line it logs. The grant's read is the one place plaintext may appear.
 */
let svc: CommunityUnderTest;
const logged: string[] = [];

/** Every Nest log line of the service (its Logger instances write through the static one). */
const capture: LoggerService = Object.fromEntries(
  (['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] as const).map((level) => [
    level,
    (...parts: unknown[]) => logged.push(`${level} ${parts.map((part) => JSON.stringify(part) ?? '').join(' ')}`),
  ]),
) as unknown as LoggerService;

const HAN = '梓涵浩宇欣怡子轩雨桐俊杰诗琪博文思远';
/** A name no other test uses, so that finding it anywhere means it leaked. */
const uniqueName = () => `测${Array.from({ length: 5 }, () => HAN[randomInt(0, HAN.length)]).join('')}`;

/** Which of the people's fields occur in `text`: as written, an X in lower case, or as the hex of their bytes. */
function leaked(text: string, people: Person[]): string[] {
  const lower = text.toLowerCase();
  return people
    .flatMap((who) => Object.values(who))
    .filter((value) => lower.includes(value.toLowerCase()) || lower.includes(Buffer.from(value).toString('hex')));
}

/** Every row of every table of the service's schema, as JSON (bytea as hex). */
async function everyRow(): Promise<string> {
  const tables = await svc.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
    [svc.schema],
  );
  expect(tables.map((table) => table.name)).toEqual(
    expect.arrayContaining(['resident', 'consent_record', 'access_log', 'outbox', 'inbox']),
  );
  const rows: string[] = [];
  for (const { name } of tables) {
    const found = await svc.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM "${svc.schema}"."${name}" t`,
    );
    rows.push(...found.map(({ row }) => `${name} ${row}`));
  }
  return rows.join('\n');
}

beforeAll(async () => {
  svc = await startCommunityUnderTest();
  Logger.overrideLogger(capture);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    jest.spyOn(console, method).mockImplementation((...parts: unknown[]) => {
      logged.push(`console.${method} ${parts.map(String).join(' ')}`);
      original(...parts);
    });
  }
  await registerCommunities(svc, [COMMUNITY]);
});
afterAll(async () => {
  jest.restoreAllMocks();
  await svc?.close();
});

it('keeps names, phones, ID numbers and addresses out of every table but the register, every refusal and every log line', async () => {
  const organizationId = newId('org-npd');
  const [consenting, silent] = [person(uniqueName()), person(uniqueName())];
  const valid = idNumber(randomInt(0, 1000), `19${randomInt(40, 90)}0612`);
  const malformed = { ...person(uniqueName()), idNumber: `${valid.slice(0, 17)}${valid.endsWith('0') ? '1' : '0'}` };
  const badPhone = { ...person(uniqueName()), phone: `2${randomInt(10_000_000, 99_999_999)}` };
  const everyone = [consenting, silent, malformed, badPhone];
  const [consentingId, silentId] = [await register(svc, consenting), await register(svc, silent)];

  const answers: string[] = [];
  const attempt = async (method: string, path: string, body: unknown, status: number) => {
    const reply = await call(svc, method, path, committeeStaff(), body);
    expect({ path, status: reply.status }).toEqual({ path, status });
    answers.push(JSON.stringify(reply.body));
    return reply.body;
  };
  expect(JSON.stringify(await attempt('POST', `/communities/${COMMUNITY}/residents`, malformed, 400))).toContain(
    '/idNumber',
  );
  expect(JSON.stringify(await attempt('POST', `/communities/${COMMUNITY}/residents`, badPhone, 400))).toContain(
    '/phone',
  );
  const duplicate = { ...malformed, idNumber: consenting.idNumber };
  expect(await attempt('POST', `/communities/${COMMUNITY}/residents`, duplicate, 409)).toMatchObject({
    residentId: consentingId,
  });
  await attempt('PUT', `/residents/${silentId}`, { idNumber: malformed.idNumber }, 400);
  await attempt('POST', `/communities/${COMMUNITY}/residents/lookup`, { idNumber: malformed.idNumber }, 400);
  await attempt('POST', `/communities/${COMMUNITY}/residents/lookup`, { phone: badPhone.phone }, 400);
  expect(leaked(answers.join('\n'), everyone)).toEqual([]);

  await contactConsent(svc, consentingId, organizationId, 'granted');
  const proposalId = newId('prop-npd');
  await applied(svc, await proposalSubmitted(svc, { proposalId, organizationId }));
  await applied(svc, await proposalDecided(svc, { proposalId, result: 'approved' }));
  const requested = await call<{ requestId: string }>(
    svc,
    'POST',
    '/data-access-requests',
    organizationStaff(organizationId),
    {
      proposalId,
      consentPurpose: 'organization-contact',
      purpose: '电话确认上门探访时间',
      fields: ['name', 'phone', 'idNumber', 'address'],
      residentIds: [consentingId, silentId],
      durationDays: 7,
    },
  );
  expect(requested.status).toBe(201);
  const { requestId } = requested.body;
  await applied(svc, await dataAccessDecided(svc, { requestId, result: 'approved' }));
  // A decided for a request the community does not have is logged: the capture does see the service's lines.
  const unknownRequest = newId('dar-npd');
  await applied(svc, await dataAccessDecided(svc, { requestId: unknownRequest, result: 'approved' }));
  expect(logged.join('\n')).toContain(unknownRequest);

  const shown = await call<{ grant: { grantId: string } }>(
    svc,
    'GET',
    `/data-access-requests/${requestId}`,
    committeeMember(),
  );
  const read = (residentId: string) =>
    call(
      svc,
      'GET',
      `/data-access-grants/${shown.body.grant.grantId}/residents/${residentId}`,
      organizationStaff(organizationId),
    );
  // The one place plaintext comes out: the grantee's read of a consenting resident.
  expect(await read(consentingId)).toEqual({ status: 200, body: { residentId: consentingId, fields: consenting } });
  const refused = await read(silentId);
  expect(refused).toMatchObject({ status: 403, body: { code: 'not-covered' } });
  expect(leaked(JSON.stringify(refused.body), everyone)).toEqual([]);

  const atRest = await everyRow();
  expect(atRest).toContain(consentingId); // the scan reads this run's rows
  expect(leaked(atRest, everyone)).toEqual([]);
  expect(leaked(logged.join('\n'), everyone)).toEqual([]);
});
