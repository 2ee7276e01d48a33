import {
  appoint,
  bodyOfParty,
  communityDate,
  isServing,
  remove,
  type Representative,
  seatHeldBy,
} from './representative';

const committeeMember = appoint('rep-1', '310104-005-001', {
  body: 'committee',
  personSub: 'li-na',
  title: '居委会主任',
  termFrom: '2026-01-01',
  termTo: '2028-12-31',
}).state;

describe('representative rules', () => {
  it('maps each party to its body: community → committee, residents → residents, others → none', () => {
    expect(bodyOfParty('community:310104-005-001')).toEqual({ body: 'committee', communityCode: '310104-005-001' });
    expect(bodyOfParty('residents:310104-005-001')).toEqual({ body: 'residents', communityCode: '310104-005-001' });
    expect(bodyOfParty('organization:org-1')).toBeNull();
    expect(bodyOfParty('community:')).toBeNull();
  });

  it('finds the seat a person already holds in the community, in either body', () => {
    expect(seatHeldBy([committeeMember], 'li-na')).toBe(committeeMember);
    expect(seatHeldBy([committeeMember], 'wang-fang')).toBeNull();
    const ended = remove(committeeMember, 'resigned')?.state as Representative;
    expect(seatHeldBy([ended], 'li-na')).toBeNull();
  });

  it('appoints with one event that carries no person id', () => {
    const { events } = appoint('rep-2', '310104-005-001', {
      body: 'residents',
      personSub: 'wang-fang',
      title: '居民代表',
      termFrom: '2026-01-01',
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'sanshe.community.representative.appointed.v1',
      id: 'sanshe.community.representative.appointed.v1:rep-2:1',
    });
    expect(JSON.stringify(events[0])).not.toContain('wang-fang');
  });

  it('removes once: an ended seat cannot end again', () => {
    const removed = remove(committeeMember, 'term-ended');
    expect(removed?.state.status).toBe('ended');
    expect(removed?.events.map((e) => e.type)).toEqual(['sanshe.community.representative.removed.v1']);
    expect(remove(removed!.state, 'other')).toBeNull();
  });

  it('serves only while active and within the term', () => {
    expect(isServing(committeeMember, '2026-06-01')).toBe(true);
    expect(isServing(committeeMember, '2025-12-31')).toBe(false);
    expect(isServing(committeeMember, '2029-01-01')).toBe(false);
    expect(isServing({ ...committeeMember, status: 'ended' }, '2026-06-01')).toBe(false);
    expect(isServing({ ...committeeMember, termTo: null }, '2040-01-01')).toBe(true);
  });

  it('dates a term in the community’s calendar: 2026-12-31 23:30 UTC is already 2027-01-01 in Shanghai', () => {
    expect(communityDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(communityDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(isServing(committeeMember, communityDate(new Date('2028-12-31T16:00:00Z')))).toBe(false);
  });
});
