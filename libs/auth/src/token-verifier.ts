import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { errorMessage } from '@sanshe/common';
import type { AuthConfig } from './auth-config';
import { InvalidToken } from './auth-errors';
import { type Identity, identityFromClaims } from './identity';

/** Asymmetric algorithms only: a shared secret would let every service mint tokens. */
const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];

/** Why jose refused a token, in words a caller can act on (jose's error codes are stable). */
const REASONS: Record<string, string> = {
  ERR_JWT_EXPIRED: 'the token has expired',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'the token signature does not verify against the issuer keys',
  ERR_JWKS_NO_MATCHING_KEY: 'the token is signed with a key the issuer does not publish',
  ERR_JOSE_ALG_NOT_ALLOWED: 'the token uses a signing algorithm that is not accepted',
  ERR_JWS_INVALID: 'the token is not a well-formed signed JWT',
  ERR_JWT_INVALID: 'the token is not a well-formed JWT',
};

/** Verifies bearer JWTs against the issuer's JWKS and turns their claims into an Identity. */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly config: AuthConfig) {
    this.keys = 'url' in config.jwks ? createRemoteJWKSet(new URL(config.jwks.url)) : localKeys(config.jwks.file);
  }

  /** The caller's identity; throws InvalidToken (401) with the reason otherwise. */
  async verify(token: string, now = new Date()): Promise<Identity> {
    const { payload } = await jwtVerify(token, this.keys, {
      issuer: this.config.issuer,
      audience: this.config.audience,
      algorithms: ALGORITHMS,
      clockTolerance: this.config.clockToleranceS,
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'sub'],
    }).catch((err: unknown) => {
      throw new InvalidToken(reasonFor(err));
    });
    // jose accepts any iat; a token issued in the future is a clock or forgery problem either way.
    if ((payload.iat ?? 0) > now.getTime() / 1000 + this.config.clockToleranceS) {
      throw new InvalidToken('the token is issued in the future (iat)');
    }
    const identity = identityFromClaims(payload);
    if ('problem' in identity) throw new InvalidToken(identity.problem);
    return identity;
  }
}

/** The issuer's keys from a JWKS file; a missing or unreadable one stops the boot saying what to do. */
function localKeys(file: string): JWTVerifyGetKey {
  try {
    return createLocalJWKSet(JSON.parse(readFileSync(file, 'utf8')) as Parameters<typeof createLocalJWKSet>[0]);
  } catch (err) {
    throw new Error(
      `cannot read the token issuer's keys (JWKS) from ${file}: ${errorMessage(err)}. Locally, ` +
        '`npm run infra:up` creates the development key pair; elsewhere set AUTH_JWKS_URL or AUTH_JWKS_FILE',
      { cause: err },
    );
  }
}

function reasonFor(err: unknown): string {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    const claim = (err as { claim?: string }).claim ?? '';
    return claim === 'nbf'
      ? 'the token is not valid yet (nbf)'
      : `the token's ${claim} claim is not accepted: ${errorMessage(err)}`;
  }
  return REASONS[code] ?? `the token cannot be verified: ${errorMessage(err)}`;
}
