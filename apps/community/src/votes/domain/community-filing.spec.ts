import {
  callInRefusal,
  communityEligible,
  type CommunityCallIn,
  type CommunityFiling,
  filingAfterNotice,
  filingAfterWithdrawal,
  requestCallIn,
} from './community-filing';

const CODE = '310104-005-001';
const FILING: CommunityFiling = {
  decisionId: 'decision/activity-proposal/prop-2',
  proposalId: 'prop-2',
  communityCode: CODE,
  proposerId: 'organization:org-x',
  callInUntil: '2026-11-30T08:00:00.000Z',
  eligiblePartyIds: [`community:${CODE}`, `residents:${CODE}`],
  status: 'noticed',
};
const BEFORE = new Date('2026-11-30T07:59:59.000Z');
const reason = { code: 'venue-conflict', text: '同一时段活动室已有安排' };
const input = { proposalId: 'prop-2', partyId: `community:${CODE}`, reason };

describe('the community’s view of a filing', () => {
  it('keeps only the community’s parties among governance’s eligible ones', () => {
    const eligible = [
      `community:${CODE}`,
      `residents:${CODE}`,
      'talent:district-social-workers',
      'funder:district-civil-affairs-fund',
      'organization:district-federation',
    ];
    expect(communityEligible(eligible)).toEqual([`community:${CODE}`, `residents:${CODE}`]);
    expect(communityEligible(['talent:district-social-workers'])).toEqual([]);
  });
});

describe('a withdrawn filing', () => {
  const withdrawal = {
    decisionId: FILING.decisionId,
    proposalId: 'prop-2',
    communityCode: CODE,
    proposerId: 'organization:org-x',
    withdrawnAt: '2026-11-28T09:30:00.000Z',
  };

  it('closes a noticed filing; withdrawn again, or once called in, nothing changes', () => {
    const withdrawn = filingAfterWithdrawal(FILING, withdrawal);
    expect(withdrawn).toEqual({ ...FILING, status: 'withdrawn' });
    expect(filingAfterWithdrawal(withdrawn, withdrawal)).toBeNull();
    expect(filingAfterWithdrawal({ ...FILING, status: 'called-in' }, withdrawal)).toBeNull();
  });

  it('is refused a call-in (call-in-closed), even within the window', () => {
    expect(callInRefusal({ ...FILING, status: 'withdrawn' }, `community:${CODE}`, null, BEFORE)).toEqual({
      code: 'call-in-closed',
      message: 'the filing of prop-2 is withdrawn',
    });
  });

  it('read before its notice stays withdrawn when the notice comes, with the notice’s window and seats', () => {
    const early = filingAfterWithdrawal(null, withdrawal);
    expect(early).toEqual({
      ...FILING,
      callInUntil: withdrawal.withdrawnAt,
      eligiblePartyIds: [],
      status: 'withdrawn',
    });
    const late = filingAfterNotice(early, FILING);
    expect(late).toEqual({ ...FILING, status: 'withdrawn' });
    expect(filingAfterNotice(late, FILING)).toBeNull(); // the notice again: nothing
  });

  it('a notice never reopens a filing the community knows (duplicate, called in, withdrawn)', () => {
    expect(filingAfterNotice(null, FILING)).toEqual(FILING);
    expect(filingAfterNotice(FILING, FILING)).toBeNull();
    expect(filingAfterNotice({ ...FILING, status: 'called-in' }, FILING)).toBeNull();
    expect(filingAfterNotice({ ...FILING, status: 'withdrawn' }, FILING)).toBeNull();
  });
});

describe('a call-in', () => {
  it('is accepted from an eligible party within the window, up to callInUntil itself', () => {
    expect(callInRefusal(FILING, `community:${CODE}`, null, BEFORE)).toBeNull();
    expect(callInRefusal(FILING, `residents:${CODE}`, null, new Date(FILING.callInUntil))).toBeNull();
  });

  it('is not-seated for a party the filing does not seat (another community’s)', () => {
    expect(callInRefusal(FILING, 'community:310104-005-002', null, BEFORE)).toEqual({
      code: 'not-seated',
      message: 'the filing of prop-2 does not seat community:310104-005-002',
    });
    const committeeOnly = { ...FILING, eligiblePartyIds: [`community:${CODE}`] };
    expect(callInRefusal(committeeOnly, `residents:${CODE}`, null, BEFORE)?.code).toBe('not-seated');
  });

  it('is call-in-closed once past the window, once called in, and the second time a party calls in', () => {
    expect(callInRefusal(FILING, `community:${CODE}`, null, new Date('2026-11-30T08:00:00.001Z'))).toEqual({
      code: 'call-in-closed',
      message: 'the filing of prop-2 could be called in until 2026-11-30T08:00:00.000Z',
    });
    expect(callInRefusal({ ...FILING, status: 'called-in' }, `community:${CODE}`, null, BEFORE)).toEqual({
      code: 'call-in-closed',
      message: 'the filing of prop-2 is called-in',
    });
    const earlier = requestCallIn('call-in-1', input, FILING, 'li-na').callIn;
    expect(callInRefusal(FILING, `community:${CODE}`, earlier, BEFORE)).toEqual({
      code: 'call-in-closed',
      message: `community:${CODE} already called in the filing of prop-2 (call-in call-in-1)`,
    });
    const refused: CommunityCallIn = { ...earlier, status: 'rejected', rejection: { code: 'x', reason: 'y' } };
    expect(callInRefusal(FILING, `community:${CODE}`, refused, BEFORE)?.code).toBe('call-in-closed');
  });

  it('names not-seated before a closed window (the party was never asked)', () => {
    const late = new Date('2026-12-01T00:00:00.000Z');
    expect(callInRefusal({ ...FILING, status: 'called-in' }, 'community:310104-005-002', null, late)?.code).toBe(
      'not-seated',
    );
  });

  it('leaves as one call-in-requested for the party, keyed by the decision it would open', () => {
    const { callIn, event } = requestCallIn('call-in-1', input, FILING, 'li-na');
    expect(event).toEqual({
      type: 'sanshe.community.filing.call-in-requested.v1',
      subject: FILING.decisionId,
      id: 'sanshe.community.filing.call-in-requested.v1:call-in-1',
      data: {
        decisionId: FILING.decisionId,
        proposalId: 'prop-2',
        partyId: `community:${CODE}`,
        castBy: `community:${CODE}`,
        reason,
      },
    });
    expect(callIn).toEqual({
      callInId: 'call-in-1',
      eventId: event.id,
      decisionId: FILING.decisionId,
      proposalId: 'prop-2',
      partyId: `community:${CODE}`,
      reason,
      castBySub: 'li-na',
      status: 'sent',
      rejection: null,
    });
  });
});
