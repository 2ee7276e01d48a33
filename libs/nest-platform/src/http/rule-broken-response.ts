import { ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { FieldProblemBody, openApiSchema } from '../openapi';

const RuleBrokenBody = Type.Object({
  statusCode: Type.Literal(422),
  code: Type.String(),
  message: Type.String(),
  problems: Type.Array(FieldProblemBody),
});

/**
 * 422: every field well formed, but a rule between fields broken (two dates compared, say), which OpenAPI 3.0
 * cannot state; a malformed field stays 400. `rule` says which, as the operation's reader needs it.
 */
export const ApiRuleBrokenResponse = (rule: string) =>
  ApiUnprocessableEntityResponse({
    description: `${rule}: a rule between fields no schema states; problems names the field`,
    schema: openApiSchema(RuleBrokenBody),
  });
