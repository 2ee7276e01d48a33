import { z } from 'zod';
import { parseEnv } from '@sanshe/config';
import { SOCIAL_WORKER_LEVEL_CODES, type SocialWorkerLevel } from '@sanshe/contracts';

/**
 * Yearly continuing-education hours per level: 72 h and 90 h per three-year registration period, spread
 * per year (apps/talent/README.md, "Continuing education").
 */
export const DEFAULT_EDUCATION_HOURS: Record<SocialWorkerLevel, number> = {
  'assistant-social-worker': 24,
  'social-worker': 30,
  'senior-social-worker': 30,
};

const educationHours = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'TALENT_EDUCATION_HOURS must be JSON: {"<level>": hours, …}' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(z.string(), z.number().min(0).max(200))
      .refine(
        (hours) =>
          Object.keys(hours).every((level) => (SOCIAL_WORKER_LEVEL_CODES as readonly string[]).includes(level)),
        `TALENT_EDUCATION_HOURS levels must be among ${SOCIAL_WORKER_LEVEL_CODES.join(', ')}`,
      )
      .transform((hours) => ({ ...DEFAULT_EDUCATION_HOURS, ...hours }) as Record<SocialWorkerLevel, number>),
  );

/** The talent service's own settings, beyond the kit's (ServiceConfig). */
export const talentEnvSchema = z.object({
  /** How long the host community has to confirm or dispute recorded hours before silence confirms them. */
  TALENT_HOURS_CONFIRM_HOURS: z.coerce
    .number({ error: 'TALENT_HOURS_CONFIRM_HOURS must be a number of hours' })
    .positive('TALENT_HOURS_CONFIRM_HOURS must be more than 0 hours')
    .default(168),
  /** The yearly continuing-education requirement per level, as JSON; levels left out keep their default. */
  TALENT_EDUCATION_HOURS: educationHours.default(DEFAULT_EDUCATION_HOURS),
  /** From this day of the year (MM-DD) a worker short of the year's hours is warned. */
  TALENT_EDUCATION_WARN_FROM: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'TALENT_EDUCATION_WARN_FROM must be MM-DD, e.g. 10-01')
    .default('10-01'),
  /** A certificate expiring within this many days is warned about (once per certificate and expiry). */
  TALENT_CERTIFICATE_WARN_DAYS: z.coerce
    .number({ error: 'TALENT_CERTIFICATE_WARN_DAYS must be a number of days' })
    .int('TALENT_CERTIFICATE_WARN_DAYS must be a whole number of days')
    .min(1, 'TALENT_CERTIFICATE_WARN_DAYS must be at least 1 day')
    .max(730, 'TALENT_CERTIFICATE_WARN_DAYS must be at most 730 days')
    .default(90),
  /** How often the education sweeper looks for shortfalls and expiring certificates. */
  TALENT_SWEEP_INTERVAL_MS: z.coerce
    .number({ error: 'TALENT_SWEEP_INTERVAL_MS must be a number of milliseconds' })
    .int('TALENT_SWEEP_INTERVAL_MS must be a whole number of milliseconds')
    .min(1_000, 'TALENT_SWEEP_INTERVAL_MS must be at least 1000 ms')
    .default(3_600_000),
  /** The Temporal task queue of talent's activities (recording confirmed or rejected hours). */
  TALENT_TEMPORAL_TASK_QUEUE: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'TALENT_TEMPORAL_TASK_QUEUE must be lowercase words joined by hyphens')
    .default('talent-activities'),
});

export type TalentConfig = z.infer<typeof talentEnvSchema>;

/** Reads and validates the environment; an invalid value stops the boot with the variable named. */
export function loadTalentConfig(env: Record<string, string | undefined>): TalentConfig {
  return parseEnv(talentEnvSchema, env);
}
