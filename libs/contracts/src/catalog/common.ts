import { Type } from '@sinclair/typebox';

/** An aggregate or party id: opaque, URL-safe. */
export const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' });

/** Administrative code of a community (社区), e.g. 310104-005-001. */
export const CommunityCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z-]+$' });

/** Money is integer minor units (fen) with an ISO 4217 currency, never floating point. */
export const MoneyFen = Type.Object(
  {
    amountFen: Type.Integer({ minimum: 0 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: true }, // as everywhere in events: consumers ignore fields they do not know
);
