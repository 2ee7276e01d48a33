import { checkCommunityFacts, type KnownNeed, type KnownVenue } from './community-facts';
import { NeedClosed, ProposalInputInvalid } from './proposal-errors';

const HERE = '310104-005-001';
const THERE = '310104-005-002';
const need = (over: Partial<KnownNeed> = {}): KnownNeed => ({
  needId: 'need-1',
  communityCode: HERE,
  status: 'open',
  ...over,
});
const venue = (over: Partial<KnownVenue> = {}): KnownVenue => ({
  ...{ venueId: 'venue-1', communityCode: HERE, capacity: 40, status: 'active' },
  ...over,
});
const content = { needId: 'need-1', venueId: 'venue-1', expectedParticipants: 30 };

describe('checkCommunityFacts', () => {
  it('a known open need and an active venue that holds everyone: no warning', () => {
    expect(checkCommunityFacts(HERE, content, { need: need(), venue: venue() })).toEqual([]);
    expect(checkCommunityFacts(HERE, content, { need: need({ status: 'matched' }), venue: venue() })).toEqual([]);
  });

  it('no need or venue named: nothing to check', () => {
    expect(checkCommunityFacts(HERE, {}, { need: null, venue: null })).toEqual([]);
  });

  it('an unknown need or venue is a warning, not a refusal (the community’s events may lag)', () => {
    const warnings = checkCommunityFacts(HERE, content, { need: null, venue: null });
    expect(warnings.map((w) => w.path)).toEqual(['/needId', '/venueId']);
  });

  it('a retired venue or one too small is a warning', () => {
    expect(checkCommunityFacts(HERE, content, { need: need(), venue: venue({ status: 'retired' }) })).toEqual([
      expect.objectContaining({ path: '/venueId', message: expect.stringContaining('retired') }),
    ]);
    expect(checkCommunityFacts(HERE, content, { need: need(), venue: venue({ capacity: 20 }) })).toEqual([
      expect.objectContaining({ path: '/expectedParticipants', message: expect.stringContaining('20') }),
    ]);
  });

  it('a need or venue of another community is refused naming each field', () => {
    const refuse = () =>
      checkCommunityFacts(HERE, content, {
        need: need({ communityCode: THERE }),
        venue: venue({ communityCode: THERE }),
      });
    expect(refuse).toThrow(ProposalInputInvalid);
    expect(refuse).toThrow(
      expect.objectContaining({
        problems: [expect.objectContaining({ path: '/needId' }), expect.objectContaining({ path: '/venueId' })],
      }),
    );
  });

  it('a closed need of the community is refused (need-closed)', () => {
    expect(() => checkCommunityFacts(HERE, content, { need: need({ status: 'closed' }), venue: venue() })).toThrow(
      NeedClosed,
    );
  });
});
