import { Injectable } from '@nestjs/common';
import type { DecisionPolicyInput, ProgramData, ProgramPolicyRules } from '@sanshe/contracts';
import { SetPolicyHandler } from './set-policy';

/** The decisions a program may set its own policy for, by the key of `policies` in its event. */
export const PROGRAM_POLICY_KINDS = { award: 'grant-award', verify: 'milestone-verification' } as const;
type ProgramPolicyKey = keyof typeof PROGRAM_POLICY_KINDS;

/** A program's own policy of `decisionKind`: `program.<programId>.<decisionKind>` (a policy id has no slash). */
export const programPolicyId = (programId: string, decisionKind: string) => `program.${programId}.${decisionKind}`;

export interface ProgramPolicyOutcome {
  policyId: string;
  version: number;
  /** false: the program said what the latest version already says, and nothing new was stored. */
  created: boolean;
}

/** What the program's event says about its policies (sanshe.funding.program.opened/updated.v1). */
export type ProgramPolicies = Pick<ProgramData, 'programId' | 'funderId' | 'policies'>;

/**
 * Stores a program's own policies (docs/decisions.md, "Program scope"): each of `policies.award` and
 * `policies.verify` it names becomes the next version of `program.<programId>.<kind>`, scoped to the program,
 * set by its funder. Every one is checked by the same rules as a policy set over HTTP (no single veto, per
 * party and per controller) before any is stored, so a refused program changes none of its policies. A
 * policy the event leaves out keeps its latest version.
 */
@Injectable()
export class SetProgramPoliciesHandler {
  constructor(private readonly setPolicy: SetPolicyHandler) {}

  async execute({ programId, funderId, policies = {} }: ProgramPolicies): Promise<ProgramPolicyOutcome[]> {
    const named = (Object.keys(PROGRAM_POLICY_KINDS) as ProgramPolicyKey[]).flatMap((key) => {
      const rules = policies[key];
      return rules ? [programPolicyInput(programId, PROGRAM_POLICY_KINDS[key], rules)] : [];
    });
    const checked: DecisionPolicyInput[] = [];
    for (const { policyId, body } of named) checked.push(await this.setPolicy.checked(policyId, body));
    const outcomes: ProgramPolicyOutcome[] = [];
    for (const input of checked) {
      const { stored, created } = await this.setPolicy.store(input, funderId);
      outcomes.push({ policyId: input.policyId, version: stored.policy.version, created });
    }
    return outcomes;
  }
}

/** The rules as a whole policy body: its id, kind and program scope set here, whatever the rules carried. */
function programPolicyInput(programId: string, decisionKind: string, rules: ProgramPolicyRules) {
  const policyId = programPolicyId(programId, decisionKind);
  return { policyId, body: { ...rules, policyId, decisionKind, communityCode: null, programId } };
}
