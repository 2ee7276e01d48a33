import { type DecisionPolicy, type DecisionPolicyInput, type PartySeat } from '@sanshe/contracts/pure';

/**
 * Who speaks for a party: its controller (a service context or a portal), or null when nobody may.
 * Governance builds it from its controller map; a seat written `kind:{communityCode}` must resolve by
 * its kind, as every community's party of that kind does.
 */
export type ControllerResolver = (partyId: string) => string | null;

/** One reason a policy is refused; `partyId` names the party, `controller` the service or portal, when it is about one. */
export interface PolicyViolation {
  rule:
    | 'no-single-veto'
    | 'no-single-approval'
    | 'controller-veto'
    | 'controller-approval'
    | 'no-controller'
    | 'quorum'
    | 'duplicate-party'
    | 'neutral-arbiter'
    | 'escalation-ends';
  message: string;
  partyId?: string;
  /** Who speaks for `partyId`, or the controller that breaks the rule (set only when validated with a resolver). */
  controller?: string;
  /** Every seat of the policy that `controller` speaks for. */
  partyIds?: string[];
}

export const totalWeight = (policy: Pick<DecisionPolicyInput, 'parties'>) =>
  policy.parties.reduce((sum, seat) => sum + seat.weight, 0);

/** The seats one controller speaks for, and their summed weight. */
interface Bloc {
  controller: string;
  partyIds: string[];
  weight: number;
}

/** The policy's seats grouped by controller (seats nobody speaks for are left out). */
function blocsOf(parties: readonly PartySeat[], controllerOf: ControllerResolver): Map<string, Bloc> {
  const blocs = new Map<string, Bloc>();
  for (const seat of parties) {
    const controller = controllerOf(seat.partyId);
    if (controller === null) continue;
    const bloc = blocs.get(controller) ?? { controller, partyIds: [], weight: 0 };
    bloc.partyIds.push(seat.partyId);
    bloc.weight += seat.weight;
    blocs.set(controller, bloc);
  }
  return blocs;
}

/** What a rule's inputs are: the policy, its total weight, and (given a resolver) who speaks for whom. */
interface Checked {
  policy: DecisionPolicyInput;
  total: number;
  controllerOf?: ControllerResolver;
  blocs: Map<string, Bloc>;
}

/** The `controller` and `partyIds` of a violation about `partyId`, when a resolver knows who speaks for it. */
function speakerOf(
  { controllerOf, blocs }: Checked,
  partyId: string,
): Pick<PolicyViolation, 'controller' | 'partyIds'> {
  const controller = controllerOf?.(partyId) ?? null;
  if (controller === null) return {};
  return { controller, partyIds: [...(blocs.get(controller)?.partyIds ?? [])] };
}

/**
 * The policy invariants (docs/decisions.md, "Policies" and "Controllers and blocs") that a schema
 * cannot express. A policy is accepted only if
 * - no single party can block: for every party, the others together can still reach the quorum;
 * - no single party can decide: no party's weight reaches the quorum alone;
 * - every tie or silence has somewhere to go: the last escalation level ends in an outcome,
 *   and arbiters do not also vote (an arbiter settles what the voters could not).
 * Given `controllerOf`, the same holds per controller, summing every seat it speaks for (one service
 * voting for two seats is one voice); every seat and arbiter must have a controller, and no arbiter's
 * controller may speak for a voting seat. Without it, only the per-party rules apply.
 */
export function validatePolicy(policy: DecisionPolicyInput, controllerOf?: ControllerResolver): PolicyViolation[] {
  const checked: Checked = {
    policy,
    total: totalWeight(policy),
    controllerOf,
    blocs: controllerOf ? blocsOf(policy.parties, controllerOf) : new Map(),
  };
  return [
    ...duplicateSeats(policy),
    ...reachableQuorum(checked),
    ...partyPowers(checked),
    ...(controllerOf ? [...unspokenParties(policy, controllerOf), ...blocPowers(checked)] : []),
    ...arbiterNeutrality(checked),
    ...escalationEnds(policy),
  ];
}

