import type { TSchema } from '@sinclair/typebox';

interface SchemaNode {
  type?: unknown;
  properties?: unknown;
  additionalProperties?: unknown;
}

/**
 * `schema` with every object that lists its properties closed (additionalProperties: false). The events'
 * schemas stay open, as consumers ignore fields they do not know; a request is judged closed: a field no schema
 * names is refused 400 like a typo at the top level, so nothing the document does not state is stored or
 * passed on (OpenAPI 3.0 cannot constrain the names of extra keys, such as one holding U+0000). A map (an object
 * listing no properties) stays as its schema says.
 */
export function closedObjects<S extends TSchema>(schema: S): S {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (node === null || typeof node !== 'object') return node;
    const copy: Record<string, unknown> & SchemaNode = { ...node }; // TypeBox's symbol keys are kept
    for (const key of Object.keys(copy)) copy[key] = close(copy[key]);
    if (copy.type === 'object' && copy.properties && copy.additionalProperties !== false) {
      copy.additionalProperties = false;
    }
    return copy;
  };
  return close(schema) as S;
}
