import type { ServiceName } from '@sanshe/config';

/** An HTTP answer: its status, its text, and its JSON body ({} when empty or not JSON). */
export interface JsonAnswer {
  status: number;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers, read by each stage
}

/** A call that did not answer as the scenario needs: names the call and shows the answer. */
export class DemoCallError extends Error {}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** One service's HTTP API, called with a bearer token per call (each party acts with its own). */
export class ServiceClient {
  constructor(
    readonly service: ServiceName,
    readonly baseUrl: string,
    private readonly fetchFn: Fetch = (url, init) => fetch(url, init),
  ) {}

  async call(method: string, path: string, token: string | null, body?: unknown): Promise<JsonAnswer> {
    const response = await this.fetchFn(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = {};
    }
    return { status: response.status, text, body: json };
  }

  /** The call, which must answer one of `accepted` (by default any 2xx); otherwise a DemoCallError naming it. */
  async expect(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    accepted: number[] = [],
  ): Promise<JsonAnswer> {
    const answer = await this.call(method, path, token, body);
    const ok = accepted.length ? accepted.includes(answer.status) : answer.status >= 200 && answer.status < 300;
    if (!ok) {
      throw new DemoCallError(
        `${method} ${this.service} ${path} answered ${answer.status}: ${answer.text.slice(0, 600) || '(no body)'}`,
      );
    }
    return answer;
  }
}
