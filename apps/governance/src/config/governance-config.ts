import { existsSync } from 'node:fs';
import { z } from 'zod';
import { LOCAL_INFRA, parseEnv } from '@sanshe/config';
import { PORTAL_ID_PATTERN } from '@sanshe/contracts';
import { FUNDING_TASK_QUEUE, GOVERNANCE_TASK_QUEUE } from '@sanshe/workflows';
import { type ControllerRule, isControllerId, isPartyPattern } from '../parties/domain/party-controller';

/** `pattern=controller,…`, e.g. `volunteers:*=community,funder:xuhui-welfare-fund=portal:xuhui-civil-affairs`. */
const controllerRules = z
  .string()
  .default('')
  .transform((value, ctx): ControllerRule[] => {
    const rules: ControllerRule[] = [];
    for (const entry of value
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const [partyPattern = '', controller = ''] = entry.split('=').map((part) => part.trim());
      if (!isPartyPattern(partyPattern) || !isControllerId(controller)) {
        ctx.addIssue({
          code: 'custom',
          message:
            `"${entry}" is not pattern=controller (pattern kind:* or kind:id; controller community, ` +
            'organization, talent, funding or portal:<id>)',
        });
        continue;
      }
      rules.push({ partyPattern, controller, origin: 'config' });
    }
    return rules;
  });

