import type { EscalationStep } from '@sanshe/contracts';
import { validatePolicy } from '../../src/decision/domain/policy-rules';
import { type ControllerTable, resolverOf } from './controller-arbitraries';
import { COMMUNITY, DISTRICT, FUNDER, PEER, RESIDENTS, STREET, streetPolicy, TALENT } from './fixtures';

/** The seeded map: a community's committee and its residents both speak through the community service. */
const SEEDED: ControllerTable = {
  byKind: {
    community: 'community',
    residents: 'community',
    organization: 'organization',
    talent: 'talent',
    funder: 'funding',
    portal: null,
  },
  exact: { [STREET]: STREET, [DISTRICT]: DISTRICT },
};
const seeded = resolverOf(SEEDED);
/** The street fixture rebalanced as the district defaults were (migration 0006): every seat 2, quorum 6 of 10. */
const rebalanced = () =>
  streetPolicy({ parties: streetPolicy().parties.map((seat) => ({ ...seat, weight: 2 })), quorum: 6 });
const [street, district] = streetPolicy().escalation as [EscalationStep, EscalationStep];

describe('validatePolicy with a controller map', () => {
  it('refuses a bloc that can block alone, naming its controller and the seats it speaks for', () => {
    // community 2 + residents 2 of 8: objecting together they leave 4 < quorum 5, though neither can alone.
    expect(validatePolicy(streetPolicy())).toEqual([]);
    expect(validatePolicy(streetPolicy(), seeded)).toEqual([
      {
        rule: 'controller-veto',
        controller: 'community',
        partyIds: [COMMUNITY, RESIDENTS],
        message:
          `community speaks for ${COMMUNITY} + ${RESIDENTS} (weight 4); without them the others hold 4 < quorum 5: ` +
          'community could block every decision alone by objecting or staying silent on all its seats',
      },
    ]);
  });

  it('accepts the rebalanced weights, where the bloc leaves the others exactly the quorum', () => {
    expect(validatePolicy(rebalanced(), seeded)).toEqual([]);
  });

  it('refuses a bloc that can approve alone', () => {
    // community 2 + residents 4 of 12: together they reach quorum 6; the others (6) can still pass without them.
    const policy = rebalanced();
    const parties = policy.parties.map((seat) => (seat.partyId === RESIDENTS ? { ...seat, weight: 4 } : seat));
    expect(validatePolicy({ ...policy, parties, quorum: 6 }, seeded)).toEqual([
      {
        rule: 'controller-approval',
        controller: 'community',
        partyIds: [COMMUNITY, RESIDENTS],
        message: `community speaks for ${COMMUNITY} + ${RESIDENTS} (weight 6) ≥ quorum 6: it could approve alone`,
      },
    ]);
  });

  it('resolves `kind:{communityCode}` seats by their kind, so a district-wide bloc is caught too', () => {
    const parties = streetPolicy().parties.map((seat) =>
      seat.kind === 'community' || seat.kind === 'residents'
        ? { ...seat, partyId: `${seat.kind}:{communityCode}` }
        : seat,
    );
    const [violation] = validatePolicy(streetPolicy({ communityCode: null, parties }), seeded);
    expect(violation).toMatchObject({
      rule: 'controller-veto',
      controller: 'community',
      partyIds: ['community:{communityCode}', 'residents:{communityCode}'],
    });
  });

  it('refuses an arbiter whose controller also votes: a portal registered as a funder', () => {
    const portalFunds = resolverOf({ ...SEEDED, exact: { ...SEEDED.exact, [FUNDER]: DISTRICT } });
    expect(validatePolicy(rebalanced(), portalFunds)).toEqual([
      {
        rule: 'neutral-arbiter',
        partyId: DISTRICT,
        controller: DISTRICT,
        partyIds: [FUNDER],
        message:
          `arbiter ${DISTRICT} is spoken for by ${DISTRICT}, which also votes for ${FUNDER}; ` +
          'an arbiter must not settle a tie its controller took part in',
      },
    ]);
    const talentArbiter = [{ ...street, arbiterId: 'talent:street-arbiter' }, district];
    expect(validatePolicy({ ...rebalanced(), escalation: talentArbiter }, seeded)).toEqual([
      expect.objectContaining({ rule: 'neutral-arbiter', partyId: 'talent:street-arbiter', partyIds: [TALENT] }),
    ]);
  });

  it('refuses a seat or an arbiter nobody speaks for', () => {
    const policy = rebalanced();
    const parties = policy.parties.map((seat) =>
      seat.partyId === PEER ? { ...seat, partyId: 'charity:unmapped', kind: 'charity' } : seat,
    );
    const escalation = [street, { ...district, arbiterId: 'bureau:unmapped' }];
    expect(validatePolicy({ ...policy, parties, escalation }, seeded)).toEqual([
      {
        rule: 'no-controller',
        partyId: 'charity:unmapped',
        message:
          'no controller speaks for charity:unmapped: nobody could ever cast its vote, so it would be silent by construction',
      },
      {
        rule: 'no-controller',
        partyId: 'bureau:unmapped',
        message:
          'no controller speaks for arbiter bureau:unmapped: nobody could ever rule for it, so its level would always default',
      },
    ]);
  });

  it('names the controller of a party that breaks a party rule, and the seats it speaks for', () => {
    // Quorum 9 of 10: every seat of 2 could block alone.
    const violations = validatePolicy({ ...rebalanced(), quorum: 9 }, seeded);
    expect(violations.filter((v) => v.partyId === FUNDER)).toEqual([
      expect.objectContaining({ rule: 'no-single-veto', controller: 'funding', partyIds: [FUNDER] }),
    ]);
  });
});
