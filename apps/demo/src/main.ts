/**
 * `npm run demo -- [--base-url <service>=<url>]… [--json] [--fast]`: the scenario of docs/demo.md against running
 * services. This file only wires the environment — TEMPORAL_NAMESPACE for the UI links, the development token
 * issuer's key pair (SANSHE_STATE_DIR), Kafka's settings for portal-sim — and the exit code.
 */
import { mintDevToken } from '@sanshe/auth';
import { errorMessage } from '@sanshe/common';
import {
  localInfra,
  localStateDir,
  parseEnv,
  platformEnvSchema,
  SERVICE_NAMES,
  type ServiceName,
} from '@sanshe/config';
import { parseDemoArgs, USAGE, UsageError } from './cli/parse-args';
import { portalKafkaLogin } from './io/kafka-login';
import { portalSimRunner } from './io/portal-sim';
import { ServiceClient } from './io/service-client';
import { Progress } from './report/progress';
import { runDemo } from './run-demo';
import { createDemoContext } from './scenario/context';
import { emptyRecord } from './scenario/demo-record';
import { STAGES } from './scenario/stages';

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const request = parseDemoArgs(argv);
  if (request.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const { TEMPORAL_NAMESPACE } = parseEnv(platformEnvSchema.pick({ TEMPORAL_NAMESPACE: true }), env);
  const { temporal } = localInfra(env);
  const workflowsUrl = `http://${temporal.host}:${temporal.uiPort}/namespaces/${TEMPORAL_NAMESPACE}/workflows`;
  const api = Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, new ServiceClient(service, request.baseUrls[service])]),
  ) as Record<ServiceName, ServiceClient>;
  const stateDir = localStateDir(env);
  const portalLogin = portalKafkaLogin(env);
  const ctx = createDemoContext({
    options: request,
    deploymentDistrictCode: env.GOVERNANCE_DISTRICT_CODE || '310104',
    api,
    mintToken: (token) => mintDevToken(stateDir, token),
    portalSim: portalSimRunner(env, portalLogin),
    // Its failure is reported by the portal's first portal-sim run, which awaits the same promise.
    preparePortal: (portalId) => void portalLogin(portalId).catch(() => undefined),
    progress: new Progress((line) => console.log(line), workflowsUrl),
    record: emptyRecord(),
  });
  const { verdict } = await runDemo(ctx, STAGES, (line) => console.log(line));
  return verdict.ok ? 0 : 1;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`demo: ${errorMessage(err)}${err instanceof UsageError ? `\n${USAGE}` : ''}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
