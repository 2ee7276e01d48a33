import { z } from 'zod';
import { localStateDir, parseEnv, requireInProduction } from '@sanshe/config';
import { dataKeyRingProblems, decodedLength } from './data-key-ring';

const DATA_KEY_VARIABLES = ['COMMUNITY_DATA_KEYS', 'COMMUNITY_DATA_KEY_ID', 'COMMUNITY_LOOKUP_KEY'] as const;

/** The community service's own settings, beyond the kit's (ServiceConfig). */
export const communityEnvSchema = z
  .object({
    /**
     * How long after an activity is completed its evaluations are taken (hours; 30 days by default).
     * When it closes, the activity is scored on what is present: a silent committee cannot suppress a rating.
     */
    COMMUNITY_EVALUATION_WINDOW_HOURS: z.coerce
      .number({ error: 'COMMUNITY_EVALUATION_WINDOW_HOURS must be a number of hours' })
      .positive('COMMUNITY_EVALUATION_WINDOW_HOURS must be more than 0 hours')
      .default(720),
    /** The ring of keys residents' fields may be encrypted under: `<keyId>:<base64 32 bytes>,…`. */
    COMMUNITY_DATA_KEYS: z.string().trim().min(1).optional(),
    /** The key new and re-encrypted fields are encrypted under; one of the ring's ids. */
    COMMUNITY_DATA_KEY_ID: z.string().trim().min(1).optional(),
    /** The HMAC key of phone and ID-number lookups (base64, at least 32 bytes). */
    COMMUNITY_LOOKUP_KEY: z.string().trim().min(1).optional(),
  })
  .superRefine((env, context) => {
    const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    const set = DATA_KEY_VARIABLES.filter((name) => env[name]);
    if (set.length && set.length < DATA_KEY_VARIABLES.length) {
      for (const name of DATA_KEY_VARIABLES.filter((name) => !env[name])) {
        problem(name, `${name} must be set with ${set.join(' and ')} (the three go together)`);
      }
    }
    if (env.COMMUNITY_DATA_KEYS) {
      for (const message of dataKeyRingProblems(env.COMMUNITY_DATA_KEYS)) problem('COMMUNITY_DATA_KEYS', message);
      const ids = env.COMMUNITY_DATA_KEYS.split(',').map((entry) => entry.trim().split(':')[0]);
      if (env.COMMUNITY_DATA_KEY_ID && !ids.includes(env.COMMUNITY_DATA_KEY_ID)) {
        problem('COMMUNITY_DATA_KEY_ID', `COMMUNITY_DATA_KEY_ID must be one of the ring's key ids (${ids.join(', ')})`);
      }
    }
    if (env.COMMUNITY_LOOKUP_KEY && decodedLength(env.COMMUNITY_LOOKUP_KEY) < 32) {
      problem('COMMUNITY_LOOKUP_KEY', 'COMMUNITY_LOOKUP_KEY must be at least 32 bytes in base64');
    }
  });

export type CommunityConfig = z.infer<typeof communityEnvSchema> & {
  /** The state directory: where the development data keys live when none are configured. */
  stateDir: string;
};

/**
 * Reads and validates the environment; an invalid value stops the boot with the variable named. With
 * NODE_ENV=production the data keys are required: residents' fields are never under a development key.
 */
export function loadCommunityConfig(env: Record<string, string | undefined>): CommunityConfig {
  requireInProduction(env, DATA_KEY_VARIABLES);
  return { ...parseEnv(communityEnvSchema, env), stateDir: localStateDir(env) };
}