/** A duration in milliseconds, at least `min`, with its variable named when it is not. */
const milliseconds = (name: string, min: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number of milliseconds` })
    .int(`${name} must be a whole number of milliseconds`)
    .min(min, `${name} must be at least ${min} ms`)
    .default(fallback);

/**
 * Governance's own settings. The bridge consumes the command topics (`sanshe.portal.<portalId>.commands`)
 * of the portals that stored policies and controller rules name, read at start (heard-portals.ts);
 * GOVERNANCE_PORTALS adds others (none by default).
 */
export const governanceEnvSchema = z.object({
  /** Controller rules beyond the stored ones: open kinds (volunteers:*), a portal speaking for a funder. */
  GOVERNANCE_PARTY_CONTROLLERS: controllerRules,
  /** Where operators open the Temporal UI; the approvers' inbox links each decision there. */
  GOVERNANCE_TEMPORAL_UI_URL: z
    .url({ protocol: /^https?$/, error: 'GOVERNANCE_TEMPORAL_UI_URL must be an http(s) URL' })
    .default(`http://${LOCAL_INFRA.temporal.host}:${LOCAL_INFRA.temporal.uiPort}`)
    .transform((url) => url.replace(/\/+$/, '')),
  /**
   * The district this deployment serves (administrative code). A policy administrator acts for
   * `jurisdiction:<code>` of the district, the street or the community a policy governs; district-wide
   * policies need the district's.
   */
  GOVERNANCE_DISTRICT_CODE: z
    .string()
    .regex(/^[0-9]{6}$/, 'GOVERNANCE_DISTRICT_CODE is a 6-digit district code')
    .default('310104'),
  /** Where decision workflows are scheduled and this worker polls; tests isolate themselves with their own. */
  GOVERNANCE_TASK_QUEUE: z.string().min(1).default(GOVERNANCE_TASK_QUEUE),
  /**
   * Where funding's worker polls (its FUNDING_TEMPORAL_TASK_QUEUE): the disbursements governance starts send
   * funding's activities there. Tests isolate themselves with their own.
   */
  GOVERNANCE_FUNDING_TASK_QUEUE: z.string().min(1).default(FUNDING_TASK_QUEUE),
  /**
   * The client-side deadline of each Temporal call the bridge makes (start, update, describe): a call
   * past it fails as a transient error, which the inbox retries, instead of holding its transaction.
   */
  GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS: milliseconds('GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS', 100, 10_000),
  /** How long a vote, amendment or ruling waits parked for its decision to open before it is refused. */
  GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS: milliseconds('GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS', 1_000, 3_600_000),
  /**
   * How long milestone evidence waits parked for its grant's disbursement to start before it is refused
   * (request-refused, unknown-grant), in hours (fractions allowed): a week by default, funding's activation
   * may lag the organization's report by days.
   */
  GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS: z.coerce
    .number({ error: 'GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS must be a number of hours' })
    .positive('GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS must be more than 0 hours')
    .default(168),
  /**
   * How long a decision waits, at a deadline, for votes already in the platform (appended to Kafka in
   * time, not yet applied) before it records silence: the workflow's `voteGraceMs`.
   */
  GOVERNANCE_VOTE_GRACE_MS: milliseconds('GOVERNANCE_VOTE_GRACE_MS', 0, 120_000),
  /**
   * How long after its notice a filed activity may be called in, in hours (fractions allowed): overrides
   * the filing rule's `callInHours` (72 in FILING_RULE v1), e.g. for tests. Unset: the rule's.
   */
  GOVERNANCE_FILING_CALL_IN_HOURS: z.coerce
    .number({ error: 'GOVERNANCE_FILING_CALL_IN_HOURS must be a number of hours' })
    .positive('GOVERNANCE_FILING_CALL_IN_HOURS must be more than 0 hours')
    .optional(),
  /**
   * Test-only: the id of an event whose Update, once it succeeded, the bridge holds before its inbox
   * transaction commits, printing a marker, so an end-to-end test can SIGKILL governance in that window.
   */
  GOVERNANCE_TEST_HOLD_AFTER_UPDATE: z.string().min(1).optional(),
  /**
   * Test-only: the public notice of every disbursement started, in working days, whatever the program says
   * (0: the notice ends as it opens), so an end-to-end test on the real servers reaches the payments.
   */
  GOVERNANCE_TEST_NOTICE_WORKING_DAYS: z.coerce
    .number({ error: 'GOVERNANCE_TEST_NOTICE_WORKING_DAYS must be a number of working days' })
    .int('GOVERNANCE_TEST_NOTICE_WORKING_DAYS must be a whole number of working days')
    .min(0, 'GOVERNANCE_TEST_NOTICE_WORKING_DAYS must be 0 or more')
    .max(15, 'GOVERNANCE_TEST_NOTICE_WORKING_DAYS must be at most 15')
    .optional(),
  /**
   * A workflow bundle made by `npm run governance:bundle`: the worker loads it instead of bundling the
   * workflows with webpack at every start (seconds to tens of seconds). Unset: bundle at start.
   */
  GOVERNANCE_WORKFLOW_BUNDLE: z
    .string()
    .min(1, 'GOVERNANCE_WORKFLOW_BUNDLE must be a file path')
    .superRefine((path, ctx) => {
      if (!existsSync(path)) {
        ctx.addIssue({
          code: 'custom',
          message: `GOVERNANCE_WORKFLOW_BUNDLE: no file at ${path} (make it with npm run governance:bundle)`,
        });
      }
    })
    .optional(),
  /** Portals heard beyond those the policies and controllers name, e.g. one about to be given a policy. */
  GOVERNANCE_PORTALS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(PORTAL_ID_PATTERN, 'portal ids are lowercase letters, digits and dashes'))),
});

export type GovernanceConfig = z.infer<typeof governanceEnvSchema>;

/** Refuses the test-only hooks in production: one holds transactions open, the other shortens public notices. */
const productionSafe = governanceEnvSchema
  .extend({ NODE_ENV: z.string().optional() })
  .refine((env) => env.NODE_ENV !== 'production' || env.GOVERNANCE_TEST_HOLD_AFTER_UPDATE === undefined, {
    path: ['GOVERNANCE_TEST_HOLD_AFTER_UPDATE'],
    message: 'GOVERNANCE_TEST_HOLD_AFTER_UPDATE is a test-only hook and is refused when NODE_ENV=production',
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.GOVERNANCE_TEST_NOTICE_WORKING_DAYS === undefined, {
    path: ['GOVERNANCE_TEST_NOTICE_WORKING_DAYS'],
    message: 'GOVERNANCE_TEST_NOTICE_WORKING_DAYS is a test-only hook and is refused when NODE_ENV=production',
  });

export const loadGovernanceConfig = (env: Record<string, string | undefined>): GovernanceConfig =>
  parseEnv(productionSafe, env);
