import { type Static, Type } from '@sinclair/typebox';
import { CommunityCode, DistrictCode, Id, StreetCode } from '../catalog/common';
import { AREA_PLACEHOLDERS } from './seat-placeholder';

/**
 * A decision policy: who votes on a kind of decision, with what weight, by when, and who arbitrates
 * when the vote does not settle it. Policies are data (per community, street or district), versioned
 * by governance, set over its HTTP API and, once portals integrate, by portal command — so the
 * schema lives here, in the public contract. The invariants (no single veto, no single approval)
 * are checked by `validatePolicy` in @sanshe/workflows, which names the party that breaks them.
 */

/**
 * A duration in hours: 168 = 7 days. Fractions are allowed down to one second, so that tests against
 * a real server (which cannot skip time) can use deadlines of seconds.
 */
const Hours = (description: string) =>
  Type.Number({ minimum: 1 / 3600, maximum: 24 * 90, description: `${description} (hours; 168 = 7 days)` });

/** `<kind>:<id>`, e.g. `community:310104-005-001`, `organization:org-xinhua`, `portal:street-xinhua`. */
export const PartyId = Type.String({
  minLength: 3,
  maxLength: 160,
  pattern: '^[a-z][a-z-]*:[A-Za-z0-9][A-Za-z0-9._:-]*$',
  description: 'kind:id, e.g. community:310104-005-001',
});

/** `{communityCode}|{streetCode}|{districtCode}`, escaped for a regular expression. */
const PLACEHOLDER = `(?:${AREA_PLACEHOLDERS.map((p) => p.replace(/[{}]/g, '\\$&')).join('|')})`;

/**
 * A party id that may hold area placeholders: `kind:` then an id of `[A-Za-z0-9._:-]` and placeholders,
 * starting with a letter, a digit or a placeholder. Governance binds the placeholders to the area the
 * decision is about when it opens (docs/decisions.md).
 */
const PartyIdTemplate = (description: string) =>
  Type.String({
    minLength: 3,
    maxLength: 160,
    pattern: `^[a-z][a-z-]*:(?:[A-Za-z0-9]|${PLACEHOLDER})(?:[A-Za-z0-9._:-]|${PLACEHOLDER})*$`,
    description,
  });

/**
 * A seat's party id: a PartyId, or one with `{communityCode}`, `{streetCode}`, `{districtCode}` in its id
 * part — e.g. `community:{communityCode}` in a district-wide policy seats the residents' committee of
 * whichever community a decision is about.
 */
export const SeatPartyId = PartyIdTemplate(
  'kind:id, where the id may hold {communityCode}, {streetCode}, {districtCode} of the area a decision is about',
);

/**
 * An arbiter's party id, with the same placeholders: `portal:street-{streetCode}` makes the street office
 * of the decision's own community the arbiter, not one office for the whole district.
 */
export const ArbiterPartyId = PartyIdTemplate(
  'kind:id, e.g. portal:street-{streetCode}: the office of the street of the community a decision is about',
);

export const PartySeat = Type.Object(
  {
    partyId: SeatPartyId,
    /** An open set: community, organization, talent, funder, residents, volunteers, charity, … */
    kind: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z-]*$' }),
    title: Type.String({ minLength: 1, maxLength: 200, description: 'Who this is, for people reading the UI' }),
    weight: Type.Integer({ minimum: 1, maximum: 1000 }),
    /** The party's vote deadline, counted from the start of each voting round. */
    voteWindowHours: Hours('vote deadline after each round opens'),
  },
  { additionalProperties: false },
);

/**
 * What policies name as an outcome: an arbiter's ruling and an escalation level's default. Never withdrawn —
 * only the proposer withdraws (DecisionResult).
 */
export const DecisionOutcome = Type.Union([Type.Literal('approved'), Type.Literal('rejected')]);

/** How a decision ended (decision.decided's result): an outcome, or withdrawn by its proposer before it was decided. */
export const DecisionResult = Type.Union([DecisionOutcome, Type.Literal('withdrawn')]);

/** One level up the administrative hierarchy: community → street → district civil-affairs portal. */
export const EscalationStep = Type.Object(
  {
    arbiterId: ArbiterPartyId,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    deadlineHours: Hours("the arbiter's deadline after escalation"),
    /** What happens if the arbiter stays silent: an outcome, or `escalate` to the next level. */
    defaultOutcome: Type.Union([DecisionOutcome, Type.Literal('escalate')]),
  },
  { additionalProperties: false },
);

export const DecisionPolicyInput = Type.Object(
  {
    /** Stable name; each change is stored as a new version of it. */
    policyId: Id,
    /** The kind of decision it governs, e.g. activity-proposal, data-access, grant-award. */
    decisionKind: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z][a-z-]*$' }),
    /**
     * The scope, at most one of programId, communityCode (non-null), streetCode and districtCode (governance
     * checks it); none = the deployment's district default. A decision takes the policy of its program, else
     * of its community, else of its street, else of its district, else the default (policyScopeOf).
     */
    communityCode: Type.Union([CommunityCode, Type.Null()]),
    /** The street whose communities it applies to, unless they have their own policy. */
    streetCode: Type.Optional(StreetCode),
    /** The district whose communities it applies to, unless their community or street has a policy. */
    districtCode: Type.Optional(DistrictCode),
    /**
     * A funding program whose decisions it governs (issue 15), ahead of any area's policy: set from the
     * program's own policies (sanshe.funding.program.opened.v1), or by the district's operator.
     */
    programId: Type.Optional(Id),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    parties: Type.Array(PartySeat, { minItems: 1, maxItems: 50 }),
    /** Approving weight needed to pass. */
    quorum: Type.Integer({ minimum: 1 }),
    /** How long an objection keeps the decision open for amendment and changed votes. */
    deliberationHours: Hours('deliberation window after an objection'),
    /** How many times the proposer may revise (each revision is a new voting round). */
    maxAmendments: Type.Integer({ minimum: 0, maximum: 10 }),
    /**
     * How many times a party may change its vote in one round, while an objection is deliberated
     * (absent = 2; 0 = a vote stands). Bounds the churn, and the reasons a long decision carries.
     */
    maxVoteChangesPerRound: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 10,
        description: 'changes of vote per party per round during deliberation (absent = 2, 0 = none)',
      }),
    ),
    escalation: Type.Array(EscalationStep, { minItems: 1, maxItems: 5 }),
  },
  { additionalProperties: false },
);
export type DecisionPolicyInput = Static<typeof DecisionPolicyInput>;
export type PartySeat = Static<typeof PartySeat>;
export type EscalationStep = Static<typeof EscalationStep>;
export type DecisionOutcome = Static<typeof DecisionOutcome>;
export type DecisionResult = Static<typeof DecisionResult>;

/** A stored policy: the input plus the version governance gave it. Decisions pin the version they started with. */
export type DecisionPolicy = DecisionPolicyInput & { version: number };
