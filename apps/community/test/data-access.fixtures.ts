import { contextTopic, type SansheEvent } from '@sanshe/contracts';
import type { TokenRequest } from '@sanshe/auth';
import { ROLES, residentsParty } from '../src/access/community-access';
import type { CommunityUnderTest } from './community-test-app';
import { call, COMMUNITY } from './needs.fixtures';

/** Callers and data of the data-access specs (beside needs.fixtures' committee member and organization staff). */
export const committeeStaff = (code = COMMUNITY): TokenRequest => ({
  sub: `committee-staff-${code}`,
  parties: [`community:${code}`],
  roles: [ROLES.committeeStaff],
});
export const residentsRepresentative = (code = COMMUNITY): TokenRequest => ({
  sub: `residents-rep-${code}`,
  parties: [residentsParty(code)],
  roles: [ROLES.residentsRep],
});
export const residentsPortal = (code = COMMUNITY): TokenRequest => ({
  sub: `portal-${code}`,
  parties: [residentsParty(code)],
  roles: [ROLES.residentsPortal],
});
export const auditor: TokenRequest = { sub: 'auditor-1', parties: [], roles: [ROLES.auditor] };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 18-character resident ID number (GB 11643 check character) with `sequence` as its 3-digit sequence. */
export function idNumber(sequence: number, birth = '19520314'): string {
  const body = `310104${birth}${String(sequence % 1000).padStart(3, '0')}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

export interface Person {
  name: string;
  phone: string;
  idNumber: string;
  address: string;
}

/** A person of the run: a unique ID number and phone, so reruns on the same tables never collide. */
export function person(name: string): Person {
  const n = Math.floor(Math.random() * 1_000_000_000);
  return {
    name,
    phone: `139${String(n % 100_000_000).padStart(8, '0')}`,
    idNumber: idNumber(n % 1000, `19${40 + (n % 50)}0${1 + (n % 9)}1${n % 10}`),
    address: `天平路${n % 500}弄${n % 30}号`,
  };
}

/** Registers `who` through the register's API (by the committee's staff); returns the resident id. */
export async function register(svc: CommunityUnderTest, who: Person, code = COMMUNITY): Promise<string> {
  const reply = await call<{ residentId: string }>(
    svc,
    'POST',
    `/communities/${code}/residents`,
    committeeStaff(code),
    who,
  );
  if (reply.status !== 201) throw new Error(`register ${who.name}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.residentId;
}

/** The resident's consent to be contacted by `organizationId`, granted or withdrawn through the residents' portal. */
export async function contactConsent(
  svc: CommunityUnderTest,
  residentId: string,
  organizationId: string,
  decision: 'granted' | 'withdrawn',
): Promise<void> {
  const body = { purpose: 'organization-contact', decision, organizationId };
  const reply = await call(svc, 'POST', `/residents/${residentId}/consents`, residentsPortal(), body);
  if (reply.status !== 201) throw new Error(`consent ${decision}: ${reply.status} ${JSON.stringify(reply.body)}`);
}

/**
 * Governance's outcome of a data-access request's decision, as governance publishes it; `id` re-sends it
 * under another event id, `source` and `topic` send it from somewhere else.
 */
export function dataAccessDecided(
  svc: CommunityUnderTest,
  decided: { requestId: string; result: 'approved' | 'rejected'; id?: string; source?: string; topic?: string },
): Promise<SansheEvent> {
  const { requestId, result } = decided;
  const decisionId = `decision/data-access/${requestId}`;
  return svc.publish(decided.topic ?? contextTopic('governance'), decided.source ?? 'sanshe/governance', {
    type: 'sanshe.governance.decision.decided.v1',
    id: decided.id ?? `${decisionId}/outcome`,
    subject: decisionId,
    data: {
      decisionId,
      kind: 'data-access',
      subjectId: requestId,
      communityCode: COMMUNITY,
      result,
      decidedBy: 'votes',
      level: 0,
      reason: `quorum ${result === 'approved' ? 'reached' : 'out of reach'}`,
      tally: { approve: 3, object: 0, abstain: 0, pending: 0, total: 3, quorum: 2 },
      auditHash: 'b'.repeat(64),
      auditLength: 5,
    },
  });
}

export interface LogRow {
  actorSub: string;
  grantId: string;
  residentId: string;
  fields: string[];
  result: 'granted' | 'refused';
  reason: string | null;
}

/** The access log rows of a grant, straight from the table (oldest first). */
export async function logOf(svc: CommunityUnderTest, grantId: string): Promise<LogRow[]> {
  return svc.query<LogRow>(
    `SELECT actor_sub AS "actorSub", grant_id AS "grantId", resident_id AS "residentId", fields, result, reason
       FROM "${svc.schema}".access_log WHERE grant_id = $1 ORDER BY log_id`,
    [grantId],
  );
}
