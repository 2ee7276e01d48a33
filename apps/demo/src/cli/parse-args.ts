import { parseArgs } from 'node:util';
import { isServiceName, SERVICE_NAMES, SERVICES, type ServiceName } from '@sanshe/config';

/** What `demo …` was asked to do. */
export interface DemoOptions {
  /** Carried by every id and name the run creates, so that a second run adds its own data. */
  runId: string;
  /** Each service's HTTP address. */
  baseUrls: Record<ServiceName, string>;
  /** The summary as one JSON object on the last line (after the table). */
  json: boolean;
  /** The shortest windows (seconds), for the end-to-end test; without it, windows people can watch in the UI. */
  fast: boolean;
}

export type DemoRequest = { command: 'help' } | ({ command: 'run' } & DemoOptions);

export class UsageError extends Error {}

export const USAGE = `usage: npm run demo -- [--base-url <service>=<url>]... [--json] [--fast] [--run-id <id>]
  Seeds a district of its own and drives Sanshe's loop through the services' HTTP APIs and portal commands
  (docs/demo.md): needs, proposals, votes, an amendment, an outvoted objection, a filing, a street office's
  ruling, grants, tranches, evaluations and warnings; prints each step and ends with a summary table.
  --base-url <service>=<url>  a service's address (default http://127.0.0.1:<port>: ${SERVICE_NAMES.map((s) => `${s} ${SERVICES[s].defaultPort}`).join(', ')})
  --json                      also print the summary as one JSON object, the last line
  --fast                      the shortest windows (the end-to-end test)
  --run-id <id>               the run's id (default: new each run; lowercase letters and digits)
  exit: 0 every decision reached its intended outcome and no event was dead-lettered; 1 otherwise; 2 usage`;

const RUN_ID = /^[a-z][a-z0-9]{2,15}$/;

/** A new run id: a letter, then the time in base 36 and two random characters (sortable, lowercase). */
export const newRunId = (now = Date.now(), random = Math.random) =>
  `r${now.toString(36)}${Math.floor(random() * 36 * 36)
    .toString(36)
    .padStart(2, '0')}`;

function baseUrls(given: string[]): Record<ServiceName, string> {
  const urls = Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, `http://127.0.0.1:${SERVICES[service].defaultPort}`]),
  ) as Record<ServiceName, string>;
  for (const entry of given) {
    const cut = entry.indexOf('=');
    const [service, url] = [entry.slice(0, cut), entry.slice(cut + 1)];
    if (cut < 0 || !isServiceName(service) || !/^https?:\/\/[^/]+$/.test(url.replace(/\/$/, ''))) {
      throw new UsageError(
        `--base-url takes <service>=http://host:port with a service of ${SERVICE_NAMES.join(', ')}, not "${entry}"`,
      );
    }
    urls[service] = url.replace(/\/$/, '');
  }
  return urls;
}

export function parseDemoArgs(argv: string[], makeRunId: () => string = newRunId): DemoRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'base-url': { type: 'string', multiple: true, default: [] },
        json: { type: 'boolean', default: false },
        fast: { type: 'boolean', default: false },
        'run-id': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message, { cause: err });
  }
  if (values.help) return { command: 'help' };
  const runId = values['run-id'] ?? makeRunId();
  if (!RUN_ID.test(runId)) throw new UsageError(`--run-id must be 3–16 lowercase letters and digits, not "${runId}"`);
  return { command: 'run', runId, baseUrls: baseUrls(values['base-url']), json: values.json, fast: values.fast };
}
