import { type Static, Type } from '@sinclair/typebox';
import { CommunityCode, Id } from '../catalog/common';

/**
 * A decision policy: who votes on a kind of decision, with what weight, by when, and who arbitrates
 * when the vote does not settle it. Policies are data (per community, or district-wide), versioned
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

/**
 * A seat's party id: a PartyId, or one whose id part is `{communityCode}` — e.g.
 * `community:{communityCode}` in a district-wide policy seats the residents' committee of whichever
 * community a decision is about; governance binds it when the decision opens.
 */
export const SeatPartyId = Type.String({
  minLength: 3,
  maxLength: 160,
  pattern: '^[a-z][a-z-]*:([A-Za-z0-9][A-Za-z0-9._:-]*|\\{communityCode\\})$',
  description: 'kind:id, or kind:{communityCode} for the community a decision is about',
});

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

export const DecisionOutcome = Type.Union([Type.Literal('approved'), Type.Literal('rejected')]);

/** One level up the administrative hierarchy: community → street → district civil-affairs portal. */
export const EscalationStep = Type.Object(
  {
    arbiterId: PartyId,
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
    /** The community it applies to; null = every community of the district without its own policy. */
    communityCode: Type.Union([CommunityCode, Type.Null()]),
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

/** A stored policy: the input plus the version governance gave it. Decisions pin the version they started with. */
export type DecisionPolicy = DecisionPolicyInput & { version: number };
