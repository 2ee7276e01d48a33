import { AWARD_FUNDER_SEAT, programPolicies, streetArbiter } from './money-policies';

/** The controller that speaks for a seat (docs/decisions.md, "Controllers and blocs"): its context or portal. */
const controllerOf = (partyId: string) =>
  ({ community: 'community', residents: 'community', talent: 'talent', funder: 'funding' })[partyId.split(':')[0]!] ??
  partyId;

describe('the programs’ money policies', () => {
  const windows = { voteSeconds: 120, arbiterSeconds: 60 };

  it.each(['funder:demo-fund', 'portal:district-bureau'])(
    'no controller blocks or approves alone (funder %s): each bloc is below the quorum, the rest reach it',
    (funderId) => {
      for (const policy of programPolicies('prog-demo', funderId, 'portal:street-{streetCode}', windows)) {
        const blocs = new Map<string, number>();
        for (const seat of policy.parties) {
          const controller = controllerOf(seat.partyId);
          blocs.set(controller, (blocs.get(controller) ?? 0) + seat.weight);
        }
        const total = [...blocs.values()].reduce((a, b) => a + b, 0);
        for (const [controller, weight] of blocs) {
          expect({ controller, alone: weight < policy.quorum }).toEqual({ controller, alone: true });
          expect({ controller, without: total - weight >= policy.quorum }).toEqual({ controller, without: true });
        }
      }
    },
  );

  it('scopes both to the program, windows in seconds, the funder and the community approving together', () => {
    const [award, verify] = programPolicies('prog-demo', 'funder:demo-fund', 'portal:street-{streetCode}', windows);
    expect(award).toMatchObject({
      ...{ policyId: 'program.prog-demo.grant-award', decisionKind: 'grant-award', programId: 'prog-demo' },
      communityCode: null,
      escalation: [{ arbiterId: 'portal:street-{streetCode}', defaultOutcome: 'rejected' }],
    });
    expect(verify).toMatchObject({
      ...{ policyId: 'program.prog-demo.milestone-verification', decisionKind: 'milestone-verification' },
      escalation: [{ defaultOutcome: 'approved' }],
    });
    for (const policy of [award!, verify!]) {
      expect(policy.parties.every((p) => Math.abs(p.voteWindowHours * 3600 - 120) < 1e-9)).toBe(true);
    }
    // The program's funder proposes the award (its seat would be recused): the district's fund sits instead.
    const weightIn = (policy: typeof award, id: string) => policy?.parties.find((p) => p.partyId === id)?.weight ?? 0;
    expect(weightIn(award, 'funder:demo-fund')).toBe(0);
    expect(weightIn(award, AWARD_FUNDER_SEAT) + weightIn(award, 'community:{communityCode}')).toBe(award?.quorum);
    expect(weightIn(verify, 'funder:demo-fund') + weightIn(verify, 'community:{communityCode}')).toBe(verify?.quorum);
  });

  it('names the street office by its street when the run named its offices so, else the first office', () => {
    expect(streetArbiter({ '310104-005': 'street-310104-005', '310104-006': 'street-310104-006' })).toBe(
      'portal:street-{streetCode}',
    );
    expect(streetArbiter({ '310104-005': 'xinhua-office' })).toBe('portal:xinhua-office');
    expect(() => streetArbiter({})).toThrow(/no street office/);
  });
});
