import { join } from 'node:path';
import { z } from 'zod';

/** The issuer `npm run token` signs for, and the audience every Sanshe service expects. */
export const DEV_ISSUER = 'sanshe-dev';
export const SANSHE_AUDIENCE = 'sanshe';

/** Where the development key pair lives, under the state directory (`npm start` creates it). */
export const devKeyFiles = (stateDir: string) => ({
  publicJwks: join(stateDir, 'auth', 'dev-jwks.json'),
  privateJwk: join(stateDir, 'auth', 'dev-signing-key.json'),
});

/**
 * How services verify bearer tokens: the issuer's public keys from a JWKS URL (a real identity
 * provider) or a JWKS file, the expected issuer and audience, and the clock skew tolerated.
 * Without them, the development key pair's JWKS file and issuer are used (never in production:
 * a service there refuses to start without AUTH_JWKS_URL or AUTH_JWKS_FILE, and AUTH_ISSUER).
 */
export const authEnvSchema = {
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/, error: 'AUTH_JWKS_URL must be an http(s) URL' }).optional(),
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).default(SANSHE_AUDIENCE),
  AUTH_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
};

export interface AuthConfig {
  jwks: { url: string } | { file: string };
  issuer: string;
  audience: string;
  clockToleranceS: number;
}

/** The validated variables (optional ones may be absent). */
export interface AuthEnv {
  AUTH_JWKS_URL?: string;
  AUTH_JWKS_FILE?: string;
  AUTH_ISSUER?: string;
  AUTH_AUDIENCE: string;
  AUTH_CLOCK_TOLERANCE_S: number;
}

/** The verifier's settings from validated env; `stateDir` locates the development JWKS when none is configured. */
export function authConfigOf(env: AuthEnv, stateDir: string): AuthConfig {
  return {
    jwks: env.AUTH_JWKS_URL
      ? { url: env.AUTH_JWKS_URL }
      : { file: env.AUTH_JWKS_FILE ?? devKeyFiles(stateDir).publicJwks },
    // Production must name its issuer (REQUIRED_IN_PRODUCTION in @sanshe/service-kit).
    issuer: env.AUTH_ISSUER ?? DEV_ISSUER,
    audience: env.AUTH_AUDIENCE,
    clockToleranceS: env.AUTH_CLOCK_TOLERANCE_S,
  };
}
