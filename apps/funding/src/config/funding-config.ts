import { z } from 'zod';
import { parseEnv } from '@sanshe/config';
import { PORTAL_ID_PATTERN } from '@sanshe/contracts';

const wholeMs = (name: string, min: number) =>
  z.coerce
    .number({ error: `${name} must be a number of milliseconds` })
    .int(`${name} must be a whole number of milliseconds`)
    .min(min, `${name} must be at least ${min} ms`);

/** The funding service's own settings, beyond the kit's (ServiceConfig). */
export const fundingEnvSchema = z.object({
  /** How long the internal rail takes to settle an instructed payment (0: at the next settle pass). */
  FUNDING_PAYMENT_SETTLE_MS: wholeMs('FUNDING_PAYMENT_SETTLE_MS', 0).default(2_000),
  /** The Temporal task queue of funding's activities (reserve, pay, release, claw back), run by governance. */
  FUNDING_TEMPORAL_TASK_QUEUE: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'FUNDING_TEMPORAL_TASK_QUEUE must be lowercase words joined by hyphens')
    .default('funding-activities'),
  /** The portals (comma-separated ids) whose commands topics funding reads: their payment confirmations. */
  FUNDING_PORTALS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(PORTAL_ID_PATTERN, 'FUNDING_PORTALS ids are lowercase letters, digits and dashes'))),
  /** An organization whose funding runs out within this many days is warned (runway-short). */
  FUNDING_GAP_WARN_DAYS: z.coerce
    .number({ error: 'FUNDING_GAP_WARN_DAYS must be a number of days' })
    .int('FUNDING_GAP_WARN_DAYS must be a whole number of days')
    .positive('FUNDING_GAP_WARN_DAYS must be more than 0 days')
    .default(60),
  /** How often the gap sweeper looks for late tranches and short runways. */
  FUNDING_GAP_SWEEP_INTERVAL_MS: wholeMs('FUNDING_GAP_SWEEP_INTERVAL_MS', 1_000).default(3_600_000),
  /**
   * Test-only fault point: after a payment's instructing transaction committed, payTranche waits this long
   * before answering, so a crash test can SIGKILL funding between the rail's acceptance and the activity's
   * completion. 0 (default): off.
   */
  FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS: wholeMs('FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS', 0).default(0),
});

export type FundingConfig = z.infer<typeof fundingEnvSchema>;

/** Refuses the test-only fault point in production: it holds payTranche's answer on purpose. */
const productionSafe = fundingEnvSchema
  .extend({ NODE_ENV: z.string().optional() })
  .refine((env) => env.NODE_ENV !== 'production' || env.FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS === 0, {
    path: ['FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS'],
    message: 'FUNDING_FAULT_HOLD_AFTER_INSTRUCT_MS is a test-only fault point and is refused when NODE_ENV=production',
  });

/** Reads and validates the environment; an invalid value stops the boot with the variable named. */
export function loadFundingConfig(env: Record<string, string | undefined>): FundingConfig {
  return parseEnv(productionSafe, env);
}
