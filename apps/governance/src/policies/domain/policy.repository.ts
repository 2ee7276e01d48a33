import type { DecisionPolicyInput } from '@sanshe/contracts';
import type { DecisionArea } from './policy-resolution';
import type { VersionDecision } from './policy-versioning';
import type { ResolvedPolicy, StoredPolicy } from './stored-policy';

export interface PolicyFilter {
  decisionKind?: string;
  /** A program's own policies (issue 15). */
  programId?: string;
  /** undefined = any scope; null = the default policies only (no program, community, street or district). */
  communityCode?: string | null;
  streetCode?: string;
  districtCode?: string;
}

/**
 * The policy store (a port: the class doubles as its Nest injection token). Versions are append-only.
 */
export abstract class PolicyRepository {
  /**
   * What a new decision of `decisionKind` in `area` uses: the latest version of its program's policy, else
   * its community's, else its street's, else its district's, else the default (mostSpecificPolicy); null if
   * none exists.
   * (Called when a decision opens, to pin the policy version it will run under.)
   */
  abstract resolve(decisionKind: string, area: DecisionArea): Promise<ResolvedPolicy | null>;

  abstract latest(policyId: string): Promise<StoredPolicy | null>;

  abstract version(policyId: string, version: number): Promise<StoredPolicy | null>;

  /** The latest version of each policy that matches, ordered by policy id. */
  abstract listLatest(filter: PolicyFilter): Promise<StoredPolicy[]>;

  /**
   * Reads the latest version of `input.policyId` and the other policy holding its scope while holding
   * every concurrent writer of either off, lets `decide` choose, and stores a new version if it says so.
   * So two concurrent changes get consecutive versions, and none is lost.
   */
  abstract append(
    input: DecisionPolicyInput,
    createdBy: string | null,
    decide: (latest: StoredPolicy | null, scopeHolder: string | null) => VersionDecision,
  ): Promise<{ stored: StoredPolicy; created: boolean }>;
}
