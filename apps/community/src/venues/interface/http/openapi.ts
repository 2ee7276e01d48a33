import { inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { CONFLICT, NOT_FOUND } from './venue-schemas';

export const openApi = openApiSchema;

export const INVALID = inputInvalidResponse(
  'A field or parameter is malformed or breaks a rule; `problems` names each one. Nothing is written',
);
export const MISSING = {
  description: 'Nothing matches; the message says what was looked for',
  schema: openApi(NOT_FOUND),
};
export const CONFLICTING = { description: 'Conflicts with what is stored; `code` says how', schema: openApi(CONFLICT) };
export const UNAUTHORIZED = { description: 'No bearer token, or one that is expired, future-dated or badly signed' };
