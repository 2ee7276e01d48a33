import { SetMetadata } from '@nestjs/common';

/** What an HTTP request must show, beyond a valid token, to reach an endpoint. */
export interface AccessRule {
  /** One of these roles (none listed: any role). */
  roles?: readonly string[];
  /**
   * The party ids the caller may act for, derived from the request (path or body): the token must
   * list one of them. Return an empty list to refuse every caller (nothing in the request names a party
   * the caller could speak for). Not given: the endpoint acts for no particular party.
   */
  parties?: (request: AccessRequest) => readonly string[];
  /** Shown in the 403 message: what the endpoint does, e.g. "set policies". */
  action: string;
}

/** The parts of an HTTP request a rule may read. */
export interface AccessRequest {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  body: unknown;
}

export const ACCESS_RULE = 'sanshe:access-rule';
export const PUBLIC_ENDPOINT = 'sanshe:public-endpoint';

/**
 * Who may use this endpoint (on a handler or a controller). Every HTTP endpoint declares either
 * this or @PublicEndpoint(); one that declares neither is refused to everyone.
 */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);

/** No token needed: /health (probes) and nothing else that changes or reveals data. */
export const PublicEndpoint = () => SetMetadata(PUBLIC_ENDPOINT, true);
