import { COMMUNITY_PLACEHOLDER, type DecisionPolicy, type DecisionPolicyInput } from '@sanshe/contracts/pure';

/** One reason a policy is refused; `partyId` names the party when the problem is about one. */
export interface PolicyViolation {
  rule: 'no-single-veto' | 'no-single-approval' | 'quorum' | 'duplicate-party' | 'neutral-arbiter' | 'escalation-ends';
  message: string;
  partyId?: string;
}

export const totalWeight = (policy: Pick<DecisionPolicyInput, 'parties'>) =>
  policy.parties.reduce((sum, seat) => sum + seat.weight, 0);

/**
 * The policy invariants (docs/decisions.md, "Policies") that a schema cannot express. A policy is
 * accepted only if
 * - no single party can block: for every party, the others together can still reach the quorum;
 * - no single party can decide: no party's weight reaches the quorum alone;
 * - every tie or silence has somewhere to go: the last escalation level ends in an outcome,
 *   and arbiters do not also vote (an arbiter settles what the voters could not).
 */
export function validatePolicy(policy: DecisionPolicyInput): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  const total = totalWeight(policy);

  const seen = new Set<string>();
  for (const { partyId } of policy.parties) {
    if (seen.has(partyId)) {
      violations.push({ rule: 'duplicate-party', partyId, message: `party ${partyId} has more than one seat` });
    }
    seen.add(partyId);
  }

  if (policy.quorum > total) {
    violations.push({
      rule: 'quorum',
      message: `quorum ${policy.quorum} exceeds the total weight ${total}: no decision could ever pass`,
    });
  }

  for (const seat of policy.parties) {
    const others = total - seat.weight;
    if (others < policy.quorum) {
      violations.push({
        rule: 'no-single-veto',
        partyId: seat.partyId,
        message:
          `without ${seat.partyId} (weight ${seat.weight}) the others hold ${others} < quorum ${policy.quorum}: ` +
          `${seat.partyId} could block every decision alone by objecting or staying silent`,
      });
    }
    if (seat.weight >= policy.quorum) {
      violations.push({
        rule: 'no-single-approval',
        partyId: seat.partyId,
        message: `${seat.partyId} has weight ${seat.weight} ≥ quorum ${policy.quorum}: it could approve alone`,
      });
    }
  }

  for (const step of policy.escalation) {
    if (seen.has(step.arbiterId)) {
      violations.push({
        rule: 'neutral-arbiter',
        partyId: step.arbiterId,
        message: `arbiter ${step.arbiterId} also votes; an arbiter must not settle a tie it took part in`,
      });
    }
  }
  const last = policy.escalation[policy.escalation.length - 1];
  if (last?.defaultOutcome === 'escalate') {
    violations.push({
      rule: 'escalation-ends',
      partyId: last.arbiterId,
      message: `the last escalation level (${last.arbiterId}) cannot default to "escalate": there is no level above it`,
    });
  }
  return violations;
}

/**
 * The policy as a decision in `communityCode` runs it: seats written `kind:{communityCode}` (in a
 * district-wide policy: "this community's residents' committee") become that community's party ids.
 * Weights, quorum and deadlines are unchanged, so the invariants validatePolicy checked still hold.
 */
export function bindPolicyToCommunity(policy: DecisionPolicy, communityCode: string): DecisionPolicy {
  return {
    ...policy,
    parties: policy.parties.map((seat) => ({
      ...seat,
      partyId: seat.partyId.replace(COMMUNITY_PLACEHOLDER, communityCode),
    })),
  };
}
