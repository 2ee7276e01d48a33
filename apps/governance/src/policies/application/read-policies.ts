import { Injectable } from '@nestjs/common';
import { PolicyNotFound } from '../domain/policy-errors';
import { type PolicyFilter, PolicyRepository } from '../domain/policy.repository';
import { describeScope, type StoredPolicy } from '../domain/stored-policy';

/** The read side: each lookup that finds nothing says what was looked for. */
@Injectable()
export class ReadPoliciesHandler {
  constructor(private readonly policies: PolicyRepository) {}

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

  async resolve(decisionKind: string, communityCode: string | null): Promise<StoredPolicy> {
    const found = await this.policies.resolve(decisionKind, communityCode);
    if (found) return found;
    throw new PolicyNotFound(
      communityCode === null
        ? `no district-wide policy governs ${decisionKind}`
        : `no policy governs ${describeScope({ decisionKind, communityCode })}, and no district-wide one either`,
    );
  }
}
