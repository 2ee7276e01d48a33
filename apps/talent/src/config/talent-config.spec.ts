import { loadTalentConfig } from './talent-config';

describe('the talent service’s settings', () => {
  it('has the documented defaults', () => {
    const config = loadTalentConfig({});
    expect(config.TALENT_HOURS_CONFIRM_HOURS).toBe(168);
    expect(config.TALENT_EDUCATION_HOURS).toEqual({
      'assistant-social-worker': 24,
      'social-worker': 30,
      'senior-social-worker': 30,
    });
    expect(config.TALENT_EDUCATION_WARN_FROM).toBe('10-01');
    expect(config.TALENT_CERTIFICATE_WARN_DAYS).toBe(90);
    expect(config.TALENT_SWEEP_INTERVAL_MS).toBe(3_600_000);
    expect(config.TALENT_TEMPORAL_TASK_QUEUE).toBe('talent-activities');
  });

  it('takes a fraction of an hour for the confirmation window, and one level’s hours over the defaults', () => {
    expect(loadTalentConfig({ TALENT_HOURS_CONFIRM_HOURS: '0.01' }).TALENT_HOURS_CONFIRM_HOURS).toBe(0.01);
    expect(loadTalentConfig({ TALENT_EDUCATION_HOURS: '{"social-worker": 40}' }).TALENT_EDUCATION_HOURS).toEqual({
      'assistant-social-worker': 24,
      'social-worker': 40,
      'senior-social-worker': 30,
    });
  });

  it.each([
    ['TALENT_HOURS_CONFIRM_HOURS', '0'],
    ['TALENT_HOURS_CONFIRM_HOURS', 'a week'],
    ['TALENT_EDUCATION_HOURS', '{"social-worker": 40'],
    ['TALENT_EDUCATION_HOURS', '{"professor": 40}'],
    ['TALENT_EDUCATION_HOURS', '{"social-worker": -1}'],
    ['TALENT_EDUCATION_WARN_FROM', '13-01'],
    ['TALENT_EDUCATION_WARN_FROM', '10/01'],
    ['TALENT_CERTIFICATE_WARN_DAYS', '0'],
    ['TALENT_SWEEP_INTERVAL_MS', '10'],
    ['TALENT_TEMPORAL_TASK_QUEUE', 'Talent Activities'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadTalentConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
