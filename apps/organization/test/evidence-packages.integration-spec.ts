import { createHash } from 'node:crypto';
import type { TokenRequest } from '@sanshe/auth';
import { contextTopic } from '@sanshe/contracts';
import { eventually } from '@sanshe/testing';
import { auditor, call, newId, orgAdmin, orgStaff } from './organization.fixtures';
import { type OrganizationUnderTest, startOrganizationUnderTest } from './organization-test-app';

/**
 * Evidence packages on the real PostgreSQL and Kafka: the organization's admin submits one as one
 * milestone.evidence-submitted on the organization's topic (submittedBy and castBy the organization, never the
 * person); an Idempotency-Key sends it once; every refusal (400, 401, 403, 409) writes nothing; governance's
 * request-refused, from its channel only, shows on the package.
 */
const ORG = newId('org');
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let svc: OrganizationUnderTest;

beforeAll(async () => {
  svc = await startOrganizationUnderTest();
}, 60_000);
afterAll(() => svc?.close());

const table = (name: string) => `${svc.schema}."${name}"`;
const counts = async () =>
  svc.query(
    `SELECT (SELECT count(*) FROM ${table('evidence_package')}) AS packages,
            (SELECT count(*) FROM ${table('outbox')} WHERE event_type LIKE '%.evidence-submitted.%') AS events`,
  );
