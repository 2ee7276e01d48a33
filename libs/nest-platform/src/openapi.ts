import type { SchemaObject } from '@nestjs/swagger';
import { type TSchema, Type } from '@sinclair/typebox';

/**
 * A TypeBox schema as OpenAPI 3.0 shows it: `anyOf [X, null]` becomes `X, nullable` (3.0 has no null
 * type), a numeric `exclusiveMinimum: x` becomes `minimum: x, exclusiveMinimum: true` (3.0's form, as for
 * the maximum), `const` becomes a one-value `enum` and a union of literals one `enum` (3.0 has no `const`: tools
 * reading the document as 3.0, such as Schemathesis, would take any value), and TypeBox's symbol keys fall
 * away in the JSON round trip.
 */
export function openApiSchema(schema: TSchema): SchemaObject {
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (node === null || typeof node !== 'object') return node;
    const object = node as Record<string, unknown>;
    const anyOf = object.anyOf as Record<string, unknown>[] | undefined;
    const others = anyOf?.filter((s) => s.type !== 'null');
    if (anyOf && others?.length === 1 && anyOf.length === 2) {
      const rest = { ...object };
      delete rest.anyOf;
      return { ...rest, ...(convert(others[0]) as object), nullable: true };
    }
    if (anyOf?.length && anyOf.every((s) => 'const' in s && s.type === anyOf[0].type)) {
      const rest = { ...object };
      delete rest.anyOf;
      return convert({ ...rest, type: anyOf[0].type, enum: anyOf.map((s) => s.const) });
    }
    for (const [exclusive, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof object[exclusive] === 'number') {
        return convert({ ...object, [bound]: object[exclusive], [exclusive]: true });
      }
    }
    if ('const' in object) {
      const { const: value, ...rest } = object;
      return convert({ ...rest, enum: [value] });
    }
    return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, convert(value)]));
  };
  return convert(JSON.parse(JSON.stringify(schema))) as SchemaObject;
}

/** One problem of a refused request: the field as a JSON pointer, and what is wrong with it. */
export const FieldProblemBody = Type.Object({ path: Type.String(), message: Type.String() });

/** The body of every platform service's 400: each problem names its field; nothing was written. */
export const InputInvalidBody = Type.Object({
  statusCode: Type.Literal(400),
  message: Type.String(),
  problems: Type.Array(FieldProblemBody),
});

/** The OpenAPI 400 response of an endpoint whose input is validated (`description` says more where useful). */
export const inputInvalidResponse = (
  description = 'A field or parameter is malformed; `problems` names each one. Nothing is written',
) => ({ description, schema: openApiSchema(InputInvalidBody) });
