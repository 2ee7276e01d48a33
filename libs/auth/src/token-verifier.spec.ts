import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';
import { authConfigOf, devKeyFiles } from './auth-config';
import { ensureDevKeyPair, signToken } from './dev-keys';
import { TokenVerifier } from './token-verifier';

const person = { sub: 'clerk-7', parties: ['jurisdiction:310104'], roles: ['policy-admin'] };
const env = { AUTH_AUDIENCE: 'sanshe', AUTH_CLOCK_TOLERANCE_S: 30 };

describe('TokenVerifier (development key pair)', () => {
  let verifier: TokenVerifier;
  let key: JWK;
  let otherKey: JWK;

  beforeAll(async () => {
    const [dir, otherDir] = [mkdtempSync(join(tmpdir(), 'auth-')), mkdtempSync(join(tmpdir(), 'auth-'))];
    expect((await ensureDevKeyPair(dir)).created).toBe(true);
    expect((await ensureDevKeyPair(dir)).created).toBe(false); // kept, not replaced
    await ensureDevKeyPair(otherDir);
    key = JSON.parse(readFileSync(devKeyFiles(dir).privateJwk, 'utf8')) as JWK;
    // A different private key that claims the trusted key's id: a forged signature.
    otherKey = { ...(JSON.parse(readFileSync(devKeyFiles(otherDir).privateJwk, 'utf8')) as JWK), kid: key.kid };
    verifier = new TokenVerifier(authConfigOf(env, dir));
  });

  it('stops at construction when the JWKS file is missing, saying how to create it', () => {
    expect(() => new TokenVerifier(authConfigOf({ ...env, AUTH_JWKS_FILE: '/nonexistent/jwks.json' }, '/tmp'))).toThrow(
      /cannot read the token issuer's keys \(JWKS\) from \/nonexistent\/jwks.json: .*npm run infra:up/,
    );
  });

  it('returns the identity of a valid token', async () => {
    await expect(verifier.verify(await signToken(key, person))).resolves.toEqual(person);
  });

  it.each([
    [
      'expired',
      () => signToken(key, { ...person, issuedAt: new Date(Date.now() - 3_600_000), ttlSeconds: 60 }),
      'expired',
    ],
    ['future-dated', () => signToken(key, { ...person, issuedAt: new Date(Date.now() + 3_600_000) }), 'future'],
    ['badly signed', () => signToken(otherKey, person), 'signature'],
    ['for another issuer', () => signToken(key, { ...person, issuer: 'someone-else' }), 'iss'],
    ['for another audience', () => signToken(key, { ...person, audience: 'other-app' }), 'aud'],
    ['that is not a JWT', () => Promise.resolve('x.y.z'), 'well-formed'],
  ])('refuses a token %s, saying why', async (_what, token, reason) => {
    await expect(verifier.verify(await token())).rejects.toMatchObject({ reason: expect.stringContaining(reason) });
  });

  it('refuses a token whose claims lack parties or roles, or whose payload was altered', async () => {
    const unsigned = async (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: key.kid ?? '' })
        .setSubject('clerk-7')
        .setIssuer('sanshe-dev')
        .setAudience('sanshe')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(await importJWK(key, 'ES256'));
    await expect(verifier.verify(await unsigned({ roles: ['staff'] }))).rejects.toMatchObject({
      reason: expect.stringContaining('parties'),
    });
    await expect(verifier.verify(await unsigned({ parties: ['community:1'] }))).rejects.toMatchObject({
      reason: expect.stringContaining('roles'),
    });
    const [header, , signature] = (await signToken(key, person)).split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...person, sub: 'mallory' })).toString('base64url');
    await expect(verifier.verify(`${header}.${forgedPayload}.${signature}`)).rejects.toMatchObject({
      reason: expect.stringContaining('signature'),
    });
  });
});
