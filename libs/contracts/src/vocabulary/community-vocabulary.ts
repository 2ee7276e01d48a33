/*
 * The community's fixed vocabularies, as plain constants: the event schemas are built from them, and
 * services use them for their own checks and listings. No schema library here, so that
 * `@sanshe/contracts/pure` can export them.
 */

/** The documented categories of a community need, with the label residents and staff read. */
export const NEED_CATEGORIES = [
  { code: 'elderly-care', label: '养老服务' },
  { code: 'children-youth', label: '儿童青少年' },
  { code: 'education', label: '教育培训' },
  { code: 'health', label: '健康服务' },
  { code: 'disability', label: '助残服务' },
  { code: 'poverty-alleviation', label: '扶贫济困' },
  { code: 'culture-hobby', label: '文化兴趣' },
  { code: 'other', label: '其他' },
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number]['code'];
export const NEED_CATEGORY_CODES = NEED_CATEGORIES.map((category) => category.code) as readonly NeedCategory[];

export const NEED_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];

/** Why a need stopped being open without (or after) a match. */
export const NEED_CLOSE_REASONS = ['met', 'withdrawn', 'expired'] as const;
export type NeedCloseReason = (typeof NEED_CLOSE_REASONS)[number];

/**
 * The two bodies that speak for a community: the residents' committee (居委会, party `community:<code>`)
 * and the elected residents' representatives (居民代表, party `residents:<code>`) — different people.
 */
export const REPRESENTATIVE_BODIES = ['committee', 'residents'] as const;
export type RepresentativeBody = (typeof REPRESENTATIVE_BODIES)[number];

export const REPRESENTATIVE_REMOVAL_REASONS = ['term-ended', 'resigned', 'recalled', 'other'] as const;
export type RepresentativeRemovalReason = (typeof REPRESENTATIVE_REMOVAL_REASONS)[number];

/** Who evaluates an activity: residents (satisfaction), the committee (outcome), a peer organization (efficiency). */
export const EVALUATOR_KINDS = ['resident', 'committee', 'peer'] as const;
export type EvaluatorKind = (typeof EVALUATOR_KINDS)[number];

/** The dimensions an activity is judged on; efficiency never outweighs any other. */
export const EVALUATION_DIMENSIONS = ['reach', 'satisfaction', 'outcome', 'efficiency'] as const;
export type EvaluationDimension = (typeof EVALUATION_DIMENSIONS)[number];

/**
 * The personal fields the community's resident register keeps (encrypted at rest, never on the wire): what a
 * data-access request asks for and a grant lets an organization read.
 */
export const PERSONAL_FIELDS = ['name', 'phone', 'idNumber', 'address'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/**
 * What a resident consents to, one purpose at a time: taking part in activities, being contacted by a named
 * organization (for an activity), research in aggregate. Withdrawal counts from the moment it is recorded.
 */
export const CONSENT_PURPOSES = ['activity-participation', 'organization-contact', 'aggregate-research'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
