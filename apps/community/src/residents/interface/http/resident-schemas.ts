import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { schemaProblems, StrictCommunityCode } from '@sanshe/contracts';
import { ResidentInputInvalid } from '../../domain/resident-errors';

// Lengths only: the format checks (ID number, phone) are the domain's, with messages that never echo a value.
const fields = {
  name: Type.String({ minLength: 1, maxLength: 100, description: 'Full name' }),
  phone: Type.String({ minLength: 1, maxLength: 20, description: 'Mainland mobile (13800138000) or landline' }),
  idNumber: Type.String({
    minLength: 1,
    maxLength: 24,
    description: '18-character resident identity number (GB 11643)',
  }),
  address: Type.String({ minLength: 1, maxLength: 300, description: 'Home address' }),
};

/** POST /communities/{code}/residents. Unknown fields are refused. */
export const RegisterResidentBody = Type.Object(fields, { additionalProperties: false });
export type RegisterResidentBody = Static<typeof RegisterResidentBody>;

/** PUT /residents/{residentId}: the fields to correct, at least one. */
export const CorrectResidentBody = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
export type CorrectResidentBody = Static<typeof CorrectResidentBody>;

/** POST /communities/{code}/residents/lookup: exactly one of phone, idNumber (checked by the controller). */
export const LookupResidentBody = Type.Partial(Type.Object({ phone: fields.phone, idNumber: fields.idNumber }), {
  additionalProperties: false,
});
export type LookupResidentBody = Static<typeof LookupResidentBody>;

export const ResidentIdParam = Type.Object({ residentId: Type.String({ pattern: '^rp-[a-z2-7]{24}$' }) });
export const CommunityCodeParam = Type.Object({ communityCode: StrictCommunityCode });

export const ResidentIdView = Type.Object({ residentId: Type.String() });
export const ResidentIdsView = Type.Object({ residentIds: Type.Array(Type.String()) });
/** What the register shows of a resident: never a personal field. */
export const ResidentEntryView = Type.Object({
  residentId: Type.String(),
  communityCode: Type.String(),
  registeredAt: Type.String({ format: 'date-time' }),
});

export const NOT_FOUND = Type.Object({ statusCode: Type.Literal(404), code: Type.String(), message: Type.String() });
export const ALREADY_REGISTERED = Type.Object({
  statusCode: Type.Literal(409),
  code: Type.Literal('already-registered'),
  message: Type.String(),
  residentId: Type.String(),
});

/** `value` as `schema` wants it, or ResidentInputInvalid naming each field (under `prefix`, e.g. `/params`). */
export function checked<S extends TSchema>(schema: S, value: unknown, prefix = ''): Static<S> {
  const problems = schemaProblems(schema, value ?? {}, prefix);
  if (problems.length > 0) throw new ResidentInputInvalid(problems);
  return value as Static<S>;
}
