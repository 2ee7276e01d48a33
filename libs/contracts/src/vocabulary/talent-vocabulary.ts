/*
 * The talent service's fixed vocabularies, as plain constants (no schema library, so that
 * `@sanshe/contracts/pure` can export them): the event schemas are built from them, and services use them
 * for their own checks, rules and listings.
 */

/** The skills a worker's record may list (at most 20), with the label organizations and communities read. */
export const SKILLS = [
  { code: 'case-work', label: '个案工作' },
  { code: 'group-work', label: '小组工作' },
  { code: 'community-work', label: '社区工作' },
  { code: 'elderly-care', label: '养老服务' },
  { code: 'child-protection', label: '儿童保护' },
  { code: 'disability-support', label: '助残服务' },
  { code: 'psychological-support', label: '心理支持' },
  { code: 'volunteer-management', label: '志愿者管理' },
  { code: 'project-management', label: '项目管理' },
  { code: 'policy-advocacy', label: '政策倡导' },
] as const;
export type SkillCode = (typeof SKILLS)[number]['code'];
export const SKILL_CODES = SKILLS.map((skill) => skill.code) as readonly SkillCode[];

/**
 * The recognitions the talent service awards. The star volunteer levels (星级志愿者) follow the national
 * volunteer service record rules: a level at 100, 300, 600, 1000 and 1500 confirmed service hours, awarded
 * once each. Social worker of the year is awarded by the district's talent office, once per worker and year.
 */
export const RECOGNITIONS = [
  { code: 'star-volunteer-1', label: '一星级志愿者', hours: 100 },
  { code: 'star-volunteer-2', label: '二星级志愿者', hours: 300 },
  { code: 'star-volunteer-3', label: '三星级志愿者', hours: 600 },
  { code: 'star-volunteer-4', label: '四星级志愿者', hours: 1000 },
  { code: 'star-volunteer-5', label: '五星级志愿者', hours: 1500 },
  { code: 'social-worker-of-the-year', label: '年度优秀社会工作者' },
] as const;
export type RecognitionCode = (typeof RECOGNITIONS)[number]['code'];
export const RECOGNITION_CODES = RECOGNITIONS.map((recognition) => recognition.code) as readonly RecognitionCode[];

/** A star volunteer level: the recognitions earned by confirmed hours alone. */
export type StarVolunteerLevel = Extract<(typeof RECOGNITIONS)[number], { hours: number }>;

/** The star volunteer levels, lowest first: a volunteer earns each once their confirmed hours reach `hours`. */
export const STAR_VOLUNTEER_LEVELS = RECOGNITIONS.filter(
  (recognition): recognition is StarVolunteerLevel => 'hours' in recognition,
);
