import { loadCommunityConfig } from './community-config';

describe('community config', () => {
  it('defaults the evaluation window to 30 days', () => {
    expect(loadCommunityConfig({}).COMMUNITY_EVALUATION_WINDOW_HOURS).toBe(720);
    expect(loadCommunityConfig({ COMMUNITY_EVALUATION_WINDOW_HOURS: '48' }).COMMUNITY_EVALUATION_WINDOW_HOURS).toBe(48);
  });

  it('refuses a window that is not a positive number, naming the variable', () => {
    expect(() => loadCommunityConfig({ COMMUNITY_EVALUATION_WINDOW_HOURS: '0' })).toThrow(
      /COMMUNITY_EVALUATION_WINDOW_HOURS/,
    );
    expect(() => loadCommunityConfig({ COMMUNITY_EVALUATION_WINDOW_HOURS: 'soon' })).toThrow(
      /COMMUNITY_EVALUATION_WINDOW_HOURS/,
    );
  });
});
