import { loadFundingConfig } from './funding-config';

describe('the funding service’s settings', () => {
  it('has the documented defaults', () => {
    expect(loadFundingConfig({})).toEqual({
      FUNDING_PAYMENT_SETTLE_MS: 2_000,
      FUNDING_TEMPORAL_TASK_QUEUE: 'funding-activities',
      FUNDING_PORTALS: [],
      FUNDING_GAP_WARN_DAYS: 60,
      FUNDING_GAP_SWEEP_INTERVAL_MS: 3_600_000,
      FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS: 0,
    });
  });

  it('takes the test-only payment fault point outside production, and refuses it in production', () => {
    const hold = { FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS: '20000' };
    expect(loadFundingConfig({ ...hold, NODE_ENV: 'test' }).FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS).toBe(20_000);
    expect(() => loadFundingConfig({ ...hold, NODE_ENV: 'production' })).toThrow(
      /FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS: .*refused when NODE_ENV=production/,
    );
    expect(loadFundingConfig({ NODE_ENV: 'production' }).FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS).toBe(0);
  });

  it('takes a settle delay of 0 and a comma list of portals', () => {
    const config = loadFundingConfig({ FUNDING_PAYMENT_SETTLE_MS: '0', FUNDING_PORTALS: ' shanghai-civil , xuhui ,' });
    expect(config.FUNDING_PAYMENT_SETTLE_MS).toBe(0);
    expect(config.FUNDING_PORTALS).toEqual(['shanghai-civil', 'xuhui']);
  });

  it.each([
    ['FUNDING_PAYMENT_SETTLE_MS', '-1'],
    ['FUNDING_PAYMENT_SETTLE_MS', 'soon'],
    ['FUNDING_TEMPORAL_TASK_QUEUE', 'Funding Activities'],
    ['FUNDING_PORTALS', 'Shanghai_Civil'],
    ['FUNDING_GAP_WARN_DAYS', '0'],
    ['FUNDING_GAP_WARN_DAYS', '1.5'],
    ['FUNDING_GAP_SWEEP_INTERVAL_MS', '10'],
    ['FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS', '-5'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadFundingConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
