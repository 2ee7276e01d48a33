import { type SchemaOptions, type TLiteral, Type } from '@sinclair/typebox';

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
