/** The paths of an OpenAPI document (`OpenAPIObject` fits), each with its declared methods as keys. */
interface DocumentPaths {
  paths: Record<string, object>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface PathMethods {
  pattern: RegExp;
  allow: string;
}

interface HttpRequest {
  method: string;
  path: string;
}
interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
}

/** `/policies/{policyId}` → a pattern matching one path segment per parameter. */
const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}/?$`,
  );

/** Each documented path with the methods it declares, as an `Allow` header lists them (HEAD wherever GET is). */
export function documentedPathMethods(document: DocumentPaths): PathMethods[] {
  return Object.entries(document.paths).map(([path, item]) => {
    const declared = METHODS.filter((method) => method in item).map((method) => method.toUpperCase());
    if (declared.includes('GET') && !declared.includes('HEAD')) declared.push('HEAD');
    return { pattern: patternOf(path), allow: declared.join(', ') };
  });
}

/**
 * Express middleware: a request to a documented path with a method the document does not declare for it is
 * answered 405 with `Allow` (RFC 9110), before any guard — the router alone would say 404, as if the path did
 * not exist. A method any matching path declares passes on (PUT /policies/resolve is PUT /policies/{policyId}),
 * and so does any path the document does not hold (/docs); `Allow` is the most literal match's.
 */
export function answerUndeclaredMethods(document: DocumentPaths) {
  const paths = documentedPathMethods(document).sort((a, b) => literalFirst(a.pattern, b.pattern));
  return (request: HttpRequest, response: HttpResponse, next: () => void): void => {
    const matching = paths.filter(({ pattern }) => pattern.test(request.path));
    const method = request.method.toUpperCase();
    if (!matching.length || matching.some(({ allow }) => allow.split(', ').includes(method))) return next();
    const [found] = matching;
    response.setHeader('Allow', found.allow);
    response.status(405).json({
      statusCode: 405,
      message: `${method} is not allowed on ${request.path}; it allows ${found.allow}`,
    });
  };
}

const templated = (pattern: RegExp) => pattern.source.includes('[^/]+');
const literalFirst = (a: RegExp, b: RegExp) => Number(templated(a)) - Number(templated(b));
