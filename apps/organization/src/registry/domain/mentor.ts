import type { FieldProblem, OrganizationStatus } from '@sanshe/contracts';

/** How far up the incubation chain the registry looks for a cycle. */
export const MENTOR_CHAIN_LIMIT = 10;

const PATH = '/body/mentorOrganizationId';

/**
 * Whether `mentorId` may incubate `organizationId`: a registered organization, not itself, and not one
 * it incubates (directly or up the chain). `mentor` is null when unknown; `chainAbove` lists the
 * mentor's own mentors, nearest first (at most MENTOR_CHAIN_LIMIT).
 */
export function mentorProblems(
  organizationId: string,
  mentorId: string,
  mentor: { status: OrganizationStatus } | null,
  chainAbove: readonly string[],
): FieldProblem[] {
  if (mentorId === organizationId) return [{ path: PATH, message: 'an organization cannot incubate itself' }];
  if (!mentor) return [{ path: PATH, message: `no organization ${mentorId} is registered` }];
  if (mentor.status !== 'registered') {
    return [{ path: PATH, message: `${mentorId} is ${mentor.status}: only a registered organization incubates` }];
  }
  if (chainAbove.includes(organizationId)) {
    const chain = [mentorId, ...chainAbove.slice(0, chainAbove.indexOf(organizationId) + 1)].join(' → ');
    return [{ path: PATH, message: `a cycle: ${organizationId} → ${chain}` }];
  }
  return [];
}
