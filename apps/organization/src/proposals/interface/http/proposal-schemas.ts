import { type Static, type TSchema, Type } from '@sinclair/typebox';
import {
  Id,
  ObjectionReason,
  ProposalContent,
  proposalAmended,
  schemaProblems,
  StrictCommunityCode,
} from '@sanshe/contracts';
import { PROPOSAL_STATUSES } from '../../domain/proposal';
import { closedObjects } from '@sanshe/nest-platform';
import { ProposalInputInvalid } from '../../domain/proposal-errors';

// The contract's own field schemas, so a request is judged exactly like the event it becomes — closed: a field
// the contract does not name is refused (closedObjects).
const content = closedObjects(ProposalContent).properties;
const required = Type.Required(closedObjects(ProposalContent)).properties;
const nullable = Object.fromEntries(
  Object.entries(required).map(([field, schema]) => [field, Type.Optional(Type.Union([schema, Type.Null()]))]),
) as Record<string, TSchema>;

/** POST /organizations/{id}/proposals: where, and as much of the content as is known. Unknown fields are refused. */
export const CreateProposalBody = Type.Object(
  { communityCode: StrictCommunityCode, ...content },
  { additionalProperties: false },
);
export type CreateProposalBody = Static<typeof CreateProposalBody>;

/** PATCH /proposals/{id}: a merge patch of a draft's content; null removes a field (for OpenAPI: checkedEdit judges). */
export const EditProposalBody = Type.Object(nullable, { additionalProperties: false, minProperties: 1 });
const ContentBody = Type.Object(content, { additionalProperties: false });

/**
 * The merge patch as EditProposalBody describes it, judged field by field: a null is a removal (of a
 * content field), anything else is judged by the content's own schema, so a bad value is named once.
 */
export function checkedEdit(body: unknown): Record<string, unknown> {
  const patch = checked(Type.Object({}, { minProperties: 1 }), body) as Record<string, unknown>;
  const removed = Object.keys(patch).filter((field) => patch[field] === null);
  const problems = [
    ...removed
      .filter((field) => !(field in content))
      .map((field) => ({ path: `/${field}`, message: 'is not a field of a proposal' })),
    ...schemaProblems(ContentBody, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null))),
  ];
  if (problems.length > 0) throw new ProposalInputInvalid(problems);
  return patch;
}

/** POST /proposals/{id}/amend: what changed in the organization's words, and the new values. */
export const AmendProposalBody = closedObjects(
  Type.Object({ revision: proposalAmended.data.properties.revision, changes: Type.Object(content) }),
);
export type AmendProposalBody = Static<typeof AmendProposalBody>;

/** POST /proposals/{id}/withdraw: why, as a code and a text (governance's audit trail shows it). */
export const WithdrawProposalBody = closedObjects(Type.Object({ reason: ObjectionReason }));
export type WithdrawProposalBody = Static<typeof WithdrawProposalBody>;

const Status = Type.Union(PROPOSAL_STATUSES.map((status) => Type.Literal(status)));
export const ProposalQuery = Type.Object({ status: Type.Optional(Status) });
export const ProposalIdParam = Type.Object({ proposalId: Id });
export const OrganizationIdParam = Type.Object({ organizationId: Id });

/** `value` as `schema` wants it, or ProposalInputInvalid naming each field (under `prefix`, e.g. `/query`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new ProposalInputInvalid(problems);
  return value as Static<S>;
}

const Refusal = Type.Union([Type.Object({ code: Type.String(), reason: Type.String() }), Type.Null()]);

/** One revision of the content, and governance's answer to it. */
export const RevisionView = Type.Object({
  revisionNo: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('sent'), Type.Literal('accepted'), Type.Literal('refused')]),
  revisionText: Type.Union([Type.String(), Type.Null()]),
  round: Type.Union([Type.Integer(), Type.Null()], { description: 'The voting round governance opened for it' }),
  refusal: Refusal,
  content: ProposalContent,
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

/** What every read of a proposal returns. */
export const ProposalView = Type.Object({
  proposalId: Type.String(),
  organizationId: Type.String(),
  communityCode: Type.String(),
  status: Status,
  revisionNo: Type.Integer({ description: 'The revision whose content is in force' }),
  content: ProposalContent,
  decision: Type.Union([
    Type.Object({ decisionId: Type.String(), stage: Type.String(), round: Type.Integer() }),
    Type.Null(),
  ]),
  result: Type.Union([Type.String(), Type.Null()]),
  calledIn: Type.Union([Type.Object({ cause: Type.String(), calledInBy: Type.Array(Type.String()) }), Type.Null()]),
  callInUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  filingRuleVersion: Type.Union([Type.Integer(), Type.Null()]),
  withdrawal: Type.Union([
    Type.Object({ reason: ObjectionReason, requestedAt: Type.String(), refusal: Refusal }),
    Type.Null(),
  ]),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  warnings: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
});

export const NOT_FOUND = Type.Object({ statusCode: Type.Literal(404), code: Type.String(), message: Type.String() });
export const CONFLICT = Type.Object({
  statusCode: Type.Literal(409),
  code: Type.String({
    description: 'invalid-transition, not-low-risk, organization-not-registered, community-not-served, need-closed',
  }),
  message: Type.String(),
  status: Type.Optional(Type.String()),
  attempted: Type.Optional(Type.String()),
  allowed: Type.Optional(Type.Array(Type.String())),
  violations: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
});
