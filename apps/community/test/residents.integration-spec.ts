import { getDataSourceToken } from '@nestjs/typeorm';
import { PERSONAL_FIELDS } from '@sanshe/contracts/pure';
import { eventually } from '@sanshe/testing';
import type { DataSource } from 'typeorm';
import { ResidentVault } from '../src/residents/domain/resident-vault';
import type { FieldCipher } from '../src/residents/infrastructure/field-cipher';
import { FIELD_CIPHER } from '../src/residents/infrastructure/resident-sealer';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';
import {
  call,
  COMMUNITY,
  committeeMember,
  organizationStaff,
  OTHER_COMMUNITY,
  registerCommunities,
} from './needs.fixtures';
import {
  committeeStaff,
  registerResident,
  residentBody,
  residentsRepresentative,
  validIdNumber,
} from './residents.fixtures';

// The resident register on the real PostgreSQL: ciphertext only at rest, lookups through keyed hashes,
// one resident per ID number, and refusals that name the field, never its value, and write nothing.
let svc: CommunityUnderTest;
const UNKNOWN = `rp-${'z'.repeat(24)}`;

const residentRows = async () =>
  Number((await svc.query<{ n: string }>(`SELECT count(*) AS n FROM "${svc.schema}".resident`))[0]!.n);
const lookup = (by: object, identity = residentsRepresentative(), code = COMMUNITY) =>
  call<{ residentIds: string[] }>(svc, 'POST', `/communities/${code}/residents/lookup`, identity, by);

beforeAll(async () => {
  svc = await startCommunityUnderTest();
  await registerCommunities(svc, [COMMUNITY, OTHER_COMMUNITY]);
}, 60_000);

afterAll(async () => svc?.close());

