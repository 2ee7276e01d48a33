import { type ArgumentsHost, BadRequestException, Catch, type ExceptionFilter } from '@nestjs/common';
import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { InputInvalidBody, openApiSchema } from '../openapi';

/** What the platform answers 401 (no usable token) and 403 (not this role or party): libs/auth's bodies. */
const RefusalBody = (status: 401 | 403, error: string) =>
  Type.Object({ statusCode: Type.Literal(status), error: Type.Literal(error), message: Type.String() });

const REFUSALS: Record<string, { description: string; schema: SchemaObject }> = {
  '401': {
    description: 'No bearer token, or one that is expired, future-dated or badly signed; nothing is written',
    schema: openApiSchema(RefusalBody(401, 'Unauthorized')),
  },
  '403': {
    description: "The token's roles or parties do not reach this operation; nothing is written",
    schema: openApiSchema(RefusalBody(403, 'Forbidden')),
  },
  '400': {
    description:
      'A field or parameter is malformed, or the body is not JSON; `problems` names each one. Nothing is written',
    schema: openApiSchema(InputInvalidBody),
  },
  '413': {
    description: 'The body is larger than the body parser takes (100 kB); nothing is written',
    schema: openApiSchema(Type.Object({ statusCode: Type.Literal(413), message: Type.String() })),
  },
};

interface Operation {
  security?: unknown[];
  requestBody?: unknown;
  parameters?: unknown[];
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

/** The statuses the platform may answer for an operation, whatever its controller declares. */
const platformStatuses = (operation: Operation) => [
  ...(operation.security?.length ? ['401', '403'] : []), // the global AuthGuard
  ...(operation.requestBody || operation.parameters?.length ? ['400'] : []), // its input checked; a body not JSON
  ...(operation.requestBody ? ['413'] : []), // the body parser's limit
];

/**
 * Adds to the document what every service answers whatever its controllers declare: 401 and 403 on each
 * operation that takes a bearer token, 400 on each with input (see BadRequestProblemsFilter), 413 on each that
 * reads a body; and, where a controller documented only refusals, Nest's own success status (201 for POST,
 * else 200: Nest documents it only when nothing else is). A status a controller declared keeps its description
 * and gains the body's schema if it had none.
 */
export function documentPlatformRefusals(document: Pick<OpenAPIObject, 'paths'>): void {
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (typeof operation !== 'object' || !operation || !('responses' in operation)) continue;
      if (!Object.keys(operation.responses).some((status) => status.startsWith('2'))) {
        operation.responses[method === 'post' ? '201' : '200'] = { description: 'Done' };
      }
      for (const status of platformStatuses(operation)) {
        const declared = operation.responses[status];
        const { description, schema } = REFUSALS[status];
        if (declared?.content) continue;
        operation.responses[status] = {
          description: declared?.description ?? description,
          content: { 'application/json': { schema } },
        };
      }
    }
  }
}

/**
 * Every 400 a service sends without its own body — a body that is not JSON (the body parser), a hand-thrown
 * BadRequestException — in the documented shape: `problems` naming what is wrong (the whole request, path '').
 * Features' own filters answer their errors first; this is the global one.
 */
@Catch(BadRequestException)
export class BadRequestProblemsFilter implements ExceptionFilter<BadRequestException> {
  catch(error: BadRequestException, host: ArgumentsHost): void {
    const reply = error.getResponse();
    const body = typeof reply === 'object' ? (reply as Record<string, unknown>) : { message: reply };
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? error.message);
    const problems = Array.isArray(body.problems) ? body.problems : [{ path: '', message }];
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(400)
      .json({ ...body, statusCode: 400, message, problems });
  }
}
