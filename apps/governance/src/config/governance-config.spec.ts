import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGovernanceConfig } from './governance-config';

describe('governance settings', () => {
  it('bounds Temporal calls at 10 s, parks updates for 1 h and grants votes 120 s by default', () => {
    expect(loadGovernanceConfig({})).toMatchObject({
      GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS: 10_000,
      GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS: 3_600_000,
      GOVERNANCE_VOTE_GRACE_MS: 120_000,
    });
  });

  it('keeps milestone evidence parked for its grant a week by default, in hours (fractions allowed, more than 0)', () => {
    expect(loadGovernanceConfig({}).GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS).toBe(168);
    const short = loadGovernanceConfig({ GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS: '0.5' });
    expect(short.GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS).toBe(0.5);
    expect(() => loadGovernanceConfig({ GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS: '0' })).toThrow(
      /GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS must be more than 0 hours/,
    );
  });

  it('hears no fixed portals by default: the policies name them; GOVERNANCE_PORTALS only adds', () => {
    expect(loadGovernanceConfig({}).GOVERNANCE_PORTALS).toEqual([]);
    expect(loadGovernanceConfig({ GOVERNANCE_PORTALS: 'street-a, b' }).GOVERNANCE_PORTALS).toEqual(['street-a', 'b']);
  });

  it('serves district 310104 by default, and refuses a district that is not a 6-digit code', () => {
    expect(loadGovernanceConfig({}).GOVERNANCE_DISTRICT_CODE).toBe('310104');
    expect(() => loadGovernanceConfig({ GOVERNANCE_DISTRICT_CODE: '310104-005' })).toThrow(
      /GOVERNANCE_DISTRICT_CODE is a 6-digit district code/,
    );
  });

  it('reads the durations from the environment', () => {
    const config = loadGovernanceConfig({
      GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS: '2500',
      GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS: '60000',
      GOVERNANCE_VOTE_GRACE_MS: '0',
    });
    expect(config).toMatchObject({
      GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS: 2_500,
      GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS: 60_000,
      GOVERNANCE_VOTE_GRACE_MS: 0,
    });
  });

  it.each([
    ['GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS', 'soon', /GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS must be a number/],
    ['GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS', '0', /GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS must be at least 100 ms/],
    ['GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS', '1.5', /GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS must be a whole number/],
    ['GOVERNANCE_VOTE_GRACE_MS', '-1', /GOVERNANCE_VOTE_GRACE_MS must be at least 0 ms/],
  ])('refuses %s=%s, naming it', (name, value, message) => {
    expect(() => loadGovernanceConfig({ [name]: value })).toThrow(message);
  });

  it("takes the filing rule's call-in window unless GOVERNANCE_FILING_CALL_IN_HOURS overrides it (> 0 hours)", () => {
    expect(loadGovernanceConfig({}).GOVERNANCE_FILING_CALL_IN_HOURS).toBeUndefined();
    expect(loadGovernanceConfig({ GOVERNANCE_FILING_CALL_IN_HOURS: '0.5' }).GOVERNANCE_FILING_CALL_IN_HOURS).toBe(0.5);
    expect(() => loadGovernanceConfig({ GOVERNANCE_FILING_CALL_IN_HOURS: '0' })).toThrow(
      /GOVERNANCE_FILING_CALL_IN_HOURS must be more than 0 hours/,
    );
    expect(() => loadGovernanceConfig({ GOVERNANCE_FILING_CALL_IN_HOURS: 'soon' })).toThrow(
      /GOVERNANCE_FILING_CALL_IN_HOURS/,
    );
  });

  it('refuses the test-only hold in production', () => {
    const env = { NODE_ENV: 'production', GOVERNANCE_TEST_HOLD_AFTER_UPDATE: 'vote-1' };
    expect(() => loadGovernanceConfig(env)).toThrow(/GOVERNANCE_TEST_HOLD_AFTER_UPDATE is a test-only hook/);
    expect(loadGovernanceConfig({ GOVERNANCE_TEST_HOLD_AFTER_UPDATE: 'vote-1' })).toMatchObject({
      GOVERNANCE_TEST_HOLD_AFTER_UPDATE: 'vote-1',
    });
  });

  it('takes a test-only notice length of 0–15 working days outside production, and refuses it in production', () => {
    expect(loadGovernanceConfig({}).GOVERNANCE_TEST_NOTICE_WORKING_DAYS).toBeUndefined();
    expect(loadGovernanceConfig({ GOVERNANCE_TEST_NOTICE_WORKING_DAYS: '0' }).GOVERNANCE_TEST_NOTICE_WORKING_DAYS).toBe(
      0,
    );
    for (const days of ['-1', '16', '1.5', 'soon']) {
      expect(() => loadGovernanceConfig({ GOVERNANCE_TEST_NOTICE_WORKING_DAYS: days })).toThrow(
        /GOVERNANCE_TEST_NOTICE_WORKING_DAYS/,
      );
    }
    const env = { NODE_ENV: 'production', GOVERNANCE_TEST_NOTICE_WORKING_DAYS: '0' };
    expect(() => loadGovernanceConfig(env)).toThrow(/GOVERNANCE_TEST_NOTICE_WORKING_DAYS is a test-only hook/);
  });

  it('takes a prebuilt workflow bundle that exists, and refuses a missing one, naming the variable', () => {
    const bundle = join(mkdtempSync(join(tmpdir(), 'governance-bundle-')), 'workflows.js');
    expect(loadGovernanceConfig({}).GOVERNANCE_WORKFLOW_BUNDLE).toBeUndefined();
    expect(() => loadGovernanceConfig({ GOVERNANCE_WORKFLOW_BUNDLE: bundle })).toThrow(
      /GOVERNANCE_WORKFLOW_BUNDLE: no file at .*workflows\.js/,
    );
    writeFileSync(bundle, '// bundle');
    expect(loadGovernanceConfig({ GOVERNANCE_WORKFLOW_BUNDLE: bundle })).toMatchObject({
      GOVERNANCE_WORKFLOW_BUNDLE: bundle,
    });
  });
});
