import type { DecisionPolicy, EscalationStep } from '@sanshe/contracts';
import fc from 'fast-check';
import {
  bindPolicyToArea,
  bindPolicyToCommunity,
  type PolicyViolation,
  totalWeight,
  unboundPlaceholders,
  validatePolicy,
} from '../../src/decision/domain/policy-rules';
import { kindArb, maxWeightOf, totalOf, validPolicyArb } from './arbitraries';
import { COMMUNITY, DISTRICT, FUNDER, PEER, STREET, streetPolicy } from './fixtures';
import { must } from './simulate';

const RUNS = { numRuns: 200 };
const [street, district] = streetPolicy().escalation as [EscalationStep, EscalationStep];
const rulesOf = (violations: PolicyViolation[]) => violations.map(({ rule, partyId }) => ({ rule, partyId }));

/** A valid policy and one of its seats. */
const policyAndSeat = validPolicyArb.chain((policy) =>
  fc.record({ policy: fc.constant(policy), p: fc.integer({ min: 0, max: policy.parties.length - 1 }) }),
);

describe('validatePolicy', () => {
  it('accepts every generated valid policy, whatever the party kinds', () => {
    fc.assert(
      fc.property(validPolicyArb, (policy) => {
        expect(validatePolicy(policy)).toEqual([]);
        // The generator's own claim, checked independently: no party blocks or approves alone.
        const total = totalOf(policy.parties);
        for (const seat of policy.parties) {
          expect(total - seat.weight).toBeGreaterThanOrEqual(policy.quorum);
          expect(seat.weight).toBeLessThan(policy.quorum);
        }
      }),
      RUNS,
    );
  });

  it('no-single-veto: raising the quorum above what the others hold without one party names that party', () => {
    fc.assert(
      fc.property(policyAndSeat, fc.nat({ max: 5 }), ({ policy, p }, extra) => {
        const seat = must(policy.parties[p]);
        const quorum = totalOf(policy.parties) - seat.weight + 1 + extra;
        fc.pre(quorum <= totalOf(policy.parties));
        const violations = validatePolicy({ ...policy, quorum });
        expect(rulesOf(violations)).toContainEqual({ rule: 'no-single-veto', partyId: seat.partyId });
        expect(violations.find((v) => v.partyId === seat.partyId)?.message).toContain(seat.partyId);
      }),
      RUNS,
    );
  });

  it('a dominant party under a majority quorum is refused twice, and nobody else is named', () => {
    fc.assert(
      fc.property(policyAndSeat, fc.integer({ min: 1, max: 50 }), ({ policy, p }, margin) => {
        const others = totalOf(policy.parties) - must(policy.parties[p]).weight;
        const parties = policy.parties.map((s, i) => (i === p ? { ...s, weight: others + margin } : s));
        const quorum = Math.floor(totalOf(parties) / 2) + 1;
        const dominant = must(policy.parties[p]).partyId;
        expect(rulesOf(validatePolicy({ ...policy, parties, quorum }))).toEqual([
          { rule: 'no-single-veto', partyId: dominant },
          { rule: 'no-single-approval', partyId: dominant },
        ]);
      }),
      RUNS,
    );
  });

  it('no-single-approval: a party whose weight reaches the quorum is named, and only it', () => {
    fc.assert(
      fc.property(policyAndSeat, fc.nat({ max: 20 }), ({ policy, p }, extra) => {
        const parties = policy.parties.map((s, i) => (i === p ? { ...s, weight: policy.quorum + extra } : s));
        expect(rulesOf(validatePolicy({ ...policy, parties }))).toEqual([
          { rule: 'no-single-approval', partyId: must(policy.parties[p]).partyId },
        ]);
      }),
      RUNS,
    );
  });

  it('on any policy, names exactly the parties that could block or approve alone', () => {
    const anyPolicy = fc
      .record({
        weights: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 8 }),
        kind: kindArb,
        base: validPolicyArb,
      })
      .chain(({ weights, kind, base }) =>
        fc.integer({ min: 1, max: weights.reduce((a, b) => a + b, 0) + 5 }).map((quorum): DecisionPolicy => ({
          ...base,
          parties: weights.map((weight, i) => ({
            partyId: `${kind}:x${i}`,
            kind,
            title: `x${i}`,
            weight,
            voteWindowHours: 24,
          })),
          quorum,
        })),
      );
    fc.assert(
      fc.property(anyPolicy, (policy) => {
        const total = totalOf(policy.parties);
        expect(totalWeight(policy)).toBe(total);
        const named = (rule: PolicyViolation['rule']) =>
          validatePolicy(policy)
            .filter((v) => v.rule === rule)
            .map((v) => v.partyId);
        expect(named('no-single-veto')).toEqual(
          policy.parties.filter((s) => total - s.weight < policy.quorum).map((s) => s.partyId),
        );
        expect(named('no-single-approval')).toEqual(
          policy.parties.filter((s) => s.weight >= policy.quorum).map((s) => s.partyId),
        );
        expect(named('quorum')).toEqual(policy.quorum > total ? [undefined] : []);
        // Valid exactly when the quorum lies in (max weight, total − max weight].
        const valid =
          policy.quorum > maxWeightOf(policy.parties) && policy.quorum <= total - maxWeightOf(policy.parties);
        expect(validatePolicy(policy).length === 0).toBe(valid);
      }),
      RUNS,
    );
  });

  it('the street fixture is valid', () => {
    expect(validatePolicy(streetPolicy())).toEqual([]);
  });

  it('duplicate-party: a party has one seat', () => {
    const policy = streetPolicy();
    const parties = [...policy.parties, { ...must(policy.parties[0]), title: 'again' }];
    expect(rulesOf(validatePolicy({ ...policy, parties, quorum: 6 }))).toEqual([
      { rule: 'duplicate-party', partyId: COMMUNITY },
    ]);
  });

  it('quorum: a quorum above the total weight can never pass', () => {
    expect(rulesOf(validatePolicy(streetPolicy({ quorum: 9 })))).toContainEqual({ rule: 'quorum', partyId: undefined });
  });

  it('neutral-arbiter: an arbiter may not also vote', () => {
    const policy = streetPolicy();
    const escalation = [{ ...street, arbiterId: FUNDER }, district];
    expect(rulesOf(validatePolicy({ ...policy, escalation }))).toEqual([{ rule: 'neutral-arbiter', partyId: FUNDER }]);
  });

  it('escalation-ends: the last level cannot defer upwards', () => {
    const policy = streetPolicy();
    const escalation = [street, { ...district, defaultOutcome: 'escalate' as const }];
    expect(rulesOf(validatePolicy({ ...policy, escalation }))).toEqual([
      { rule: 'escalation-ends', partyId: DISTRICT },
    ]);
    expect(rulesOf(validatePolicy({ ...policy, escalation: [street] }))).toEqual([
      { rule: 'escalation-ends', partyId: STREET },
    ]);
  });

  it('names the party in a readable message', () => {
    const [violation] = validatePolicy(streetPolicy({ quorum: 8 }));
    expect(violation).toMatchObject({ rule: 'no-single-veto', partyId: COMMUNITY });
    expect(must(violation).message).toBe(
      `without ${COMMUNITY} (weight 2) the others hold 6 < quorum 8: ${COMMUNITY} could block every decision alone by objecting or staying silent`,
    );
    expect(rulesOf(validatePolicy(streetPolicy({ quorum: 8 })))).toContainEqual({
      rule: 'no-single-veto',
      partyId: PEER,
    });
  });
});

