/*
 * The organization service's fixed vocabularies, as plain constants (no schema library, so that
 * `@sanshe/contracts/pure` can export them): the event schemas are built from them, and services use them
 * for their own checks and listings.
 */

/** The kinds of social organization the registry knows, with the label registrars and residents read. */
export const ORGANIZATION_TYPES = [
  { code: 'social-work-agency', label: '社会工作服务机构' },
  { code: 'foundation', label: '基金会' },
  { code: 'charitable-association', label: '慈善会/社会团体' },
  { code: 'private-non-enterprise', label: '民办非企业单位（社会服务机构）' },
  { code: 'community-group', label: '社区社会组织/兴趣团队' },
  { code: 'volunteer-team', label: '志愿服务队' },
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number]['code'];
export const ORGANIZATION_TYPE_CODES = ORGANIZATION_TYPES.map((type) => type.code) as readonly OrganizationType[];

/** The assessment grades (社会组织评估等级), lowest first: index order is rank order. */
export const ORGANIZATION_GRADES = ['1A', '2A', '3A', '4A', '5A'] as const;
export type OrganizationGrade = (typeof ORGANIZATION_GRADES)[number];

/** An organization's standing in the registry; only a registered one is graded or proposes with a grant. */
export const ORGANIZATION_STATUSES = ['provisional', 'registered', 'suspended', 'deregistered'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

/** The roles people hold in an organization's work (staffing plans, worker records). */
export const STAFF_ROLES = [
  { code: 'certified-social-worker', label: '持证社会工作者' },
  { code: 'intern', label: '实习生' },
  { code: 'volunteer', label: '志愿者' },
  { code: 'community-staff', label: '社区工作者' },
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number]['code'];
export const STAFF_ROLE_CODES = STAFF_ROLES.map((role) => role.code) as readonly StaffRole[];

/** The national social-worker qualification levels, lowest first. */
export const SOCIAL_WORKER_LEVELS = [
  { code: 'assistant-social-worker', label: '助理社会工作师' },
  { code: 'social-worker', label: '社会工作师' },
  { code: 'senior-social-worker', label: '高级社会工作师' },
] as const;
export type SocialWorkerLevel = (typeof SOCIAL_WORKER_LEVELS)[number]['code'];
export const SOCIAL_WORKER_LEVEL_CODES = SOCIAL_WORKER_LEVELS.map(
  (level) => level.code,
) as readonly SocialWorkerLevel[];

/** What a piece of an activity's evidence is (the file itself stays with the organization; its hash travels). */
export const EVIDENCE_KINDS = [
  { code: 'photo', label: '照片' },
  { code: 'sign-in-sheet', label: '签到表' },
  { code: 'minutes', label: '会议纪要' },
  { code: 'survey', label: '满意度问卷' },
  { code: 'invoice', label: '票据' },
  { code: 'report', label: '报告' },
  { code: 'other', label: '其他' },
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]['code'];
export const EVIDENCE_KIND_CODES = EVIDENCE_KINDS.map((kind) => kind.code) as readonly EvidenceKind[];
