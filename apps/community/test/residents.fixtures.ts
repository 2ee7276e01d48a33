import type { TokenRequest } from '@sanshe/auth';
import { communityParty, residentsParty, ROLES } from '../src/access/community-access';
import { call, COMMUNITY } from './needs.fixtures';
import type { CommunityUnderTest } from './community-test-app';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid GB 11643 number born 1950-01-01 + `n` days, area 310104, sequence `n` mod 1000. */
export function validIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1 + n)).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `310104${birth}${String(n % 1000).padStart(3, '0')}`;
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(body[index]), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

/** A resident's fields, distinct per `n` (names and addresses searchable in raw bytes). */
export const residentBody = (n: number) => ({
  name: `测试居民${n}号`,
  phone: `139${String(10_000_000 + n).slice(-8)}`,
  idNumber: validIdNumber(n),
  address: `天平路${n}弄${n}号`,
});

export const committeeStaff = (code = COMMUNITY): TokenRequest => ({
  sub: `committee-staff-${code}`,
  parties: [communityParty(code)],
  roles: [ROLES.committeeStaff],
});
export const residentsRepresentative = (code = COMMUNITY): TokenRequest => ({
  sub: `residents-rep-${code}`,
  parties: [residentsParty(code)],
  roles: [ROLES.residentsRep],
});

/** Registers a resident through the API, as the committee's staff; its pseudonymous id. */
export async function registerResident(svc: CommunityUnderTest, body: object, code = COMMUNITY): Promise<string> {
  const reply = await call<{ residentId: string }>(
    svc,
    'POST',
    `/communities/${code}/residents`,
    committeeStaff(code),
    body,
  );
  if (reply.status !== 201) throw new Error(`register: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.residentId;
}
