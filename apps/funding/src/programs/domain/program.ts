import type {
  FunderKind,
  NeedCategory,
  NewEvent,
  OrganizationGrade,
  OrganizationType,
  ProgramCategory,
  ProgramMode,
  ProgramPolicyRules,
  ProgramVotingMode,
  TranchePlan,
} from '@sanshe/contracts';
import type { Money } from '../../ledger';

export interface ProgramEligibility {
  organizationTypes: OrganizationType[];
  minGrade?: OrganizationGrade;
  needCategories: NeedCategory[];
  /** With streetCodes absent too: every community of the program's district. */
  communityCodes?: string[];
  streetCodes?: string[];
}

export interface CoFunder {
  funderId: string;
  funderKind: FunderKind;
  amount: Money;
}

export interface ProgramIndicator {
  code: string;
  label: string;
  target?: string;
}

export interface ProgramPolicies {
  award?: ProgramPolicyRules;
  verify?: ProgramPolicyRules;
}

/** What PUT /programs/{id} sets (the whole program but its id, status and revision). */
export interface ProgramBody {
  funderId: string;
  funderKind: FunderKind;
  coFunders?: CoFunder[];
  title: string;
  mode: ProgramMode;
  category: ProgramCategory;
  budget: Money;
  period: { from: string; to: string };
  districtCode: string;
  eligibility: ProgramEligibility;
  tranchePlan: TranchePlan;
  indicators: ProgramIndicator[];
  /** 公示期 in working days; 5 when not given. */
  noticeWorkingDays?: number;
  votingMode: ProgramVotingMode;
  autoAward: boolean;
  policies?: ProgramPolicies;
}

export type ProgramStatus = 'open' | 'closed';

/** A program as funding keeps it. */
export interface Program extends Required<Omit<ProgramBody, 'policies'>> {
  programId: string;
  policies: ProgramPolicies | null;
  status: ProgramStatus;
  revision: number;
  createdBy: string;
}

export const DEFAULT_NOTICE_WORKING_DAYS = 5;

type ProgramEventType = 'sanshe.funding.program.opened.v1' | 'sanshe.funding.program.updated.v1';
export type ProgramFact = Omit<NewEvent<ProgramEventType>, 'source'>;

/** A program change: the new state, its one fact (none when unchanged) and the budget's change in fen. */
export interface ProgramChange {
  state: Program;
  facts: ProgramFact[];
  budgetDeltaFen: number;
}

/** JSON with object keys sorted and undefined dropped: jsonb reorders keys, so equality compares this. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function settable(programId: string, body: ProgramBody) {
  return {
    programId,
    funderId: body.funderId,
    funderKind: body.funderKind,
    coFunders: body.coFunders ?? [],
    title: body.title,
    mode: body.mode,
    category: body.category,
    budget: { amountFen: body.budget.amountFen, currency: body.budget.currency },
    period: { from: body.period.from, to: body.period.to },
    districtCode: body.districtCode,
    eligibility: body.eligibility,
    tranchePlan: body.tranchePlan,
    indicators: body.indicators,
    noticeWorkingDays: body.noticeWorkingDays ?? DEFAULT_NOTICE_WORKING_DAYS,
    votingMode: body.votingMode,
    autoAward: body.autoAward,
    policies: body.policies ?? null,
  };
}

/** The program as its events carry it (the whole state, with its revision). */
export function programData(program: Program) {
  const { coFunders, policies, ...rest } = settable(program.programId, {
    ...program,
    policies: program.policies ?? undefined,
  });
  return {
    ...rest,
    ...(coFunders.length ? { coFunders } : {}),
    ...(policies ? { policies } : {}),
    status: program.status,
    revision: program.revision,
  };
}

const fact = (type: ProgramEventType, state: Program): ProgramFact =>
  ({ type, subject: state.programId, data: programData(state) }) as ProgramFact;

/**
 * PUT /programs/{id} on `current` (null: a new program) with a body that passed programProblems: opens
 * it (revision 1, program.opened, the whole budget funded) or changes it (revision + 1, program.updated,
 * the budget's difference); the same content again changes nothing and publishes nothing.
 */
export function applyProgramPut(
  current: Program | null,
  programId: string,
  body: ProgramBody,
  by: string,
): ProgramChange {
  const wanted = settable(programId, body);
  if (!current) {
    const state: Program = { ...wanted, status: 'open', revision: 1, createdBy: by };
    return { state, facts: [fact('sanshe.funding.program.opened.v1', state)], budgetDeltaFen: state.budget.amountFen };
  }
  const kept = settable(programId, { ...current, policies: current.policies ?? undefined });
  if (canonical(kept) === canonical(wanted)) return { state: current, facts: [], budgetDeltaFen: 0 };
  const state: Program = {
    ...wanted,
    status: current.status,
    revision: current.revision + 1,
    createdBy: current.createdBy,
  };
  return {
    state,
    facts: [fact('sanshe.funding.program.updated.v1', state)],
    budgetDeltaFen: state.budget.amountFen - current.budget.amountFen,
  };
}

/** POST /programs/{id}/close: closed at the next revision with program.updated; closed already: nothing. */
export function closeProgram(current: Program): ProgramChange {
  if (current.status === 'closed') return { state: current, facts: [], budgetDeltaFen: 0 };
  const state: Program = { ...current, status: 'closed', revision: current.revision + 1 };
  return { state, facts: [fact('sanshe.funding.program.updated.v1', state)], budgetDeltaFen: 0 };
}
