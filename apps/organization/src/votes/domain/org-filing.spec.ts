import { callInRefusal, filingAfterNotice, filingAfterWithdrawal, type OrgFiling, requestCallIn } from './org-filing';

const FILING: OrgFiling = {
  decisionId: 'decision/activity-proposal/prop-2',
  proposalId: 'prop-2',
  communityCode: '310104-005-001',
  proposerId: 'organization:org-x',
  callInUntil: '2026-11-30T08:00:00.000Z',
  eligiblePartyIds: ['organization:district-federation'],
  status: 'noticed',
};
const BEFORE = new Date('2026-11-30T07:59:59.000Z');

describe('a withdrawn filing', () => {
  const withdrawal = {
    decisionId: FILING.decisionId,
    proposalId: 'prop-2',
    communityCode: '310104-005-001',
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
    expect(callInRefusal({ ...FILING, status: 'withdrawn' }, 'organization:district-federation', BEFORE)).toEqual({
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

  it('a notice never reopens a filing the organization knows (duplicate, called in, withdrawn)', () => {
    expect(filingAfterNotice(null, FILING)).toEqual(FILING);
    expect(filingAfterNotice(FILING, FILING)).toBeNull();
    expect(filingAfterNotice({ ...FILING, status: 'called-in' }, FILING)).toBeNull();
    expect(filingAfterNotice({ ...FILING, status: 'withdrawn' }, FILING)).toBeNull();
  });
});

describe('a call-in', () => {
  it('is accepted from an eligible party within the window', () => {
    expect(callInRefusal(FILING, 'organization:district-federation', BEFORE)).toBeNull();
  });

  it('names the proposer’s own, an unseated party, a window passed and a filing no longer noticed', () => {
    expect(callInRefusal(FILING, 'organization:org-x', BEFORE)?.code).toBe('own-proposal');
    expect(callInRefusal(FILING, 'organization:org-y', BEFORE)?.code).toBe('not-seated');
    const late = callInRefusal(FILING, 'organization:district-federation', new Date('2026-11-30T08:00:01.000Z'));
    expect(late).toEqual({
      code: 'call-in-closed',
      message: 'the filing of prop-2 could be called in until 2026-11-30T08:00:00.000Z',
    });
    expect(callInRefusal({ ...FILING, status: 'called-in' }, 'organization:district-federation', BEFORE)?.code).toBe(
      'call-in-closed',
    );
  });

  it('leaves as one call-in-requested keyed by the decision it would open', () => {
    const reason = { code: 'staffing-unclear', text: '请说明督导安排' };
    const input = { proposalId: 'prop-2', partyId: 'organization:district-federation', reason };
    const { callIn, event } = requestCallIn('call-in-1', input, FILING, 'chen');
    expect(event).toEqual({
      type: 'sanshe.organization.filing.call-in-requested.v1',
      subject: FILING.decisionId,
      id: 'sanshe.organization.filing.call-in-requested.v1:call-in-1',
      data: {
        proposalId: 'prop-2',
        decisionId: FILING.decisionId,
        partyId: input.partyId,
        castBy: input.partyId,
        reason,
      },
    });
    expect(callIn).toMatchObject({ status: 'sent', decisionId: FILING.decisionId });
  });
});
