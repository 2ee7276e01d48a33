/**
 * `npm run token -- --sub <person> --party <party-id>… --role <role>… [--ttl-hours 8]`: prints a
 * development bearer token signed with the local key pair (created if missing). Services trust it
 * only while no real issuer is configured (AUTH_JWKS_URL / AUTH_JWKS_FILE); in production they refuse
 * to start without one.
 */
import { parseArgs } from 'node:util';
import { mintDevToken } from '@sanshe/auth';
import { errorMessage } from '@sanshe/common';
import { STATE_DIR } from './paths';

const USAGE = `usage: npm run token -- --sub <person> [--party <party-id>]... [--role <role>]... [--ttl-hours <h>]
  e.g. npm run token -- --sub clerk-7 --party jurisdiction:310104 --role policy-admin
  parties: community:<code>, organization:<id>, portal:<id>, jurisdiction:<administrative code>, …
  roles:   representative, staff, operator, policy-admin, …`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      party: { type: 'string', multiple: true, default: [] },
      role: { type: 'string', multiple: true, default: [] },
      'ttl-hours': { type: 'string', default: '8' },
      help: { type: 'boolean' },
    },
  });
  const ttlHours = Number(values['ttl-hours']);
  if (values.help || !values.sub || !(ttlHours > 0 && ttlHours <= 24 * 30)) {
    console.error(
      values.help ? USAGE : `${values.sub ? '--ttl-hours must be between 0 and 720' : '--sub is required'}\n${USAGE}`,
    );
    return values.help ? 0 : 2;
  }
  if (process.env.AUTH_JWKS_URL || process.env.AUTH_JWKS_FILE) {
    console.error('a real token issuer is configured (AUTH_JWKS_URL / AUTH_JWKS_FILE): ask it for a token instead');
    return 2;
  }
  const token = await mintDevToken(STATE_DIR, {
    sub: values.sub,
    parties: values.party,
    roles: values.role,
    ttlSeconds: Math.round(ttlHours * 3600),
  });
  console.log(token);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`token: ${errorMessage(err)}`);
    process.exit(1);
  },
);
