import { z } from 'zod';
import { parseEnv } from '@sanshe/config';

/** The community service's own settings, beyond the kit's (ServiceConfig). */
export const communityEnvSchema = z.object({
  /**
   * How long after an activity is completed its evaluations are taken (hours; 30 days by default).
   * When it closes, the activity is scored on what is present: a silent committee cannot suppress a rating.
   */
  COMMUNITY_EVALUATION_WINDOW_HOURS: z.coerce
    .number({ error: 'COMMUNITY_EVALUATION_WINDOW_HOURS must be a number of hours' })
    .positive('COMMUNITY_EVALUATION_WINDOW_HOURS must be more than 0 hours')
    .default(720),
});

export type CommunityConfig = z.infer<typeof communityEnvSchema>;

/** Reads and validates the environment; an invalid value stops the boot with the variable named. */
export const loadCommunityConfig = (env: Record<string, string | undefined>): CommunityConfig =>
  parseEnv(communityEnvSchema, env);
