import { AccessDenied } from '@sanshe/auth';
import {
  actsForFunder,
  type Caller,
  FUNDER_ROLES,
  isAuditor,
  ORGANIZATION_ROLES,
  roleRefusal,
  ROLES,
} from '../../access/funding-access';
import type { Program } from '../domain/program';

/** 403 unless `caller` is a funder-admin of `funderId` (a program's funder party). */
export function requireFunderAdmin(caller: Caller, funderId: string, action: string): void {
  const refusal = roleRefusal(caller, ROLES.funderAdmin, [funderId], action);
  if (refusal) throw new AccessDenied(refusal);
}

/**
 * How much of a program `caller` reads: all of it (its funder's admin or staff, an auditor), its public
 * facts (an organization's admin or staff, while the program is open), or nothing.
 */
export function programReadOf(caller: Caller, program: Pick<Program, 'funderId' | 'status'>): 'full' | 'public' | null {
  if (isAuditor(caller) || actsForFunder(caller, program.funderId)) return 'full';
  if (program.status === 'open' && ORGANIZATION_ROLES.some((role) => caller.roles.includes(role))) return 'public';
  return null;
}

/** Whether `caller` reads programs at all: an auditor, a funder's admin or staff, an organization's. */
export function readsPrograms(caller: Caller): boolean {
  return isAuditor(caller) || [...FUNDER_ROLES, ...ORGANIZATION_ROLES].some((role) => caller.roles.includes(role));
}
