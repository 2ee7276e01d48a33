import { mintDevToken, type TokenRequest } from '@sanshe/auth';
import { localStateDir } from '@sanshe/config';

/** A bearer token from the development issuer that services under test trust (infra up created its keys). */
export const devToken = (request: TokenRequest): Promise<string> => mintDevToken(localStateDir(process.env), request);

/** A district policy administrator of the default district (GOVERNANCE_DISTRICT_CODE 310104). */
export const DISTRICT_POLICY_ADMIN = {
  sub: 'test-district-admin',
  parties: ['jurisdiction:310104'],
  roles: ['policy-admin'],
} as const;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
