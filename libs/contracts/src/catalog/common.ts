import { type SchemaOptions, type Static, type TLiteral, Type } from '@sinclair/typebox';
import { NEED_CATEGORY_CODES } from '../vocabulary/community-vocabulary';
import { SOCIAL_WORKER_LEVEL_CODES, STAFF_ROLE_CODES } from '../vocabulary/organization-vocabulary';
import { RECOGNITION_CODES, SKILL_CODES } from '../vocabulary/talent-vocabulary';

/** An aggregate or party id: opaque, URL-safe. */
export const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' });

/**
 * Administrative code of a community (社区), e.g. 310104-005-001. Loose, as the events before the
 * administrative hierarchy carried it; new events about the hierarchy use StrictCommunityCode.
 */
export const CommunityCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z-]+$' });

/** A district (区) by its GB/T 2260 code, e.g. 310104 (徐汇区). */
export const DistrictCode = Type.String({ pattern: '^[0-9]{6}$', description: 'e.g. 310104' });

/** A street (街道): the district's code and the street's number in it, e.g. 310104-005. */
export const StreetCode = Type.String({ pattern: '^[0-9]{6}-[0-9]{3}$', description: 'e.g. 310104-005' });

/** A community (社区): the street's code and the community's number in it, e.g. 310104-005-001. */
export const StrictCommunityCode = Type.String({
  pattern: '^[0-9]{6}-[0-9]{3}-[0-9]{3}$',
  description: 'e.g. 310104-005-001',
});

/** A resident as the platform knows them on the wire: a pseudonym, never a name or an id number. */
export const ResidentPseudonym = Type.String({ pattern: '^rp-[0-9a-z]{8,64}$', description: 'e.g. rp-7k2m9q4x' });

/** The area an administrative unit serves. */
export const ServiceArea = Type.Object(
  {
    areaKm2: Type.Optional(Type.Number({ minimum: 0 })),
    description: Type.String({ maxLength: 500 }),
  },
  { additionalProperties: true },
);

/** A score a person gives: 1 (poor) to 5 (excellent). */
export const Score = Type.Integer({ minimum: 1, maximum: 5 });

/** An aggregate's revision: 1 when it is created, one more at each change; consumers keep the newest. */
export const Revision = Type.Integer({ minimum: 1 });

/** A calendar day, e.g. 2026-03-02 (RFC 3339 full-date). */
export const CalendarDate = Type.String({ format: 'date' });

/** An instant, e.g. 2026-03-02T09:30:00.000Z (RFC 3339 date-time). */
export const Instant = Type.String({ format: 'date-time' });

/** One of a fixed list of strings, as a union of literals (the list stays the single source). */
export const literalUnion = <const Values extends readonly string[]>(values: Values, options?: SchemaOptions) =>
  Type.Union(values.map((value) => Type.Literal(value)) as TLiteral<Values[number]>[], options);

/** Money is integer minor units (fen) with an ISO 4217 currency, never floating point. */
export const MoneyFen = Type.Object(
  {
    amountFen: Type.Integer({ minimum: 0 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: true }, // as everywhere in events: consumers ignore fields they do not know
);
export type MoneyFen = Static<typeof MoneyFen>;

/** A SHA-256 digest in lower-case hex, e.g. of a piece of evidence (the file stays with its owner). */
export const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, 64 lower-case hex digits' });

/** A wall-clock time of day, 24-hour, e.g. 09:30. */
export const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, e.g. 09:30' });

/** An IANA time zone, e.g. Asia/Shanghai: in which recurring sessions' clock times are read. */
export const TimeZoneName = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z][A-Za-z0-9_+/-]*$',
  description: 'IANA time zone, e.g. Asia/Shanghai',
});

/** One of NEED_CATEGORIES (`@sanshe/contracts/pure`, with zh labels). */
export const NeedCategory = literalUnion(NEED_CATEGORY_CODES, {
  description: 'elderly-care, children-youth, education, health, disability, poverty-alleviation, culture-hobby, other',
});
export type NeedCategory = Static<typeof NeedCategory>;

/** One of STAFF_ROLES (`@sanshe/contracts/pure`, with zh labels). */
export const StaffRole = literalUnion(STAFF_ROLE_CODES, {
  description: 'certified-social-worker, intern, volunteer, community-staff',
});
export type StaffRole = Static<typeof StaffRole>;

