import type {
  FieldProblem,
  NewEvent,
  OrganizationGrade,
  OrganizationStatus,
  OrganizationType,
} from '@sanshe/contracts';
import { creditCodeProblems } from './credit-code';
import { InvalidTransition, RegistrationLocked } from './registry-errors';

export interface LegalRepresentative {
  name: string;
  title?: string;
}

/** An assessment grade (社会组织评估等级) as the registrar recorded it. */
export interface GradeRecord {
  grade: OrganizationGrade;
  assessedOn: string;
  validUntil: string;
  ref: string;
}

export interface Organization {
  organizationId: string;
  name: string;
  type: OrganizationType;
  creditCode: string | null;
  legalRepresentative: LegalRepresentative;
  registrationDistrictCode: string;
  status: OrganizationStatus;
  communitiesServed: string[];
  grade: GradeRecord | null;
  mentorOrganizationId: string | null;
  incubatedSince: string | null;
  revision: number;
  createdBy: string;
}

/** What PUT /organizations/{id} sets: the organization's profile (status and grade have their own commands). */
export interface ProfileBody {
  name: string;
  type: OrganizationType;
  creditCode?: string;
  legalRepresentative: LegalRepresentative;
  registrationDistrictCode: string;
  communitiesServed: string[];
  mentorOrganizationId?: string;
  incubatedSince?: string;
}

type RegistryEventType =
  'sanshe.organization.organization.registered.v1' | 'sanshe.organization.organization.updated.v1';
export type RegistryFact = Omit<NewEvent<RegistryEventType>, 'source'>;

export interface RegistryChange {
  state: Organization;
  facts: RegistryFact[];
}

/** Registered organizations need a credit code; 社区社会组织 and volunteer teams are often only filed (备案). */
export const CREDIT_CODE_OPTIONAL: readonly OrganizationType[] = ['community-group', 'volunteer-team'];

/** The lifecycle: provisional until the registrar confirms it; deregistered is final. */
export const STATUS_TRANSITIONS: Record<OrganizationStatus, readonly OrganizationStatus[]> = {
  provisional: ['registered', 'deregistered'],
  registered: ['suspended', 'deregistered'],
  suspended: ['registered', 'deregistered'],
  deregistered: [],
};

/** The body's problems the schema cannot see: the credit code's checks, and whether one is required. */
export function checkRegister(body: ProfileBody, prefix = '/body'): FieldProblem[] {
  if (body.creditCode === undefined) {
    if (CREDIT_CODE_OPTIONAL.includes(body.type)) return [];
    return [
      {
        path: `${prefix}/creditCode`,
        message: `is required for a ${body.type} (optional only for ${CREDIT_CODE_OPTIONAL.join(', ')})`,
      },
    ];
  }
  return creditCodeProblems(body.creditCode).map((problem) => ({ ...problem, path: `${prefix}${problem.path}` }));
}

const profileOf = (body: ProfileBody) => ({
  name: body.name,
  type: body.type,
  creditCode: body.creditCode ?? null,
  legalRepresentative: {
    name: body.legalRepresentative.name,
    ...(body.legalRepresentative.title === undefined ? {} : { title: body.legalRepresentative.title }),
  },
  registrationDistrictCode: body.registrationDistrictCode,
  communitiesServed: [...body.communitiesServed],
  mentorOrganizationId: body.mentorOrganizationId ?? null,
  incubatedSince: body.incubatedSince ?? null,
});

/** A new organization: provisional, revision 1, one registered fact. */
export function applyRegister(organizationId: string, body: ProfileBody, createdBy: string): RegistryChange {
  const state: Organization = {
    organizationId,
    ...profileOf(body),
    status: 'provisional',
    grade: null,
    revision: 1,
    createdBy,
  };
  return { state, facts: [registryFact(state, 'registered')] };
}

const sameProfile = (current: Organization, next: ReturnType<typeof profileOf>) =>
  (Object.keys(next) as (keyof typeof next)[]).every(
    (key) => JSON.stringify(current[key]) === JSON.stringify(next[key]),
  );

/**
 * A changed profile: revision + 1 and one updated fact; unchanged, nothing. The registration (district,
 * credit code) changes only while provisional, or by the registrar (`byRegistrar`).
 */
export function applyProfileChange(current: Organization, body: ProfileBody, byRegistrar: boolean): RegistryChange {
  const next = profileOf(body);
  if (sameProfile(current, next)) return { state: current, facts: [] };
  const locked = [
    ...(next.registrationDistrictCode !== current.registrationDistrictCode ? ['registrationDistrictCode'] : []),
    ...(next.creditCode !== current.creditCode ? ['creditCode'] : []),
  ];
  if (locked.length && current.status !== 'provisional' && !byRegistrar) {
    throw new RegistrationLocked(current.organizationId, locked);
  }
  return changed({ ...current, ...next });
}

/** A status change allowed from the current status (InvalidTransition naming the allowed ones otherwise). */
export function applyStatus(current: Organization, to: OrganizationStatus): RegistryChange {
  const allowed = STATUS_TRANSITIONS[current.status];
  if (!allowed.includes(to)) throw new InvalidTransition(current.status, to, allowed);
  return changed({ ...current, status: to });
}

/** The next revision of `state`, with its updated fact. */
export function changed(state: Organization): RegistryChange {
  const next = { ...state, revision: state.revision + 1 };
  return { state: next, facts: [registryFact(next, 'updated')] };
}

/** The whole state on the wire, without the legal representative (a person's name stays here). */
export function registryFact(state: Organization, verb: 'registered' | 'updated'): RegistryFact {
  const type: RegistryEventType = `sanshe.organization.organization.${verb}.v1`;
  const { organizationId, name, type: kind, creditCode, status, registrationDistrictCode, communitiesServed } = state;
  return {
    type,
    subject: organizationId,
    id: `${type}:${organizationId}:${state.revision}`,
    data: {
      organizationId,
      name,
      type: kind,
      ...(creditCode ? { creditCode } : {}),
      status,
      registrationDistrictCode,
      communitiesServed,
      grade: state.grade
        ? { grade: state.grade.grade, assessedOn: state.grade.assessedOn, validUntil: state.grade.validUntil }
        : null,
      ...(state.mentorOrganizationId ? { mentorOrganizationId: state.mentorOrganizationId } : {}),
      revision: state.revision,
    },
  };
}
