import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { DecisionId, DecisionVoteData, schemaProblems } from '@sanshe/contracts';
import { closedObjects, openApiSchema } from '@sanshe/nest-platform';
import { VoteInputInvalid } from '../../domain/vote-errors';

const vote = DecisionVoteData.properties;

/** POST /decisions/{decisionId}/votes: the seat, the choice and (required to object) the reason. */
export const StaffVoteBody = closedObjects(
  Type.Object({ partyId: vote.partyId, choice: vote.choice, reason: vote.reason }),
);
export type StaffVoteBody = Static<typeof StaffVoteBody>;

const voteBody = openApiSchema(StaffVoteBody) as { properties: object; required?: string[] };
/** StaffVoteBody with these choices, requiring `required` too: each branch whole, so generators need not filter. */
const voteBranch = (choices: string[], required: string[]) => ({
  ...voteBody,
  properties: { ...voteBody.properties, choice: { type: 'string', enum: choices } },
  required: [...(voteBody.required ?? []), ...required],
});
/** The vote's body as the document shows it: StaffVoteBody and its rule, an objection carries its reason. */
export const STAFF_VOTE_DOCUMENT = {
  anyOf: [voteBranch(['approve', 'abstain'], []), voteBranch(['object'], ['reason'])],
};

export const DecisionsQuery = Type.Object(
  { pending: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) },
  { additionalProperties: false },
);

export const DecisionIdParam = Type.Object({ decisionId: DecisionId });

const Vote = Type.Object({
  decisionId: Type.String(),
  partyId: Type.String(),
  round: Type.Integer(),
  choice: Type.String(),
  reason: Type.Union([Type.Object({ code: Type.String(), text: Type.String() }), Type.Null()]),
  mode: Type.Union([Type.Literal('rules'), Type.Literal('staff')]),
  rulesVersion: Type.Union([Type.Integer(), Type.Null()]),
  castBy: Type.String({ description: '`rules`, or the staff member’s token subject' }),
  eventId: Type.String(),
  castAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('sent'), Type.Literal('rejected')]),
  rejection: Type.Union([Type.Object({ code: Type.String(), reason: Type.String() }), Type.Null()]),
});
export const VoteView = Vote;

export const DecisionView = Type.Object({
  decisionId: Type.String(),
  kind: Type.String(),
  subjectId: Type.String(),
  communityCode: Type.String(),
  title: Type.String(),
  round: Type.Integer(),
  seats: Type.Array(Type.Object({ partyId: Type.String(), deadline: Type.String({ format: 'date-time' }) })),
  status: Type.Union([Type.Literal('open'), Type.Literal('decided')]),
  result: Type.Union([Type.String(), Type.Null()]),
  votes: Type.Array(Vote),
});

/** `value` as `schema` wants it, or VoteInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new VoteInputInvalid(problems);
  return (value ?? {}) as Static<S>; // no body at all: as empty as `{}`, which it was checked as
}

/** The body, plus its rule between fields: an objection carries its reason (STAFF_VOTE_DOCUMENT states it). */
export function checkedVote(body: unknown): StaffVoteBody {
  const vote = checked(StaffVoteBody, body);
  if (vote.choice === 'object' && !vote.reason) {
    throw new VoteInputInvalid([
      { path: '/reason', message: 'is required to object (an objection is a vote with a reason)' },
    ]);
  }
  return vote;
}
