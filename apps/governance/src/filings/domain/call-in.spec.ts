import { controllerOf, DEFAULT_CONTROLLER_RULES } from '../../parties/domain/party-controller';
import { calledIn, type CallInRequest, checkCallIn, type FilingForCallIn } from './call-in';

const C = '310104-005-001';
const seats = {
  community: `community:${C}`,
  residents: `residents:${C}`,
  talent: 'talent:district-social-workers',
  funder: 'funder:district-civil-affairs-fund',
  federation: 'organization:district-federation',
};
const proposer = 'organization:org-x';
const rule = { callInControllers: 2 };
const byController = (partyId: string) => controllerOf(DEFAULT_CONTROLLER_RULES, partyId);
const UNTIL = Date.parse('2026-12-04T09:00:00.000Z');

/** The seeded district defaults (v4) bound to community C, less the proposer. */
const filing = (over: Partial<FilingForCallIn> = {}): FilingForCallIn => ({
  proposerId: proposer,
  eligiblePartyIds: Object.values(seats),
  callInUntil: UNTIL,
  status: 'noticed',
  acceptedPartyIds: [],
  ...over,
});
const by = (partyId: string, over: Partial<CallInRequest> = {}): CallInRequest => ({
  partyId,
  castBy: partyId,
  castAt: UNTIL - 1,
  ...over,
});

describe('counting call-ins by controller (FILING_RULE: two controllers)', () => {
  it('community:C alone is one controller: not called in', () => {
    expect(calledIn([seats.community], byController, rule)).toBe(false);
  });

  it('community:C + residents:C is still one controller (community): not called in', () => {
    expect(calledIn([seats.community, seats.residents], byController, rule)).toBe(false);
  });

  it('+ talent:district-social-workers makes two controllers: called in', () => {
    expect(calledIn([seats.community, seats.residents, seats.talent], byController, rule)).toBe(true);
  });

  it('organization:district-federation + community:C are two controllers: called in', () => {
    expect(calledIn([seats.federation, seats.community], byController, rule)).toBe(true);
  });

  it('a party nobody speaks for adds no controller', () => {
    expect(calledIn([seats.community, 'ghost:x'], () => null, rule)).toBe(false);
  });
});

describe('checkCallIn', () => {
  it('accepts a seated party within the window', () => {
    expect(checkCallIn(filing(), by(seats.talent))).toBeNull();
    expect(checkCallIn(filing(), by(seats.talent, { castAt: UNTIL }))).toBeNull(); // the last instant still counts
  });

  it('refuses one party calling in for another (wrong-identity)', () => {
    expect(checkCallIn(filing(), by(seats.talent, { castBy: seats.funder }))).toMatchObject({ code: 'wrong-identity' });
  });

  it('refuses the proposer organization:org-x (conflict-of-interest)', () => {
    const refusal = checkCallIn(filing({ eligiblePartyIds: [...Object.values(seats), proposer] }), by(proposer));
    expect(refusal).toMatchObject({ code: 'conflict-of-interest' });
  });

  it('refuses an unseated party (not-a-party), naming who is eligible', () => {
    const refusal = checkCallIn(filing(), by('volunteers:some-team'));
    expect(refusal).toMatchObject({ code: 'not-a-party' });
    expect((refusal as { reason: string }).reason).toContain(seats.federation);
  });

  it('refuses a call-in cast after callInUntil (call-in-closed), naming both times', () => {
    const refusal = checkCallIn(filing(), by(seats.talent, { castAt: UNTIL + 1 }));
    expect(refusal).toMatchObject({ code: 'call-in-closed' });
    expect((refusal as { reason: string }).reason).toContain('2026-12-04T09:00:00.000Z');
  });

  it('refuses a call-in on a withdrawn filing (filing-closed), even within the window', () => {
    expect(checkCallIn(filing({ status: 'withdrawn' }), by(seats.talent))).toMatchObject({ code: 'filing-closed' });
  });

  it('answers the same party again as a duplicate, with no second effect', () => {
    expect(checkCallIn(filing({ acceptedPartyIds: [seats.talent] }), by(seats.talent))).toBe('duplicate');
  });

  it('counts a call-in on a filing already called in (the decision is open; it adds a name)', () => {
    expect(
      checkCallIn(filing({ status: 'called-in', acceptedPartyIds: [seats.community, seats.talent] }), by(seats.funder)),
    ).toBeNull();
  });
});
