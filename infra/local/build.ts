/**
 * `node -r @swc-node/register infra/local/build.ts <service>…` (each app's Nx `build` target; `npm run build`
 * builds all five): plain JavaScript into dist/apps/<service>/, run with `node dist/apps/<service>/main.js`.
 */
import { errorMessage } from '@sanshe/common';
import { SERVICE_NAMES, type ServiceName } from '@sanshe/config';
import { buildApps } from './built-apps';

async function main(services: string[]): Promise<void> {
  const unknown = services.filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (!services.length || unknown.length) {
    throw new Error(`usage: build.ts <service>… (one of ${SERVICE_NAMES.join(', ')}); unknown: ${unknown.join(', ')}`);
  }
  for (const { service, files, seconds } of await buildApps(services as ServiceName[])) {
    console.log(`${service}: ${files} files → dist/apps/${service}/main.js in ${seconds.toFixed(1)} s`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`build failed: ${errorMessage(err)}`);
  process.exitCode = 1;
});
