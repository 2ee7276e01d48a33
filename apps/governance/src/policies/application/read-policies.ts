import { Injectable } from '@nestjs/common';
import { AdministrativeAreas } from '../../administrative-areas/domain/administrative-areas';
import { PolicyNotFound } from '../domain/policy-errors';
import { type PolicyFilter, PolicyRepository } from '../domain/policy.repository';
import { type DecisionArea, decisionAreaOf } from '../domain/policy-resolution';
import { describeScope, type ResolvedPolicy, type StoredPolicy } from '../domain/stored-policy';

/** What a new decision in a community would take: the policy, where it came from, and what it binds to. */
export interface PolicyResolution {
  resolved: ResolvedPolicy;
  /** The codes `{communityCode}`, `{streetCode}`, `{districtCode}` bind to there; null when unknown. */
  bindings: DecisionArea;
}

/** The read side: each lookup that finds nothing says what was looked for. */
@Injectable()
export class ReadPoliciesHandler {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly areas: AdministrativeAreas,
  ) {}

  async latest(policyId: string): Promise<StoredPolicy> {
    const found = await this.policies.latest(policyId);
    if (!found) throw new PolicyNotFound(`policy ${policyId} does not exist`);
    return found;
  }

  async version(policyId: string, version: number): Promise<StoredPolicy> {
    const found = await this.policies.version(policyId, version);
    if (found) return found;
    const latest = await this.policies.latest(policyId);
    throw new PolicyNotFound(
      latest
        ? `policy ${policyId} has no version ${version} (its versions are 1 to ${latest.policy.version})`
        : `policy ${policyId} does not exist`,
    );
  }

  list(filter: PolicyFilter): Promise<StoredPolicy[]> {
    return this.policies.listLatest(filter);
  }

  /** As a decision opening in `communityCode` (null: the default alone), about `programId` if any, resolves it. */
  async resolve(decisionKind: string, communityCode: string | null, programId?: string): Promise<PolicyResolution> {
    const lineage = communityCode === null ? null : await this.areas.lineage(communityCode);
    const bindings = decisionAreaOf(communityCode, lineage, programId);
    const resolved = await this.policies.resolve(decisionKind, bindings);
    if (resolved) return { resolved, bindings };
    const ofProgram = programId ? `program ${programId} has no ${decisionKind} policy of its own; ` : '';
    throw new PolicyNotFound(
      ofProgram +
        (communityCode === null
          ? `no district-wide policy governs ${decisionKind}`
          : `no policy governs ${describeScope({ decisionKind, communityCode })}` +
            `${bindings.streetCode ? `, its street ${bindings.streetCode} or district ${bindings.districtCode}` : ''}` +
            ', and no district-wide one either'),
    );
  }
}
