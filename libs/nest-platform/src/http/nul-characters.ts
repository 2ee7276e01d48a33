import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';

/** PostgreSQL's text and jsonb cannot hold U+0000: a string with one would fail at the database as a 500. */
const NO_NUL = '^[^\\u0000]*$';
const MESSAGE = 'must not contain the NUL character (U+0000)';

/** JSON pointers to every string holding U+0000, e.g. /body/name, /params/portalId. */
export function nulPaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nulPaths(item, `${path}/${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(key.includes('\u0000') ? [`${path}/${key}`] : []),
      ...nulPaths(item, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
    ]);
  }
  return [];
}

/**
 * Refuses 400, before any handler, a request with U+0000 in its body, query or path parameters, each problem
 * naming the field (the documents say so: documentNoNul). Global, after the guards.
 */
@Injectable()
export class RefuseNulCharacters implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<{ body?: unknown; query?: unknown; params?: unknown }>();
      const paths = [
        ...nulPaths(request.params, '/params'),
        ...nulPaths(request.query, '/query'),
        ...nulPaths(request.body, '/body'),
      ];
      if (paths.length > 0) {
        throw new BadRequestException({
          statusCode: 400,
          message: `${paths.join(', ')} ${MESSAGE}`,
          problems: paths.map((path) => ({ path, message: MESSAGE })),
        });
      }
    }
    return next.handle();
  }
}

interface SchemaNode {
  type?: unknown;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  [key: string]: unknown;
}

/**
 * Every free string of a schema (no pattern, format or enum of its own) gets the pattern that excludes U+0000, and
 * so do the names of an object's undeclared properties where it allows them (propertyNames, which Schemathesis
 * honours): a key holding U+0000 is refused as its value would be.
 */
function excludeNul(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(excludeNul);
  if (node === null || typeof node !== 'object') return;
  const schema = node as SchemaNode;
  if (schema.type === 'string' && !schema.pattern && !schema.format && !schema.enum) schema.pattern = NO_NUL;
  if (schema.type === 'object' && schema.additionalProperties !== false && !schema.propertyNames) {
    schema.propertyNames = { pattern: NO_NUL };
  }
  Object.values(schema).forEach(excludeNul);
}

interface Operation {
  parameters?: { schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}

/** The documents say what RefuseNulCharacters enforces: request strings without a pattern exclude U+0000. */
export function documentNoNul(document: { paths: Record<string, object> }): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (typeof operation !== 'object' || operation === null) continue;
      operation.parameters?.forEach((parameter) => excludeNul(parameter.schema));
      Object.values(operation.requestBody?.content ?? {}).forEach((media) => excludeNul(media.schema));
    }
  }
}
