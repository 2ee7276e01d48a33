import { createEvent } from '@sanshe/contracts';
import { fingerprintSource, type PackageInput, submitPackage } from './evidence-package';

const input: PackageInput = {
  grantId: 'grant-2026-0007',
  organizationId: 'org-xinhua-elderly-care',
  trancheNo: 2,
  summary: '第二季度助餐服务报告：服务 1,240 人次',
  evidence: [{ sha256: 'a'.repeat(64), title: '第二季度服务报告', kind: 'report' }],
};
const meta = { submittedBySub: 'chen', idempotencyKey: null, fingerprint: 'f' };
const now = new Date('2026-11-28T01:00:00Z');

describe('an evidence package', () => {
  it('is one evidence-submitted keyed by the grant, from and cast by the organization, valid against its contract', () => {
    const { evidencePackage, event } = submitPackage('evp-1', input, meta, now);
    const party = 'organization:org-xinhua-elderly-care';
    expect(event).toEqual({
      type: 'sanshe.organization.milestone.evidence-submitted.v1',
      id: 'sanshe.organization.milestone.evidence-submitted.v1:evp-1',
      subject: 'grant-2026-0007',
      data: { packageId: 'evp-1', ...input, submittedBy: party, castBy: party },
    });
    expect(JSON.stringify(event)).not.toContain('chen');
    expect(evidencePackage).toMatchObject({ eventId: event.id, submittedBySub: 'chen', status: 'sent' });
    expect(() => createEvent({ ...event, source: 'sanshe/organization' })).not.toThrow();
  });

  it('has a fingerprint source that changes with any of its content, not with its key', () => {
    const source = fingerprintSource(input);
    expect(fingerprintSource({ ...input })).toBe(source);
    expect(fingerprintSource({ ...input, trancheNo: 3 })).not.toBe(source);
    expect(fingerprintSource({ ...input, summary: 'other' })).not.toBe(source);
    const retitled = [{ ...input.evidence[0], title: 'other' }];
    expect(fingerprintSource({ ...input, evidence: retitled })).not.toBe(source);
  });
});
