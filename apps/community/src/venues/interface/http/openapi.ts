import { openApiSchema } from '@sanshe/nest-platform';
import { CONFLICT, INPUT_INVALID, NOT_FOUND } from './venue-schemas';

export const openApi = openApiSchema;

export const INVALID = {
  description: 'A field or parameter is malformed or breaks a rule; `problems` names each one. Nothing is written',
  schema: openApi(INPUT_INVALID),
};
export const MISSING = {
  description: 'Nothing matches; the message says what was looked for',
  schema: openApi(NOT_FOUND),
};
export const CONFLICTING = { description: 'Conflicts with what is stored; `code` says how', schema: openApi(CONFLICT) };
export const UNAUTHORIZED = { description: 'No bearer token, or one that is expired, future-dated or badly signed' };
