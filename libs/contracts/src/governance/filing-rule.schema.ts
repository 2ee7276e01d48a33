import { type Static, Type } from '@sinclair/typebox';
import type { FilingRule as PureFilingRule } from './filing-rule';

/** The filing rule as a schema, for HTTP (`GET /filing-rule`) and AsyncAPI; the values are in filing-rule.ts. */
export const FilingRule = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    venueBooking: Type.Boolean({ description: 'may a filed activity book a community venue' }),
    residentData: Type.Boolean({ description: "may a filed activity use residents' personal data" }),
    maxRequestedFundingFen: Type.Integer({ minimum: 0, description: 'the most funding a filing may request (fen)' }),
    maxExpectedParticipants: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'the most participants a filed activity may expect; null = no limit',
    }),
    callInHours: Type.Number({ exclusiveMinimum: 0, description: 'the call-in window after the notice (hours)' }),
    callInControllers: Type.Integer({
      minimum: 2,
      description: 'distinct controllers whose parties must call a filing in',
    }),
  },
  { additionalProperties: false },
);
export type FilingRule = Static<typeof FilingRule>;

// The schema and the pure interface describe the same value: each must be assignable to the other.
const toPure = (rule: FilingRule): PureFilingRule => rule;
const fromPure = (rule: PureFilingRule): FilingRule => rule;
void toPure;
void fromPure;
