import type { ConsentPurpose } from '@sanshe/contracts/pure';
import { type ConsentRecord, consentingAt, consentInputProblems, latestRecords } from './consent-record';

let sequence = 0;
const record = (
  residentId: string,
  decision: ConsentRecord['decision'],
  recordedAt: string,
  purpose: ConsentPurpose = 'activity-participation',
  organizationId: string | null = null,
): ConsentRecord => ({
  recordId: `consent-${++sequence}`,
  sequence,
  residentId,
  purpose,
  organizationId,
  activityId: null,
  decision,
  recordedBy: 'rep-1',
  recordedVia: 'representative',
  recordedAt: new Date(recordedAt),
});

const NOW = new Date('2026-12-01T12:00:00Z');

describe('who consents', () => {
  it('takes the latest record per resident: a withdrawal after a grant wins, a grant after a withdrawal too', () => {
    const records = [
      record('rp-a', 'granted', '2026-11-01T00:00:00Z'),
      record('rp-a', 'withdrawn', '2026-11-02T00:00:00Z'),
      record('rp-b', 'withdrawn', '2026-11-01T00:00:00Z'),
      record('rp-b', 'granted', '2026-11-02T00:00:00Z'),
    ];
    expect(consentingAt(records, 'activity-participation', null, NOW)).toEqual(new Set(['rp-b']));
  });

  it('does not depend on the order the records are listed in', () => {
    const records = [
      record('rp-a', 'withdrawn', '2026-11-02T00:00:00Z'),
      record('rp-a', 'granted', '2026-11-01T00:00:00Z'),
    ];
    expect(consentingAt(records, 'activity-participation', null, NOW)).toEqual(new Set());
    expect(consentingAt([...records].reverse(), 'activity-participation', null, NOW)).toEqual(new Set());
  });

  it('breaks a tie of the same instant by the order of recording', () => {
    const grant = record('rp-a', 'granted', '2026-11-01T00:00:00Z');
    const withdrawal = record('rp-a', 'withdrawn', '2026-11-01T00:00:00Z');
    expect(consentingAt([withdrawal, grant], 'activity-participation', null, NOW)).toEqual(new Set());
  });

  it('reads the word as it stood at `at`: a later record does not count yet', () => {
    const records = [
      record('rp-a', 'granted', '2026-11-01T00:00:00Z'),
      record('rp-a', 'withdrawn', '2026-11-03T00:00:00Z'),
    ];
    expect(consentingAt(records, 'activity-participation', null, new Date('2026-11-02T00:00:00Z'))).toEqual(
      new Set(['rp-a']),
    );
    expect(consentingAt(records, 'activity-participation', null, new Date('2026-11-03T00:00:00Z'))).toEqual(new Set());
  });

  it('keeps purposes apart: consent to participate is no consent to research', () => {
    const records = [record('rp-a', 'granted', '2026-11-01T00:00:00Z', 'activity-participation')];
    expect(consentingAt(records, 'aggregate-research', null, NOW)).toEqual(new Set());
  });

  it('scopes organization-contact to the organization named: one organization’s consent is not another’s', () => {
    const records = [
      record('rp-a', 'granted', '2026-11-01T00:00:00Z', 'organization-contact', 'org-1'),
      record('rp-a', 'withdrawn', '2026-11-02T00:00:00Z', 'organization-contact', 'org-2'),
      record('rp-b', 'granted', '2026-11-01T00:00:00Z', 'organization-contact', 'org-2'),
    ];
    expect(consentingAt(records, 'organization-contact', 'org-1', NOW)).toEqual(new Set(['rp-a']));
    expect(consentingAt(records, 'organization-contact', 'org-2', NOW)).toEqual(new Set(['rp-b']));
    expect(consentingAt(records, 'organization-contact', 'org-3', NOW)).toEqual(new Set());
  });

  it('lists the current record per purpose and organization', () => {
    const latest = record('rp-a', 'withdrawn', '2026-11-02T00:00:00Z', 'organization-contact', 'org-1');
    const other = record('rp-a', 'granted', '2026-11-01T00:00:00Z', 'organization-contact', 'org-2');
    const records = [record('rp-a', 'granted', '2026-11-01T00:00:00Z', 'organization-contact', 'org-1'), latest, other];
    expect(
      latestRecords(records, NOW)
        .map((r) => r.recordId)
        .sort(),
    ).toEqual([latest.recordId, other.recordId].sort());
  });
});

describe('a consent’s fields', () => {
  it('requires the organization for organization-contact', () => {
    expect(consentInputProblems({ purpose: 'organization-contact', decision: 'granted' })).toEqual([
      { path: '/organizationId', message: 'is required when purpose is organization-contact' },
    ]);
    expect(
      consentInputProblems({
        purpose: 'organization-contact',
        decision: 'granted',
        organizationId: 'org-1',
        activityId: 'a-1',
      }),
    ).toEqual([]);
  });

  it('refuses an organization or activity on the purposes that name none', () => {
    expect(
      consentInputProblems({
        purpose: 'aggregate-research',
        decision: 'granted',
        organizationId: 'org-1',
        activityId: 'a',
      }),
    ).toEqual([
      { path: '/organizationId', message: 'is only given when purpose is organization-contact' },
      { path: '/activityId', message: 'is only given when purpose is organization-contact' },
    ]);
  });
});
