import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { DEV_ISSUER, devKeyFiles, SANSHE_AUDIENCE } from './auth-config';
import type { Identity } from './identity';

const ALG = 'ES256';

/**
 * The development issuer's key pair: created once (by `npm start`, or `npm run token`) under the
 * state directory; services verify against its public JWKS unless a real issuer is configured.
 */
export async function ensureDevKeyPair(stateDir: string): Promise<{ created: boolean; publicJwks: string }> {
  const files = devKeyFiles(stateDir);
  if (existsSync(files.privateJwk) && existsSync(files.publicJwks)) return { created: false, ...files };
  const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = `sanshe-dev-${randomUUID().slice(0, 8)}`;
  mkdirSync(dirname(files.privateJwk), { recursive: true, mode: 0o700 });
  writeFileSync(files.privateJwk, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: ALG }), { mode: 0o600 });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
  writeFileSync(files.publicJwks, JSON.stringify({ keys: [publicJwk] }, null, 2));
  return { created: true, ...files };
}

export interface TokenRequest extends Identity {
  /** Lifetime in seconds (8 hours by default). */
  ttlSeconds?: number;
  issuer?: string;
  audience?: string;
  /** Issued-at override, for tests of future-dated and expired tokens. */
  issuedAt?: Date;
}

/** Signs a token with a private JWK: the development key, or a test's own. */
export async function signToken(privateJwk: JWK, request: TokenRequest): Promise<string> {
  const issuedAt = Math.floor((request.issuedAt ?? new Date()).getTime() / 1000);
  return new SignJWT({ parties: [...request.parties], roles: [...request.roles] })
    .setProtectedHeader({ alg: privateJwk.alg ?? ALG, ...(privateJwk.kid ? { kid: privateJwk.kid } : {}) })
    .setSubject(request.sub)
    .setIssuer(request.issuer ?? DEV_ISSUER)
    .setAudience(request.audience ?? SANSHE_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (request.ttlSeconds ?? 8 * 3600))
    .sign(await importJWK(privateJwk, privateJwk.alg ?? ALG));
}

/** A development token, signed with the key pair under `stateDir` (created if missing). */
export async function mintDevToken(stateDir: string, request: TokenRequest): Promise<string> {
  await ensureDevKeyPair(stateDir);
  const privateJwk = JSON.parse(readFileSync(devKeyFiles(stateDir).privateJwk, 'utf8')) as JWK;
  return signToken(privateJwk, request);
}
