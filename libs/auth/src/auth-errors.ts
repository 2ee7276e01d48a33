import { ForbiddenException, UnauthorizedException } from '@nestjs/common';

/** 401: no usable token. The reason is also given in the WWW-Authenticate header (RFC 6750). */
export class InvalidToken extends UnauthorizedException {
  constructor(readonly reason: string) {
    super({ statusCode: 401, error: 'Unauthorized', message: reason });
  }

  /** The RFC 6750 challenge: `invalid_token` when a token was sent, a bare challenge when none was. */
  challenge(tokenSent: boolean): string {
    const description = this.reason.replace(/["\\]/g, "'");
    return tokenSent ? `Bearer error="invalid_token", error_description="${description}"` : 'Bearer';
  }
}

/** 403: a valid token, but not for this role or party. */
export class AccessDenied extends ForbiddenException {
  constructor(reason: string) {
    super({ statusCode: 403, error: 'Forbidden', message: reason });
  }
}
