import type { TokenRequest } from '@sanshe/auth';

export interface Reply<B = Record<string, unknown>> {
  status: number;
  body: B;
}

/** What an HTTP call needs of a service under test: where it listens and a token it trusts. */
export interface CallTarget {
  baseUrl: string;
  token(identity: TokenRequest): Promise<string>;
}

/** An HTTP call as `identity` (null: without a token); an empty reply body reads as {}. */
export async function call<B = Record<string, unknown>>(
  svc: CallTarget,
  method: string,
  path: string,
  identity: TokenRequest | null,
  body?: unknown,
): Promise<Reply<B>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (identity) headers.authorization = `Bearer ${await svc.token(identity)}`;
  const response = await fetch(`${svc.baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as B };
}