describe('registering residents', () => {
  it('stores no personal field in plaintext: a direct read of the table finds none of them', async () => {
    const body = residentBody(1);
    const residentId = await registerResident(svc, body);
    expect(residentId).toMatch(/^rp-[a-z2-7]{24}$/);
    const rows = await svc.query<Record<string, unknown>>(
      `SELECT * FROM "${svc.schema}".resident WHERE resident_id = $1`,
      [residentId],
    );
    const asText = (
      await svc.query<{ row: string }>(`SELECT t::text AS row FROM "${svc.schema}".resident t WHERE resident_id = $1`, [
        residentId,
      ])
    )[0]!.row;
    expect(rows).toHaveLength(1);
    for (const plaintext of Object.values(body)) {
      const bytes = Buffer.from(plaintext, 'utf8');
      for (const value of Object.values(rows[0]!)) {
        if (Buffer.isBuffer(value)) expect(value.includes(bytes)).toBe(false);
        else expect(String(value)).not.toContain(plaintext);
      }
      expect(asText).not.toContain(plaintext);
      expect(asText).not.toContain(bytes.toString('hex'));
    }
  });

  it('reveals through ResidentVault only, with the fields asked for', async () => {
    const body = residentBody(2);
    const residentId = await registerResident(svc, body);
    const vault = svc.app.get(ResidentVault);
    expect(await vault.reveal(residentId, ['phone', 'address'])).toEqual({ phone: body.phone, address: body.address });
    expect(await vault.reveal(residentId, PERSONAL_FIELDS)).toEqual(body);
    expect(await vault.reveal(UNKNOWN, ['name'])).toBeNull();
    expect(await vault.communityOf(residentId)).toBe(COMMUNITY);
    expect(await vault.registeredIn(COMMUNITY, [residentId, UNKNOWN])).toEqual(new Set([residentId]));
    expect(await vault.registeredIn(OTHER_COMMUNITY, [residentId])).toEqual(new Set());
  });

  it('refuses a second resident with the same ID number (409 naming the first), writing nothing', async () => {
    const body = residentBody(3);
    const residentId = await registerResident(svc, body);
    const before = await residentRows();
    const again = await call(svc, 'POST', `/communities/${COMMUNITY}/residents`, committeeMember(), {
      ...residentBody(4),
      idNumber: body.idNumber.toLowerCase(),
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already-registered', residentId });
    expect(JSON.stringify(again.body)).not.toContain(body.idNumber);
    expect(await residentRows()).toBe(before);
  });

  it('keeps one resident per ID number when two registrations race', async () => {
    const path = `/communities/${COMMUNITY}/residents`;
    const replies = await Promise.all(
      [13, 14, 15].map((n) =>
        call(svc, 'POST', path, committeeStaff(), { ...residentBody(n), idNumber: validIdNumber(13) }),
      ),
    );
    const created = replies.filter((reply) => reply.status === 201);
    expect(created).toHaveLength(1);
    const refused = replies.filter((reply) => reply.status === 409);
    expect(refused.map((reply) => reply.body.residentId)).toEqual([
      created[0]!.body.residentId,
      created[0]!.body.residentId,
    ]);
  });

  const malformedId = `${validIdNumber(5).slice(0, 17)}${validIdNumber(5).endsWith('0') ? '1' : '0'}`;
  it.each([
    ['a wrong check character', { ...residentBody(5), idNumber: malformedId }, '/idNumber', /check character/],
    ['an impossible birth date', { ...residentBody(6), idNumber: '310104195002300010' }, '/idNumber', /birth date/],
    ['17 characters', { ...residentBody(7), idNumber: validIdNumber(7).slice(0, 17) }, '/idNumber', /18 characters/],
    ['a phone that is no number', { ...residentBody(8), phone: '12345' }, '/phone', /mainland mobile/],
    ['a blank name', { ...residentBody(9), name: '   ' }, '/name', /blank/],
    ['no address', { ...residentBody(10), address: undefined }, '/address', /required/],
    ['an unknown field', { ...residentBody(11), email: 'a@b.c' }, '/email', /not allowed/],
  ])(
    'refuses %s: 400 naming the field and the check, never the value, writing nothing',
    async (_, body, path, check) => {
      const before = await residentRows();
      const reply = await call<{ problems: { path: string; message: string }[] }>(
        svc,
        'POST',
        `/communities/${COMMUNITY}/residents`,
        committeeStaff(),
        body,
      );
      expect(reply.status).toBe(400);
      expect(reply.body.problems).toEqual([{ path, message: expect.stringMatching(check) as string }]);
      for (const value of Object.values(body)) if (value) expect(JSON.stringify(reply.body)).not.toContain(value);
      expect(await residentRows()).toBe(before);
    },
  );

  it('refuses an unknown community (404) and anyone but its committee (403)', async () => {
    const unknown = await call(
      svc,
      'POST',
      '/communities/310104-005-099/residents',
      committeeStaff('310104-005-099'),
      residentBody(12),
    );
    expect(unknown.status).toBe(404);
    const path = `/communities/${COMMUNITY}/residents`;
    expect((await call(svc, 'POST', path, residentsRepresentative(), residentBody(12))).status).toBe(403);
    expect((await call(svc, 'POST', path, organizationStaff('org-1'), residentBody(12))).status).toBe(403);
    expect((await call(svc, 'POST', path, committeeStaff(OTHER_COMMUNITY), residentBody(12))).status).toBe(403);
    expect(await lookup({ idNumber: validIdNumber(12) })).toMatchObject({ body: { residentIds: [] } });
  });
});

describe('looking residents up', () => {
  it('finds a resident by phone or ID number, however formatted, within its community only', async () => {
    const body = residentBody(20);
    const residentId = await registerResident(svc, body);
    const spaced = `${body.phone.slice(0, 3)} ${body.phone.slice(3, 7)} ${body.phone.slice(7)}`;
    expect(await lookup({ phone: spaced })).toEqual({ status: 200, body: { residentIds: [residentId] } });
    expect((await lookup({ idNumber: body.idNumber.toLowerCase() }, committeeMember())).body).toEqual({
      residentIds: [residentId],
    });
    expect((await lookup({ phone: body.phone }, committeeStaff(OTHER_COMMUNITY), OTHER_COMMUNITY)).body).toEqual({
      residentIds: [],
    });
  });

  it('wants exactly one of phone and idNumber, well-formed, from the committee or representatives', async () => {
    expect((await lookup({})).status).toBe(400);
    expect((await lookup({ phone: '13900000000', idNumber: validIdNumber(1) })).status).toBe(400);
    expect((await lookup({ idNumber: '310104195002300010' })).body).toMatchObject({
      problems: [{ path: '/idNumber' }],
    });
    expect((await lookup({ phone: '13900000000' }, organizationStaff('org-1'))).status).toBe(403);
    expect((await lookup({ phone: '13900000000' }, residentsRepresentative(OTHER_COMMUNITY))).status).toBe(403);
  });
});

describe('correcting and reading a resident', () => {
  it('corrects fields without echoing them; lookups follow the new phone', async () => {
    const body = residentBody(30);
    const residentId = await registerResident(svc, body);
    const reply = await call(svc, 'PUT', `/residents/${residentId}`, committeeStaff(), { phone: '021-55556666' });
    expect(reply).toEqual({ status: 200, body: { residentId } });
    expect((await lookup({ phone: '02155556666' })).body).toEqual({ residentIds: [residentId] });
    expect((await lookup({ phone: body.phone })).body).toEqual({ residentIds: [] });
    expect(await svc.app.get(ResidentVault).reveal(residentId, ['phone', 'name'])).toEqual({
      phone: '02155556666',
      name: body.name,
    });
  });

  it('refuses a correction to another resident’s ID number (409), a bad field (400), others (403)', async () => {
    const first = await registerResident(svc, residentBody(31));
    const second = await registerResident(svc, residentBody(32));
    const taken = await call(svc, 'PUT', `/residents/${second}`, committeeStaff(), { idNumber: validIdNumber(31) });
    expect(taken).toMatchObject({ status: 409, body: { code: 'already-registered', residentId: first } });
    const bad = await call(svc, 'PUT', `/residents/${second}`, committeeStaff(), { idNumber: '310104195002300010' });
    expect(bad).toMatchObject({ status: 400, body: { problems: [{ path: '/idNumber' }] } });
    expect((await call(svc, 'PUT', `/residents/${second}`, committeeStaff(), {})).status).toBe(400);
    expect((await call(svc, 'PUT', `/residents/${second}`, residentsRepresentative(), { name: '某' })).status).toBe(
      403,
    );
    expect(
      (await call(svc, 'PUT', `/residents/${second}`, committeeStaff(OTHER_COMMUNITY), { name: '某' })).status,
    ).toBe(403);
    expect(await svc.app.get(ResidentVault).reveal(second, ['idNumber'])).toEqual({ idNumber: validIdNumber(32) });
  });

  it('refuses a correction (409) when a concurrent one took the ID number after its check', async () => {
    const [taker, corrected] = [
      await registerResident(svc, residentBody(33)),
      await registerResident(svc, residentBody(34)),
    ];
    const wanted = validIdNumber(35);
    const hash = svc.app.get<FieldCipher>(FIELD_CIPHER, { strict: false }).lookupHash('idNumber', wanted);
    // Another transaction takes the number and has not committed: the correction passes its check, then waits.
    const other = svc.app.get<DataSource>(getDataSourceToken()).createQueryRunner();
    await other.connect();
    await other.startTransaction();
    await other.query(`UPDATE "${svc.schema}".resident SET id_number_hmac = $2 WHERE resident_id = $1`, [taker, hash]);
    const reply = call(svc, 'PUT', `/residents/${corrected}`, committeeStaff(), { idNumber: wanted });
    try {
      await eventually(async () => {
        const waiting = await svc.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`,
          [`UPDATE "${svc.schema}"."resident" SET%`],
        );
        expect(waiting).toHaveLength(1);
      });
      await other.commitTransaction();
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    expect(await reply).toMatchObject({ status: 409, body: { code: 'already-registered', residentId: taker } });
    expect(await svc.app.get(ResidentVault).reveal(corrected, ['idNumber'])).toEqual({ idNumber: validIdNumber(34) });
  });

  it('shows a resident’s community and registration date, and nothing else', async () => {
    const residentId = await registerResident(svc, residentBody(40));
    const reply = await call<Record<string, unknown>>(
      svc,
      'GET',
      `/residents/${residentId}`,
      residentsRepresentative(),
    );
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(['communityCode', 'registeredAt', 'residentId']);
    expect(reply.body).toMatchObject({ residentId, communityCode: COMMUNITY });
    expect((await call(svc, 'GET', `/residents/${residentId}`, organizationStaff('org-1'))).status).toBe(403);
    expect((await call(svc, 'GET', `/residents/${UNKNOWN}`, committeeStaff())).status).toBe(404);
  });
});
