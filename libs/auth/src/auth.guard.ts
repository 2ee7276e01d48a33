import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE, type AccessRequest, type AccessRule, PUBLIC_ENDPOINT } from './access';
import { AccessDenied, InvalidToken } from './auth-errors';
import type { Identity } from './identity';
import { TokenVerifier } from './token-verifier';

interface HttpRequest extends AccessRequest {
  headers: Record<string, string | string[] | undefined>;
  identity?: Identity;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/**
 * Every HTTP request: a public endpoint passes; otherwise a valid bearer token (401 if none) that
 * meets the endpoint's @Access rule (403 if not). An endpoint with neither declaration is refused.
 * Kafka handlers are not HTTP: governance binds them to their channel instead (docs/decisions.md).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ENDPOINT, targets)) return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    request.identity = await this.authenticate(request, context.switchToHttp().getResponse<HttpResponse>());
    if (!rule) throw new AccessDenied('this endpoint declares no access rule, so it is closed to everyone');
    authorize(request.identity, rule, request);
    return true;
  }

  private async authenticate(request: HttpRequest, response: HttpResponse): Promise<Identity> {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer ([^\s]+)$/i.exec(header.trim())?.[1] : undefined;
    try {
      if (!token) {
        throw new InvalidToken(
          header
            ? 'the Authorization header is not "Bearer <token>"'
            : 'a bearer token is required (Authorization: Bearer <token>)',
        );
      }
      return await this.verifier.verify(token);
    } catch (err) {
      if (err instanceof InvalidToken) response.setHeader('WWW-Authenticate', err.challenge(Boolean(token)));
      throw err;
    }
  }
}

/** 403 unless the identity holds one of the rule's roles and may act for one of the request's parties. */
export function authorize(identity: Identity, rule: AccessRule, request: AccessRequest): void {
  if (rule.roles && !rule.roles.some((role) => identity.roles.includes(role))) {
    throw new AccessDenied(
      `${identity.sub} may not ${rule.action}: it needs the role ${rule.roles.join(' or ')}, ` +
        `and the token grants ${list(identity.roles)}`,
    );
  }
  if (!rule.parties) return;
  const wanted = rule.parties(request);
  if (!wanted.some((party) => identity.parties.includes(party))) {
    throw new AccessDenied(
      `${identity.sub} may not ${rule.action} ${wanted.length ? `for ${wanted.join(' or ')}` : 'here'}: ` +
        `the token speaks for ${list(identity.parties)}`,
    );
  }
}

const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');
