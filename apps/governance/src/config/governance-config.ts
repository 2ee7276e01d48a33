import { z } from 'zod';
import { parseEnv } from '@sanshe/config';
import { GOVERNANCE_TASK_QUEUE } from '@sanshe/workflows';

/**
 * Governance's own settings. GOVERNANCE_PORTALS lists the government portals whose command topics
 * (`sanshe.portal.<portalId>.commands`) the bridge consumes: votes and arbitrations arrive there.
 */
export const governanceEnvSchema = z.object({
  /** Where decision workflows are scheduled and this worker polls; tests isolate themselves with their own. */
  GOVERNANCE_TASK_QUEUE: z.string().min(1).default(GOVERNANCE_TASK_QUEUE),
  GOVERNANCE_PORTALS: z
    .string()
    .default('street-xinhua,xuhui-civil-affairs')
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'portal ids are lowercase letters, digits and dashes'))),
});

export type GovernanceConfig = z.infer<typeof governanceEnvSchema>;

export const loadGovernanceConfig = (env: Record<string, string | undefined>): GovernanceConfig =>
  parseEnv(governanceEnvSchema, env);
