import Ajv from 'ajv';

/**
 * Whether a service's OpenAPI document says what its parameter checks enforce: every path and query parameter
 * of every operation is sent a few awkward values (Schemathesis' favourites: "0", a non-Latin
 * letter, a long string); where the service refuses one 400 naming that parameter, the document's schema of it
 * must refuse the value too, and a query parameter the service requires must be documented as required. A
 * disagreement is a schema-valid request rejected, which `npm run fuzz` would report.
 */
export const PARAMETER_PROBES = ['0', 'ዥ', 'A'.repeat(200)];

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown; enum?: unknown[] } & Record<string, unknown>;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: unknown;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
// Query strings arrive as strings: coerce as a client reading the document would send them.
const ajv = new Ajv({ strict: false, coerceTypes: 'array', allErrors: false });

/** An OpenAPI 3.0 schema as JSON Schema: `minimum: x, exclusiveMinimum: true` is `exclusiveMinimum: x`. */
function jsonSchemaOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchemaOf);
  if (node === null || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, jsonSchemaOf(value)]));
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (schema[exclusive] === true) [schema[exclusive], schema[bound]] = [schema[bound], undefined];
    if (schema[exclusive] === false) delete schema[exclusive];
  }
  return JSON.parse(JSON.stringify(schema)) as unknown;
}

/** A value the document accepts for a parameter that is not probed: its example or first enum value. */
const plainValue = (parameter: Parameter) =>
  String(parameter.example ?? parameter.schema?.example ?? parameter.schema?.enum?.[0] ?? 'p1');

function requestOf(path: string, parameters: Parameter[], probed: Parameter, probe: string): string {
  const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(name === probed.name ? probe : parameter ? plainValue(parameter) : 'p1');
  });
  const query = new URLSearchParams();
  for (const parameter of parameters.filter((p) => p.in === 'query')) {
    if (parameter === probed) query.set(parameter.name, probe);
    else if (parameter.required) query.set(parameter.name, plainValue(parameter));
  }
  return query.size ? `${url}?${query}` : url;
}

const shown = (probe: string) => JSON.stringify(probe.length > 12 ? `${probe.slice(0, 3)}…(${probe.length})` : probe);

async function send(baseUrl: string, token: string, method: string, url: string, operation: Operation) {
  const response = await fetch(`${baseUrl}${url}`, {
    method: method.toUpperCase(),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(operation.requestBody ? { body: '{}' } : {}),
  });
  const body = (await response.json().catch(() => ({}))) as { problems?: { path: string }[] };
  return { status: response.status, named: new Set((body.problems ?? []).map((problem) => problem.path)) };
}

/** The query parameters documented as optional that the service refuses the request without (400 naming them). */
async function requiredButOptional(
  baseUrl: string,
  token: string,
  path: string,
  method: string,
  operation: Operation,
  parameters: Parameter[],
): Promise<string[]> {
  const optional = parameters.filter((p) => p.in === 'query' && !p.required);
  if (optional.length === 0) return [];
  // Only the required query parameters (and the path's), none of the optional ones.
  const without = requestOf(path, parameters, { name: '', in: 'none' }, '');
  const absent = await send(baseUrl, token, method, without, operation);
  return optional
    .filter((p) => absent.status === 400 && absent.named.has(`/query/${p.name}`))
    .map((p) => `${method.toUpperCase()} ${path} query ${p.name}: required, documented as optional`);
}

/** Each parameter value the service refused 400 by name while its documented schema accepts it. */
export async function undocumentedParameterRefusals(
  baseUrl: string,
  token: string,
  document: OpenApiDocument,
  probes: readonly string[] = PARAMETER_PROBES,
): Promise<string[]> {
  const disagreements: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const operation = item[method];
      const parameters = (operation.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
      disagreements.push(...(await requiredButOptional(baseUrl, token, path, method, operation, parameters)));
      for (const probed of parameters) {
        const accepts = ajv.compile(jsonSchemaOf(probed.schema ?? {}) as object);
        const undocumented: string[] = [];
        for (const probe of probes) {
          const url = requestOf(path, parameters, probed, probe);
          const { status, named } = await send(baseUrl, token, method, url, operation);
          const where = `/${probed.in === 'path' ? 'params' : 'query'}/${probed.name}`;
          if (status === 400 && named.has(where) && accepts(probe)) undocumented.push(shown(probe));
        }
        if (undocumented.length) {
          disagreements.push(`${method.toUpperCase()} ${path} ${probed.in} ${probed.name}: ${undocumented.join(' ')}`);
        }
      }
    }
  }
  return disagreements;
}

/**
 * Where the document's request bodies have an object that lists its properties but takes others (`method path/…`):
 * OpenAPI 3.0 cannot constrain the names of extra keys, so a body the server closes must say so
 * (`additionalProperties: false`, nest-platform's closedObjects).
 */
export function openRequestBodyObjects(document: OpenApiDocument): string[] {
  const open: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object') return;
    const schema = node as Record<string, unknown>;
    if (schema.type === 'object' && schema.properties && schema.additionalProperties !== false) open.push(at);
    for (const [key, value] of Object.entries(schema)) walk(value, `${at}/${key}`);
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) walk(operation.requestBody, `${method} ${path}`);
  }
  return open;
}