const body = (trancheNo = 2, ...names: string[]) => ({
  organizationId: ORG,
  trancheNo,
  summary: '第二季度助餐服务报告：服务 1,240 人次，附签到表与回访记录',
  evidence: (names.length ? names : ['report', 'sign-in']).map((name) => ({
    sha256: sha(`${ORG}/${name}`),
    title: `${name} 第二季度`,
    kind: 'report',
  })),
});
const submit = async (grantId: string, payload: unknown, who: TokenRequest | null = orgAdmin(ORG), key?: string) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who) headers.authorization = `Bearer ${await svc.token(who)}`;
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(`${svc.baseUrl}/grants/${grantId}/evidence-packages`, {
    method: 'POST',
    headers,
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const listed = async (grantId: string, who: TokenRequest = orgStaff(ORG)) => {
  const reply = await call(svc, 'GET', `/grants/${grantId}/evidence-packages?organizationId=${ORG}`, who);
  expect(reply.status).toBe(200);
  return reply.body as unknown as Record<string, unknown>[];
};

describe('evidence packages', () => {
  it('submits one as one evidence-submitted on the organization’s topic, cast by the organization', async () => {
    const grantId = newId('grant');
    const sent = await submit(grantId, body());
    expect(sent).toMatchObject({ status: 201, body: { grantId, trancheNo: 2, submittedBy: `admin-of-${ORG}` } });
    const packageId = String(sent.body.packageId);
    const party = `organization:${ORG}`;
    const events = await svc.outboxOf(grantId);
    expect(events.map(({ id, type, source, data }) => ({ id, type, source, data }))).toEqual([
      {
        id: sent.body.eventId,
        type: 'sanshe.organization.milestone.evidence-submitted.v1',
        source: 'sanshe/organization',
        data: { packageId, grantId, ...body(), submittedBy: party, castBy: party },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(`admin-of-${ORG}`);
    await eventually(async () => {
      const [row] = await svc.query<{ topic: string; sent: boolean }>(
        `SELECT topic, sent_at IS NOT NULL AS sent FROM ${table('outbox')} WHERE event_id = $1`,
        [sent.body.eventId],
      );
      expect(row).toEqual({ topic: contextTopic('organization'), sent: true });
    });
    expect((await listed(grantId, auditor())).map((p) => p.packageId)).toEqual([packageId]);
  });

  it('sends a package once per Idempotency-Key: the same package again is the one sent, another is 409', async () => {
    const grantId = newId('grant');
    const key = newId('key');
    const first = await submit(grantId, body(), orgAdmin(ORG), key);
    expect(first.status).toBe(201);
    const before = await counts();
    const again = await submit(grantId, body(), orgAdmin(ORG), key);
    expect(again).toMatchObject({ status: 201, body: { packageId: first.body.packageId } });
    const other = await submit(grantId, body(3), orgAdmin(ORG), key);
    expect(other).toMatchObject({
      status: 409,
      body: { code: 'idempotency-key-reused', packageId: first.body.packageId },
    });
    expect(await counts()).toEqual(before);
    expect((await submit(grantId, body(), orgAdmin(ORG), newId('key'))).status).toBe(201);
  });

  it('refuses, writing nothing: 400 naming the field, 422 a repeated hash, 401, 403 for staff or another organization', async () => {
    const grantId = newId('grant');
    const before = await counts();
    // Each item well formed, a hash repeated: a rule across items no schema states, 422 as documented.
    const twice = body(2, 'report', 'report');
    expect(await submit(grantId, twice)).toMatchObject({
      status: 422,
      body: { problems: [{ path: '/body/evidence/1/sha256', message: 'repeats /evidence/0' }] },
    });
    const upper = { ...body(), evidence: [{ ...body().evidence[0], sha256: 'A'.repeat(64) }] };
    expect(await submit(grantId, upper)).toMatchObject({
      status: 400,
      body: { problems: [{ path: '/body/evidence/0/sha256' }] },
    });
    const badKind = { ...body(), evidence: [{ ...body().evidence[0], kind: 'selfie' }] };
    expect(await submit(grantId, badKind)).toMatchObject({
      status: 400,
      body: { problems: [{ path: '/body/evidence/0/kind' }] },
    });
    expect(await submit(grantId, { ...body(), evidence: [] })).toMatchObject({
      status: 400,
      body: { problems: [{ path: '/body/evidence' }] },
    });
    const tooMany = body(2, ...Array.from({ length: 201 }, (_, i) => `e${i}`));
    expect((await submit(grantId, tooMany)).status).toBe(400);
    expect(await submit(grantId, body(), orgAdmin(ORG), 'bad key!')).toMatchObject({
      status: 400,
      body: { problems: [{ path: '/headers/idempotency-key' }] },
    });
    expect((await submit(grantId, body(), null)).status).toBe(401);
    expect((await submit(grantId, body(), orgStaff(ORG))).status).toBe(403);
    const other = await submit(grantId, body(), orgAdmin('org-other'));
    expect(other.status).toBe(403);
    expect(other.body.message).toContain(`organization:${ORG}`);
    expect(await counts()).toEqual(before);
    const outsider = await call(
      svc,
      'GET',
      `/grants/${grantId}/evidence-packages?organizationId=${ORG}`,
      orgStaff('x'),
    );
    expect(outsider.status).toBe(403);
    expect((await call(svc, 'GET', `/grants/${grantId}/evidence-packages`, orgStaff(ORG))).status).toBe(400);
  });

  it('shows governance’s refusal on the package, from its channel only', async () => {
    const grantId = newId('grant');
    const first = await submit(grantId, body(2, 'a'));
    const marker = await submit(grantId, body(3, 'b'));
    // Same topic and key (the grant): governance's topic delivers these three in order.
    const refuse = (source: string, requestEventId: unknown, code: string) =>
      svc.publish(contextTopic('governance'), source, {
        type: 'sanshe.governance.disbursement.request-refused.v1',
        subject: grantId,
        id: newId('refused'),
        data: {
          ...{ grantId, requestEventId: String(requestEventId), partyId: `organization:${ORG}` },
          ...{ requestType: 'sanshe.organization.milestone.evidence-submitted.v1', code, reason: `refused: ${code}` },
        },
      });
    await refuse('sanshe/portal/xuhui', first.body.eventId, 'forged');
    await refuse('sanshe/governance', marker.body.eventId, 'wrong-tranche');
    await eventually(async () => expect((await listed(grantId))[1]).toMatchObject({ status: 'refused' }));
    expect((await listed(grantId))[0]).toMatchObject({ status: 'sent', refusal: null });
    await refuse('sanshe/governance', first.body.eventId, 'evidence-reused');
    await eventually(async () =>
      expect((await listed(grantId))[0]).toMatchObject({
        status: 'refused',
        refusal: { code: 'evidence-reused', reason: 'refused: evidence-reused' },
      }),
    );
  });
});