function duplicateSeats(policy: DecisionPolicyInput): PolicyViolation[] {
  const seen = new Set<string>();
  const violations: PolicyViolation[] = [];
  for (const { partyId } of policy.parties) {
    if (seen.has(partyId)) {
      violations.push({ rule: 'duplicate-party', partyId, message: `party ${partyId} has more than one seat` });
    }
    seen.add(partyId);
  }
  return violations;
}

function reachableQuorum({ policy, total }: Checked): PolicyViolation[] {
  if (policy.quorum <= total) return [];
  return [
    {
      rule: 'quorum',
      message: `quorum ${policy.quorum} exceeds the total weight ${total}: no decision could ever pass`,
    },
  ];
}

/** No single veto and no single approval, party by party. */
function partyPowers(checked: Checked): PolicyViolation[] {
  const { policy, total } = checked;
  const violations: PolicyViolation[] = [];
  for (const seat of policy.parties) {
    const others = total - seat.weight;
    if (others < policy.quorum) {
      violations.push({
        rule: 'no-single-veto',
        partyId: seat.partyId,
        ...speakerOf(checked, seat.partyId),
        message:
          `without ${seat.partyId} (weight ${seat.weight}) the others hold ${others} < quorum ${policy.quorum}: ` +
          `${seat.partyId} could block every decision alone by objecting or staying silent`,
      });
    }
    if (seat.weight >= policy.quorum) {
      violations.push({
        rule: 'no-single-approval',
        partyId: seat.partyId,
        ...speakerOf(checked, seat.partyId),
        message: `${seat.partyId} has weight ${seat.weight} ≥ quorum ${policy.quorum}: it could approve alone`,
      });
    }
  }
  return violations;
}

/** Seats and arbiters nobody may speak for: their vote or ruling could never arrive. */
function unspokenParties(policy: DecisionPolicyInput, controllerOf: ControllerResolver): PolicyViolation[] {
  const seats = policy.parties.map(({ partyId }) => ({ partyId, role: 'seat' }));
  const arbiters = policy.escalation.map(({ arbiterId }) => ({ partyId: arbiterId, role: 'arbiter' }));
  return [...seats, ...arbiters]
    .filter(({ partyId }) => controllerOf(partyId) === null)
    .map(({ partyId, role }): PolicyViolation => ({
      rule: 'no-controller',
      partyId,
      message:
        role === 'seat'
          ? `no controller speaks for ${partyId}: nobody could ever cast its vote, so it would be silent by construction`
          : `no controller speaks for arbiter ${partyId}: nobody could ever rule for it, so its level would always default`,
    }));
}

/**
 * No single veto and no single approval per controller that speaks for several seats (a bloc); a
 * controller of one seat is named by the party rules above.
 */
function blocPowers({ policy, total, blocs }: Checked): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  for (const { controller, partyIds, weight } of blocs.values()) {
    if (partyIds.length < 2) continue;
    const seats = `${partyIds.join(' + ')} (weight ${weight})`;
    const others = total - weight;
    if (others < policy.quorum) {
      violations.push({
        rule: 'controller-veto',
        controller,
        partyIds: [...partyIds],
        message:
          `${controller} speaks for ${seats}; without them the others hold ${others} < quorum ${policy.quorum}: ` +
          `${controller} could block every decision alone by objecting or staying silent on all its seats`,
      });
    }
    if (weight >= policy.quorum) {
      violations.push({
        rule: 'controller-approval',
        controller,
        partyIds: [...partyIds],
        message: `${controller} speaks for ${seats} ≥ quorum ${policy.quorum}: it could approve alone`,
      });
    }
  }
  return violations;
}

