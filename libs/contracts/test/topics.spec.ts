import { contextTopic, DEAD_LETTER_HEADERS, deadLetterTopic, portalCommandsTopic, portalRepliesTopic } from '../src';

describe('topics', () => {
  it('names one topic per producing context', () => {
    expect(contextTopic('community')).toBe('sanshe.community.events');
    expect(contextTopic('organization')).toBe('sanshe.organization.events');
    expect(contextTopic('talent')).toBe('sanshe.talent.events');
    expect(contextTopic('funding')).toBe('sanshe.funding.events');
    expect(contextTopic('governance')).toBe('sanshe.governance.events');
  });

  it('names one commands topic per portal', () => {
    expect(portalCommandsTopic('xuhui-civil-affairs')).toBe('sanshe.portal.xuhui-civil-affairs.commands');
    expect(portalCommandsTopic('district7')).toBe('sanshe.portal.district7.commands');
  });

  it('names one replies topic per portal', () => {
    expect(portalRepliesTopic('xuhui-civil-affairs')).toBe('sanshe.portal.xuhui-civil-affairs.replies');
  });

  it.each(['', 'Xuhui', 'xu_hui', 'xu.hui', '-xuhui', 'xu hui', '徐汇'])('refuses the portal id %j', (portalId) => {
    for (const topicOf of [portalCommandsTopic, portalRepliesTopic]) {
      expect(() => topicOf(portalId)).toThrow(`portal id "${portalId}" must be lowercase letters, digits and dashes`);
    }
  });

  it('names one dead-letter topic per consumer group, with distinct headers', () => {
    expect(deadLetterTopic('governance-bridge')).toBe('sanshe.dlq.governance-bridge');
    const headers = Object.values(DEAD_LETTER_HEADERS);
    expect(new Set(headers).size).toBe(headers.length);
    for (const header of headers) expect(header).toMatch(/^sanshe-dlq-[a-z-]+$/);
  });
});
