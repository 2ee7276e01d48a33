import { z } from 'zod';
import { parseEnv, platformEnvSchema } from '@sanshe/config';

/** What tests need to reach the real servers; infra/local's Jest setup fills in the test server path. */
export const testEnvSchema = platformEnvSchema.extend({
  TEMPORAL_TEST_SERVER_PATH: z
    .string({
      error: 'TEMPORAL_TEST_SERVER_PATH is not set: run tests through Jest (npm test), whose setup provides it',
    })
    .min(1),
});

export type TestEnv = z.infer<typeof testEnvSchema>;

export const parseTestEnv = (env: Record<string, string | undefined>): TestEnv => parseEnv(testEnvSchema, env);
