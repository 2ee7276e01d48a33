import fc from 'fast-check';
import { type PolicyViolation, validatePolicy } from '../../src/decision/domain/policy-rules';
import { controlledPolicyArb, resolverOf } from './controller-arbitraries';
import { controllerPowers } from './controller-oracle';

const RUNS = { numRuns: 300 };

/** The controllers named by violations of the given rules, sorted. */
const controllersNamed = (violations: PolicyViolation[], rules: PolicyViolation['rule'][]) =>
  [...new Set(violations.filter((v) => rules.includes(v.rule)).map((v) => v.controller))].sort();

describe('validatePolicy per controller (property-based, against a brute-force oracle)', () => {
  it('names exactly the controllers that can block alone, and those that can approve alone', () => {
    fc.assert(
      fc.property(controlledPolicyArb, ({ policy, table }) => {
        const controllerOf = resolverOf(table);
        const violations = validatePolicy(policy, controllerOf);
        const powers = [...controllerPowers(policy, controllerOf)];
        const holding = (power: 'blocks' | 'approves') =>
          powers
            .filter(([, can]) => can[power])
            .map(([controller]) => controller)
            .sort();

        // A controller of one seat is named by the party rule, a bloc by the controller rule.
        expect(controllersNamed(violations, ['no-single-veto', 'controller-veto'])).toEqual(holding('blocks'));
        expect(controllersNamed(violations, ['no-single-approval', 'controller-approval'])).toEqual(
          holding('approves'),
        );
      }),
      RUNS,
    );
  });

  it('a controller violation lists every seat that controller speaks for, and the message names it', () => {
    fc.assert(
      fc.property(controlledPolicyArb, ({ policy, table }) => {
        const controllerOf = resolverOf(table);
        for (const violation of validatePolicy(policy, controllerOf)) {
          if (violation.controller === undefined) continue;
          const spoken = policy.parties.filter((seat) => controllerOf(seat.partyId) === violation.controller);
          expect(violation.partyIds).toEqual(spoken.map((seat) => seat.partyId));
          if (violation.rule.startsWith('controller-')) {
            expect(spoken.length).toBeGreaterThan(1);
            expect(violation.message).toContain(violation.controller);
          }
        }
      }),
      RUNS,
    );
  });

  it('refuses every seat and arbiter nobody speaks for, and every arbiter whose controller also votes', () => {
    fc.assert(
      fc.property(controlledPolicyArb, ({ policy, table }) => {
        const controllerOf = resolverOf(table);
        const violations = validatePolicy(policy, controllerOf);
        const named = (rule: PolicyViolation['rule']) =>
          violations.filter((v) => v.rule === rule).map((v) => v.partyId);
        const everyone = [...policy.parties.map((s) => s.partyId), ...policy.escalation.map((s) => s.arbiterId)];
        expect(named('no-controller')).toEqual(everyone.filter((id) => controllerOf(id) === null));

        const voting = new Set(policy.parties.map((seat) => controllerOf(seat.partyId)));
        const seated = new Set(policy.parties.map((seat) => seat.partyId));
        const partial = policy.escalation
          .map((step) => step.arbiterId)
          .filter((id) => seated.has(id) || (controllerOf(id) !== null && voting.has(controllerOf(id))));
        expect(named('neutral-arbiter')).toEqual(partial);
      }),
      RUNS,
    );
  });

  it('accepts a policy exactly when no controller can block or approve alone and everyone is spoken for', () => {
    fc.assert(
      fc.property(controlledPolicyArb, ({ policy, table }) => {
        const controllerOf = resolverOf(table);
        const powers = [...controllerPowers(policy, controllerOf).values()];
        const voting = new Set(policy.parties.map((seat) => controllerOf(seat.partyId)));
        const neutral = policy.escalation.every((step) => !voting.has(controllerOf(step.arbiterId)));
        const everyone = [...policy.parties.map((s) => s.partyId), ...policy.escalation.map((s) => s.arbiterId)];
        const everyoneSpokenFor = everyone.every((partyId) => controllerOf(partyId) !== null);
        const reachable = policy.parties.reduce((sum, seat) => sum + seat.weight, 0) >= policy.quorum;
        const valid = everyoneSpokenFor && neutral && reachable && powers.every((can) => !can.blocks && !can.approves);

        expect(validatePolicy(policy, controllerOf).length === 0).toBe(valid);
        // The controller rules only add to the party rules: a policy they accept, the party rules accept.
        if (valid) expect(validatePolicy(policy)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('without a resolver, only the party rules apply and nothing names a controller', () => {
    fc.assert(
      fc.property(controlledPolicyArb, ({ policy, table }) => {
        const withoutResolver = validatePolicy(policy);
        expect(withoutResolver.filter((v) => v.controller !== undefined || v.partyIds !== undefined)).toEqual([]);
        const partyRules = ({ rule, partyId, message }: PolicyViolation) =>
          rule.startsWith('controller-') || rule === 'no-controller' ? [] : [{ rule, partyId, message }];
        const neutralByParty = (v: PolicyViolation) =>
          v.rule !== 'neutral-arbiter' || policy.parties.some((s) => s.partyId === v.partyId);
        expect(withoutResolver).toEqual(
          validatePolicy(policy, resolverOf(table)).filter(neutralByParty).flatMap(partyRules),
        );
      }),
      RUNS,
    );
  });

  it('generates blocs, placeholders, unmapped parties, arbiters sharing a controller, and valid policies', () => {
    const samples = fc.sample(controlledPolicyArb, { numRuns: 1000, seed: 9 }).map(({ policy, table }) => {
      const controllerOf = resolverOf(table);
      const controllers = policy.parties.map((seat) => controllerOf(seat.partyId));
      const seated = new Set(policy.parties.map((seat) => seat.partyId));
      return {
        rules: validatePolicy(policy, controllerOf).map((v) => v.rule),
        bloc: new Set(controllers).size < controllers.length,
        placeholder: policy.parties.some((seat) => seat.partyId.includes('{communityCode}')),
        sharingArbiter: policy.escalation.some(
          (step) => !seated.has(step.arbiterId) && controllers.includes(controllerOf(step.arbiterId)),
        ),
      };
    });
    const count = (holds: (sample: (typeof samples)[number]) => boolean) => samples.filter(holds).length;
    expect(count((s) => s.placeholder)).toBeGreaterThan(100);
    expect(count((s) => s.sharingArbiter)).toBeGreaterThan(50);
    for (const rule of ['controller-veto', 'controller-approval', 'no-controller', 'neutral-arbiter'] as const) {
      expect(count((s) => s.rules.includes(rule))).toBeGreaterThan(50);
    }
    expect(count((s) => s.rules.length === 0)).toBeGreaterThan(50);
    expect(count((s) => s.rules.length === 0 && s.bloc)).toBeGreaterThan(30);
  });
});
