import { z } from 'zod';
import { parseEnv } from '@sanshe/config';

/** The organization service's own settings, beyond the kit's (ServiceConfig). */
export const organizationEnvSchema = z.object({
  /**
   * How many years a grade (等级评估) stays valid from its assessment; the registrar may set an earlier
   * end, never a later one. Once it ends the organization has no grade until it is assessed again.
   */
  ORGANIZATION_GRADE_VALIDITY_YEARS: z.coerce
    .number({ error: 'ORGANIZATION_GRADE_VALIDITY_YEARS must be a number of years' })
    .int('ORGANIZATION_GRADE_VALIDITY_YEARS must be a whole number of years')
    .min(1, 'ORGANIZATION_GRADE_VALIDITY_YEARS must be at least 1 year')
    .max(10, 'ORGANIZATION_GRADE_VALIDITY_YEARS must be at most 10 years')
    .default(5),
});

export type OrganizationConfig = z.infer<typeof organizationEnvSchema>;

/** Reads and validates the environment; an invalid value stops the boot with the variable named. */
export function loadOrganizationConfig(env: Record<string, string | undefined>): OrganizationConfig {
  return parseEnv(organizationEnvSchema, env);
}
