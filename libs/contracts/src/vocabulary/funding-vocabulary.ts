/*
 * The funding service's fixed vocabularies, as plain constants (no schema library, so that
 * `@sanshe/contracts/pure` can export them): the event schemas are built from them, and services use them
 * for their own checks, rules and listings.
 */

/** How a program funds: direct grants (直接资助) or the government buying a project's services (间接资助). */
export const PROGRAM_MODES = [
  { code: 'direct', label: '直接资助' },
  { code: 'indirect', label: '间接资助（政府购买服务）' },
] as const;
export type ProgramMode = (typeof PROGRAM_MODES)[number]['code'];
export const PROGRAM_MODE_CODES = PROGRAM_MODES.map((mode) => mode.code) as readonly ProgramMode[];

/** The categories of a direct program, with the label funders and organizations read. */
export const DIRECT_CATEGORIES = [
  { code: 'education', label: '教育' },
  { code: 'elderly-care', label: '养老' },
  { code: 'health', label: '医疗卫生' },
  { code: 'poverty-alleviation', label: '扶贫' },
  { code: 'facilities', label: '设施' },
] as const;

/** The categories of an indirect program: the purchase of a project's services (项目制购买服务). */
export const INDIRECT_CATEGORIES = [{ code: 'service-purchase', label: '项目制购买服务' }] as const;

/** Every program category, direct ones first. */
export const PROGRAM_CATEGORIES = [...DIRECT_CATEGORIES, ...INDIRECT_CATEGORIES] as const;
export type ProgramCategory = (typeof PROGRAM_CATEGORIES)[number]['code'];
export const PROGRAM_CATEGORY_CODES = PROGRAM_CATEGORIES.map((category) => category.code) as readonly ProgramCategory[];

/** The categories a program of each mode may have (a direct program never buys services, and back). */
export const PROGRAM_CATEGORIES_BY_MODE: Readonly<Record<ProgramMode, readonly ProgramCategory[]>> = {
  direct: DIRECT_CATEGORIES.map((category) => category.code),
  indirect: INDIRECT_CATEGORIES.map((category) => category.code),
};

/** Who funds a program (or co-funds it). */
export const FUNDER_KINDS = [
  { code: 'government', label: '政府' },
  { code: 'foundation', label: '基金会' },
  { code: 'enterprise', label: '企业' },
] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number]['code'];
export const FUNDER_KIND_CODES = FUNDER_KINDS.map((kind) => kind.code) as readonly FunderKind[];

/** How a program's funder seat votes: by FUNDING_VOTE_RULES at once, or by the funder's staff. */
export const PROGRAM_VOTING_MODES = ['rules', 'staff'] as const;
export type ProgramVotingMode = (typeof PROGRAM_VOTING_MODES)[number];

export const PROGRAM_STATUSES = ['open', 'closed'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/** Why a grant was voided (grant.voided's reasonCode). */
export const GRANT_VOID_REASONS = [
  { code: 'decision-rejected', label: '资助决策未通过' },
  { code: 'decision-withdrawn', label: '资助决策已撤回' },
  { code: 'budget-exhausted', label: '项目预算不足' },
  { code: 'organization-deregistered', label: '社会组织已注销' },
  { code: 'cancelled', label: '资助已取消' },
] as const;
export type GrantVoidReason = (typeof GRANT_VOID_REASONS)[number]['code'];
export const GRANT_VOID_REASON_CODES = GRANT_VOID_REASONS.map((reason) => reason.code) as readonly GrantVoidReason[];

/** How a payment reaches the organization: funding's own rail, or a portal funder that confirms each payment. */
export const PAYMENT_RAILS = [
  { code: 'internal', label: '平台拨付' },
  { code: 'portal-confirmed', label: '资助方门户确认拨付' },
] as const;
export type PaymentRail = (typeof PAYMENT_RAILS)[number]['code'];
export const PAYMENT_RAIL_CODES = PAYMENT_RAILS.map((rail) => rail.code) as readonly PaymentRail[];

/** The funding gaps an organization is warned of (gap.detected / gap.cleared). */
export const GAP_KINDS = [
  { code: 'tranche-late', label: '拨付逾期' },
  { code: 'runway-short', label: '资金接续不足' },
] as const;
export type GapKind = (typeof GAP_KINDS)[number]['code'];
export const GAP_KIND_CODES = GAP_KINDS.map((kind) => kind.code) as readonly GapKind[];