describe('bindPolicyToCommunity', () => {
  it('seats the decision community in `kind:{communityCode}` seats and changes nothing else', () => {
    const district = streetPolicy({
      communityCode: null,
      parties: streetPolicy().parties.map((seat) =>
        seat.kind === 'community' || seat.kind === 'residents'
          ? { ...seat, partyId: `${seat.kind}:{communityCode}` }
          : seat,
      ),
    });
    const bound = bindPolicyToCommunity(district, '310104-005-002');
    expect(bound.parties.map((seat) => seat.partyId)).toEqual([
      'community:310104-005-002',
      'residents:310104-005-002',
      ...district.parties.slice(2).map((seat) => seat.partyId),
    ]);
    expect({ ...bound, parties: bound.parties.map((seat) => ({ ...seat, partyId: '' })) }).toEqual({
      ...district,
      parties: district.parties.map((seat) => ({ ...seat, partyId: '' })),
    });
    expect(validatePolicy(bound)).toEqual([]);
  });
});

describe('bindPolicyToArea', () => {
  const AREA = { communityCode: '310104-005-001', streetCode: '310104-005', districtCode: '310104' };
  /** The street example as a district-wide template: its community's seats, its street's and district's arbiters. */
  const template = () =>
    streetPolicy({
      communityCode: null,
      parties: streetPolicy().parties.map((seat, i) =>
        i === 0
          ? { ...seat, partyId: 'community:{communityCode}' }
          : i === 1
            ? { ...seat, partyId: 'residents:rep-{communityCode}' }
            : seat,
      ),
      escalation: [
        { ...street, arbiterId: 'portal:street-{streetCode}' },
        { ...district, arbiterId: 'portal:civil-affairs-{districtCode}' },
      ],
    });

  it('fills all three placeholders, whole ids and inside them, in seats and arbiters, and changes nothing else', () => {
    const policy = template();
    const bound = bindPolicyToArea(policy, AREA);
    expect(bound.parties.map((seat) => seat.partyId)).toEqual([
      'community:310104-005-001',
      'residents:rep-310104-005-001',
      ...policy.parties.slice(2).map((seat) => seat.partyId),
    ]);
    expect(bound.escalation.map((step) => step.arbiterId)).toEqual([
      'portal:street-310104-005',
      'portal:civil-affairs-310104',
    ]);
    const blank = (p: typeof policy) => ({
      ...p,
      parties: p.parties.map((seat) => ({ ...seat, partyId: '' })),
      escalation: p.escalation.map((step) => ({ ...step, arbiterId: '' })),
    });
    expect(blank(bound)).toEqual(blank(policy));
    expect(validatePolicy(bound)).toEqual([]);
    expect(unboundPlaceholders(policy, AREA)).toEqual([]);
  });

  it('a street and a district in one id; another street binds its own office', () => {
    const policy = streetPolicy({
      escalation: [{ ...district, arbiterId: 'portal:{districtCode}-office-{streetCode}' }],
    });
    const other = { ...AREA, communityCode: '310104-006-002', streetCode: '310104-006' };
    expect(bindPolicyToArea(policy, other).escalation[0]?.arbiterId).toBe('portal:310104-office-310104-006');
  });

  it('names each placeholder an unknown street or district leaves unbound, and leaves it as it is', () => {
    const policy = template();
    const unknown = { communityCode: 'chaos-community', streetCode: null, districtCode: null };
    expect(unboundPlaceholders(policy, unknown)).toEqual([
      { partyId: 'portal:street-{streetCode}', placeholder: '{streetCode}' },
      { partyId: 'portal:civil-affairs-{districtCode}', placeholder: '{districtCode}' },
    ]);
    expect(bindPolicyToArea(policy, unknown).escalation[0]?.arbiterId).toBe('portal:street-{streetCode}');
    // `{communityCode}` alone binds for any community code, as it always did.
    const seatsOnly = { ...policy, escalation: [street, district] };
    expect(unboundPlaceholders(seatsOnly, unknown)).toEqual([]);
    expect(bindPolicyToCommunity(seatsOnly, 'chaos-community').parties[0]?.partyId).toBe('community:chaos-community');
  });

  it('binding that makes an arbiter one of the voters is caught by validating the bound policy', () => {
    const policy = streetPolicy({ escalation: [{ ...district, arbiterId: 'community:{communityCode}' }] });
    expect(validatePolicy(policy)).toEqual([]);
    const bound = bindPolicyToArea(policy, { ...AREA, communityCode: COMMUNITY.slice('community:'.length) });
    expect(validatePolicy(bound).map(({ rule, partyId }) => ({ rule, partyId }))).toEqual([
      { rule: 'neutral-arbiter', partyId: COMMUNITY },
    ]);
  });
});

describe('validatePolicy with template controllers', () => {
  /** As governance resolves: a portal id, templated or not, is its own controller; other kinds by kind. */
  const controllerOf = (partyId: string) =>
    partyId.startsWith('portal:') ? partyId : partyId.slice(0, partyId.indexOf(':'));

  it('a templated arbiter is a controller of its own, apart from every seat', () => {
    const policy = streetPolicy({
      escalation: [
        { ...street, arbiterId: 'portal:street-{streetCode}' },
        { ...district, arbiterId: 'portal:civil-affairs-{districtCode}' },
      ],
    });
    expect(validatePolicy(policy, controllerOf)).toEqual([]);
    // Without a controller for the template it could never rule: refused, naming it.
    const unresolved = (partyId: string) => (partyId.includes('{') ? null : controllerOf(partyId));
    expect(validatePolicy(policy, unresolved).map(({ rule, partyId }) => ({ rule, partyId }))).toEqual([
      { rule: 'no-controller', partyId: 'portal:street-{streetCode}' },
      { rule: 'no-controller', partyId: 'portal:civil-affairs-{districtCode}' },
    ]);
  });
});
