import { Type } from '@sinclair/typebox';
import { DecisionPolicyInput, schemaProblems } from '@sanshe/contracts';
import { PolicyInputInvalid } from '../../domain/policy-errors';
import type { PolicyFilter } from '../../domain/policy.repository';

// The contract's own field schemas, so a query is judged exactly like a policy body.
const DecisionKind = DecisionPolicyInput.properties.decisionKind;
const CommunityCode = DecisionPolicyInput.properties.communityCode.anyOf[0];
const { streetCode: StreetCode, districtCode: DistrictCode, programId: ProgramId } = DecisionPolicyInput.properties;
/** The query parameters' schemas, for the document: the same the checks below use. */
export const POLICY_QUERY_SCHEMAS = {
  decisionKind: DecisionKind,
  communityCode: Type.Union([CommunityCode, Type.Literal('')]), // empty: district-wide
  streetCode: StreetCode,
  districtCode: DistrictCode,
  programId: ProgramId,
};
const ResolveQuery = Type.Object({
  decisionKind: DecisionKind,
  communityCode: Type.Optional(CommunityCode),
  programId: ProgramId,
});
const ListQuery = Type.Object({
  decisionKind: Type.Optional(DecisionKind),
  communityCode: Type.Optional(CommunityCode),
  streetCode: StreetCode,
  districtCode: DistrictCode,
  programId: ProgramId,
});

/** `communityCode=` (empty) means "district-wide", which a query string cannot spell as null. */
const communityOf = (value: unknown) => (value === '' ? null : (value as string | undefined));

function check(schema: typeof ResolveQuery | typeof ListQuery, query: Record<string, unknown>) {
  const given = { ...query, communityCode: query.communityCode === '' ? undefined : query.communityCode };
  const problems = schemaProblems(schema, given, '/query');
  if (problems.length > 0) throw new PolicyInputInvalid(problems, 'query');
}

export interface ResolveQuery {
  decisionKind: string;
  communityCode: string | null;
  /** The program a decision would be about: its own policy first. */
  programId?: string;
}

/** `?decisionKind=&communityCode=&programId=`: without a community (or with it empty), the district-wide policy. */
export function resolveQuery(query: Record<string, unknown>): ResolveQuery {
  check(ResolveQuery, query);
  const resolved: ResolveQuery = {
    decisionKind: query.decisionKind as string,
    communityCode: communityOf(query.communityCode) ?? null,
  };
  if (typeof query.programId === 'string') resolved.programId = query.programId;
  return resolved;
}

/** Each filter is optional; `communityCode=` (empty) lists the default policies (no community, street or district). */
export function listQuery(query: Record<string, unknown>): PolicyFilter {
  check(ListQuery, query);
  const filter: PolicyFilter = {
    decisionKind: query.decisionKind as string | undefined,
    communityCode: communityOf(query.communityCode),
  };
  if (typeof query.streetCode === 'string') filter.streetCode = query.streetCode;
  if (typeof query.districtCode === 'string') filter.districtCode = query.districtCode;
  if (typeof query.programId === 'string') filter.programId = query.programId;
  return filter;
}

export function versionParam(raw: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) {
    throw new PolicyInputInvalid([{ path: '/params/version', message: 'must be a positive integer' }], 'version');
  }
  return Number(raw);
}