/** An arbiter settles what the voters could not: it may not vote, nor share a controller with a voter. */
function arbiterNeutrality(checked: Checked): PolicyViolation[] {
  const { policy, controllerOf, blocs } = checked;
  const voters = new Set(policy.parties.map((seat) => seat.partyId));
  const violations: PolicyViolation[] = [];
  for (const { arbiterId } of policy.escalation) {
    if (voters.has(arbiterId)) {
      violations.push({
        rule: 'neutral-arbiter',
        partyId: arbiterId,
        ...speakerOf(checked, arbiterId),
        message: `arbiter ${arbiterId} also votes; an arbiter must not settle a tie it took part in`,
      });
      continue;
    }
    const controller = controllerOf?.(arbiterId) ?? null;
    const bloc = controller === null ? undefined : blocs.get(controller);
    if (!bloc) continue;
    violations.push({
      rule: 'neutral-arbiter',
      partyId: arbiterId,
      controller: bloc.controller,
      partyIds: [...bloc.partyIds],
      message:
        `arbiter ${arbiterId} is spoken for by ${bloc.controller}, which also votes for ${bloc.partyIds.join(', ')}; ` +
        'an arbiter must not settle a tie its controller took part in',
    });
  }
  return violations;
}

function escalationEnds(policy: DecisionPolicyInput): PolicyViolation[] {
  const last = policy.escalation[policy.escalation.length - 1];
  if (last?.defaultOutcome !== 'escalate') return [];
  return [
    {
      rule: 'escalation-ends',
      partyId: last.arbiterId,
      message: `the last escalation level (${last.arbiterId}) cannot default to "escalate": there is no level above it`,
    },
  ];
}

/** The administrative codes a decision's policy is bound with; `{<field>}` in a party id stands for each. */
export interface AreaBinding {
  /** null only where no community is meant (a portal template expanded over streets or districts). */
  communityCode: string | null;
  /** Unknown (null) when the community is not in governance's read model and its code is not well-formed. */
  streetCode: string | null;
  districtCode: string | null;
}

const PLACEHOLDER = /\{(communityCode|streetCode|districtCode)\}/g;

/** The placeholders `{communityCode}`, `{streetCode}`, `{districtCode}` in a seat's or arbiter's id, in order. */
export const placeholdersIn = (partyId: string): string[] => partyId.match(PLACEHOLDER) ?? [];

/** Every party id of the policy (seats, then arbiters) that holds a placeholder. */
export const templatedPartyIds = (policy: Pick<DecisionPolicyInput, 'parties' | 'escalation'>): string[] =>
  [...policy.parties.map((seat) => seat.partyId), ...policy.escalation.map((step) => step.arbiterId)].filter(
    (partyId) => placeholdersIn(partyId).length > 0,
  );

/** `partyId` with each placeholder replaced by its code; one whose code is unknown (null) is left as it is. */
export function bindPartyId(partyId: string, area: AreaBinding): string {
  return partyId.replace(PLACEHOLDER, (placeholder, field: keyof AreaBinding) => area[field] ?? placeholder);
}

/** The placeholders `area` cannot fill, with the party id that holds each: a policy that cannot be bound there. */
export function unboundPlaceholders(
  policy: Pick<DecisionPolicyInput, 'parties' | 'escalation'>,
  area: AreaBinding,
): { partyId: string; placeholder: string }[] {
  return templatedPartyIds(policy).flatMap((partyId) =>
    placeholdersIn(bindPartyId(partyId, area)).map((placeholder) => ({ partyId, placeholder })),
  );
}

/**
 * The policy as a decision in `area` runs it: every placeholder in a seat's id (`community:{communityCode}`:
 * this community's residents' committee) and in an arbiter's (`portal:street-{streetCode}`: the office of
 * this community's street) becomes the code of the decision's community, street or district. Weights,
 * quorum and deadlines are unchanged; binding can still make two seats one party, or an arbiter a voter,
 * so a decision re-validates the bound policy (docs/decisions.md, "Policies"). A placeholder whose code
 * is unknown stays as it is: check unboundPlaceholders first.
 */
export function bindPolicyToArea(policy: DecisionPolicy, area: AreaBinding): DecisionPolicy {
  return {
    ...policy,
    parties: policy.parties.map((seat) => ({ ...seat, partyId: bindPartyId(seat.partyId, area) })),
    escalation: policy.escalation.map((step) => ({ ...step, arbiterId: bindPartyId(step.arbiterId, area) })),
  };
}

/** Binds only `{communityCode}` (street and district unknown): what decisions did before areas were known. */
export const bindPolicyToCommunity = (policy: DecisionPolicy, communityCode: string): DecisionPolicy =>
  bindPolicyToArea(policy, { communityCode, streetCode: null, districtCode: null });
