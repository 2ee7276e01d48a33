import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { CalendarDate, Id, Instant, literalUnion, RecognitionCode, SocialWorkerLevel } from './common';

/*
 * The talent service's facts about workers' qualification and recognition, and about organizations'
 * workforce health (docs/events.md, "Talent events"). Workers only by id, kind and level: no name on the wire.
 */

/** The organization the worker works for, or null (between organizations, or independent). */
const EmployerId = Type.Union([Id, Type.Null()]);

/** Hours of training or continuing education, to the tenth (a 90-minute session is 1.5). */
const TrainingHours = Type.Number({ minimum: 0, maximum: 1000 });

export const trainingCompleted = defineEvent('sanshe.talent.training.completed.v1', {
  description:
    "A worker completed a training program (继续教育) and its hours count towards the year's continuing " +
    'education requirement of their level; rewards earn points per hour. Subject: the workerId.',
  data: Type.Object(
    {
      workerId: Id,
      organizationId: EmployerId,
      programId: Id,
      hours: Type.Number({ exclusiveMinimum: 0, maximum: 200 }),
      completedOn: CalendarDate,
    },
    { additionalProperties: true },
  ),
  example: {
    workerId: 'sw-2019-0457',
    organizationId: 'org-xinhua-elderly-care',
    programId: 'prog-2026-elderly-case-work',
    hours: 12.5,
    completedOn: '2026-10-15',
  },
  subjectField: 'workerId',
});

export const educationShortfallDetected = defineEvent('sanshe.talent.education.shortfall-detected.v1', {
  description:
    "A certified social worker's continuing education hours for the year are short of their level's yearly " +
    'requirement late enough in the year to warn (from TALENT_EDUCATION_WARN_FROM): once per worker and year, ' +
    'in time to act. Subject: the workerId.',
  data: Type.Object(
    {
      workerId: Id,
      organizationId: EmployerId,
      level: SocialWorkerLevel,
      year: Type.Integer({ minimum: 2000, maximum: 2200 }),
      requiredHours: TrainingHours,
      completedHours: TrainingHours,
      /** requiredHours − completedHours, above zero. */
      shortfallHours: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
    },
    { additionalProperties: true },
  ),
  example: {
    workerId: 'sw-2019-0457',
    organizationId: 'org-xinhua-elderly-care',
    level: 'social-worker',
    year: 2026,
    requiredHours: 30,
    completedHours: 12.5,
    shortfallHours: 17.5,
  },
  subjectField: 'workerId',
});

export const certificateExpiring = defineEvent('sanshe.talent.certificate.expiring.v1', {
  description:
    "A certified social worker's certificate expires within TALENT_CERTIFICATE_WARN_DAYS (default 90): once per " +
    'certificate and expiry date (a renewed certificate warns again before its new expiry). Subject: the workerId.',
  data: Type.Object(
    {
      workerId: Id,
      organizationId: EmployerId,
      certificateId: Id,
      level: SocialWorkerLevel,
      expiresOn: CalendarDate,
      /** Whole days from the day of the warning to expiresOn. */
      daysLeft: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: true },
  ),
  example: {
    workerId: 'sw-2019-0457',
    organizationId: 'org-xinhua-elderly-care',
    certificateId: 'cert-sw-2019-0457-2',
    level: 'social-worker',
    expiresOn: '2027-01-31',
    daysLeft: 65,
  },
  subjectField: 'workerId',
});

export const recognitionAwarded = defineEvent('sanshe.talent.recognition.awarded.v1', {
  description:
    'A worker received a recognition (RECOGNITIONS): a star volunteer level when their confirmed hours reached ' +
    "it (cause hours: the confirmed hours that did), or social worker of the year from the district's talent " +
    'office (cause award, with the year). Once per worker and recognition (and year). Subject: the workerId.',
  data: Type.Object(
    {
      workerId: Id,
      organizationId: EmployerId,
      recognition: RecognitionCode,
      /** The year a yearly recognition (social worker of the year) is for. */
      year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })),
      /** What it is traceable to: the confirmed hours (hoursId) or the talent office's award (its id). */
      cause: Type.Object({ type: literalUnion(['hours', 'award']), id: Id }, { additionalProperties: true }),
    },
    { additionalProperties: true },
  ),
  example: {
    workerId: 'vol-2024-0311',
    organizationId: 'org-xinhua-elderly-care',
    recognition: 'star-volunteer-1',
    cause: { type: 'hours', id: 'hours-2026-00417' },
  },
  subjectField: 'workerId',
});

const Count = Type.Integer({ minimum: 0 });

/** An organization's workforce crossing a threshold (WORKFORCE_THRESHOLDS in the talent service). */
const WorkforceCrossing = Type.Object(
  {
    organizationId: Id,
    indicator: literalUnion(['intern-ratio', 'turnover']),
    /**
     * The indicator's value, rounded to 4 decimals: the intern ratio is interns / staff (0–1); 12-month
     * turnover is those who left / the average headcount, and may exceed 1.
     */
    value: Type.Number({ minimum: 0, maximum: 100 }),
    /** The threshold it was judged against (above it is at risk). */
    threshold: Type.Number({ minimum: 0, maximum: 100 }),
    /** Which crossing into at-risk this is (1 the first; a clearing names the crossing it ends). */
    crossing: Type.Integer({ minimum: 1 }),
    /** The active workers by kind and the turnover inputs the value was computed from. */
    figures: Type.Object(
      {
        certified: Count,
        communityStaff: Count,
        interns: Count,
        volunteers: Count,
        left12Months: Count,
        headcount12MonthsAgo: Count,
        retainedInterns: Count,
      },
      { additionalProperties: true },
    ),
    at: Instant,
  },
  { additionalProperties: true },
);
const figures = {
  certified: 2,
  communityStaff: 1,
  interns: 8,
  volunteers: 12,
  left12Months: 1,
  headcount12MonthsAgo: 10,
  retainedInterns: 1,
};

export const workforceRiskDetected = defineEvent('sanshe.talent.workforce.risk-detected.v1', {
  description:
    "An organization's workforce crossed a threshold into risk: interns above the share of its staff allowed " +
    '(default 70%) or a 12-month turnover spike (default above 30%). Once per crossing: not again while it stays ' +
    'at risk, again only after risk-cleared and a new crossing. Organizations too small to judge raise nothing. ' +
    'Subject: the organizationId.',
  data: WorkforceCrossing,
  example: {
    organizationId: 'org-xinhua-elderly-care',
    indicator: 'intern-ratio',
    value: 0.7273,
    threshold: 0.7,
    crossing: 1,
    figures,
    at: '2026-11-27T08:00:00.000Z',
  },
  subjectField: 'organizationId',
});

export const workforceRiskCleared = defineEvent('sanshe.talent.workforce.risk-cleared.v1', {
  description:
    "An organization's workforce indicator that was at risk is back at or below its threshold: ends the crossing " +
    'it names. Subject: the organizationId.',
  data: WorkforceCrossing,
  example: {
    organizationId: 'org-xinhua-elderly-care',
    indicator: 'intern-ratio',
    value: 0.6667,
    threshold: 0.7,
    crossing: 1,
    figures: { ...figures, interns: 6, left12Months: 3 },
    at: '2026-12-15T08:00:00.000Z',
  },
  subjectField: 'organizationId',
});