/** One of SOCIAL_WORKER_LEVELS (`@sanshe/contracts/pure`, with zh labels), lowest first. */
export const SocialWorkerLevel = literalUnion(SOCIAL_WORKER_LEVEL_CODES, {
  description: 'assistant-social-worker (助理社会工作师), social-worker (社会工作师), senior-social-worker',
});
export type SocialWorkerLevel = Static<typeof SocialWorkerLevel>;

/** One of SKILLS (`@sanshe/contracts/pure`, with zh labels). */
export const SkillCode = literalUnion(SKILL_CODES, {
  description:
    'case-work, group-work, community-work, elderly-care, child-protection, disability-support, ' +
    'psychological-support, volunteer-management, project-management, policy-advocacy',
});
export type SkillCode = Static<typeof SkillCode>;

/** One of RECOGNITIONS (`@sanshe/contracts/pure`, with zh labels and the star levels' hours). */
export const RecognitionCode = literalUnion(RECOGNITION_CODES, {
  description: 'star-volunteer-1 … star-volunteer-5 (100/300/600/1000/1500 confirmed hours), social-worker-of-the-year',
});
export type RecognitionCode = Static<typeof RecognitionCode>;

/** When an activity happens, as planned in its proposal; the organization expands it into sessions. */
export const ProposalSchedule = Type.Object(
  {
    kind: Type.Union([Type.Literal('one-off'), Type.Literal('recurring')]),
    timeZone: TimeZoneName,
    /** The sessions of a one-off schedule. */
    sessions: Type.Optional(
      Type.Array(Type.Object({ startsAt: Instant, endsAt: Instant }, { additionalProperties: true }), {
        minItems: 1,
        maxItems: 200,
      }),
    ),
    /** The rule of a recurring schedule: these weekdays, every intervalWeeks weeks, startsOn to until. */
    recurrence: Type.Optional(
      Type.Object(
        {
          startsOn: CalendarDate,
          until: CalendarDate,
          /** ISO weekdays, 1 = Monday … 7 = Sunday. */
          weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
            minItems: 1,
            maxItems: 7,
            uniqueItems: true,
          }),
          startTime: ClockTime,
          endTime: ClockTime,
          /** Weeks counted from startsOn's ISO week. */
          intervalWeeks: Type.Integer({ minimum: 1, maximum: 4 }),
        },
        { additionalProperties: true },
      ),
    ),
  },
  {
    additionalProperties: true,
    description: 'exactly one of sessions (kind one-off) and recurrence (kind recurring); the organization checks it',
  },
);
export type ProposalSchedule = Static<typeof ProposalSchedule>;

/** Who an activity needs: how many people of each role, and for social workers the lowest level. */
export const StaffingPlan = Type.Array(
  Type.Object(
    {
      role: StaffRole,
      count: Type.Integer({ minimum: 1, maximum: 500 }),
      minLevel: Type.Optional(SocialWorkerLevel),
    },
    { additionalProperties: true },
  ),
  { maxItems: 10 },
);
export type StaffingPlan = Static<typeof StaffingPlan>;

/**
 * A proposal's content, every field optional: proposal.submitted and proposal.filed require title and summary,
 * proposal.amended carries only the fields that changed.
 */
export const ProposalContent = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    summary: Type.Optional(Type.String({ maxLength: 4000 })),
    /** The community need (sanshe.community.need.published.v1) this activity answers, if any. */
    needId: Type.Optional(Id),
    /** The funding program (issue 15) it applies to, if any: funding reads it with requestedFunding. */
    programId: Type.Optional(Id),
    category: Type.Optional(NeedCategory),
    schedule: Type.Optional(ProposalSchedule),
    /** The community venue (sanshe.community.venue.registered.v1) it would use. */
    venueId: Type.Optional(Id),
    expectedParticipants: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    /** Talent reads it (issue 14) to assign social workers. */
    staffingPlan: Type.Optional(StaffingPlan),
    requestedFunding: Type.Optional(MoneyFen),
    /** Whether the activity would use residents' personal data (through a data-access grant). */
    usesResidentData: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true },
);
export type ProposalContent = Static<typeof ProposalContent>;
