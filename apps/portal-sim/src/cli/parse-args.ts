import { parseArgs } from 'node:util';
import { PORTAL_ID_PATTERN } from '@sanshe/contracts';
import {
  type InboxRequest,
  type ListenRequest,
  type PortalSimRequest,
  SEND_KINDS,
  type SendKind,
  type SendOptions,
  type SendRequest,
  UsageError,
} from './portal-sim-request';

/** The options each `send` kind reads (besides --as, --timeout and --json). */
const SEND_OPTIONS: Record<SendKind, readonly string[]> = {
  arbitrate: ['decision', 'outcome', 'reason', 'arbiter'],
  vote: ['decision', 'choice', 'reason-code', 'reason', 'round', 'party'],
  'call-in': ['decision', 'proposal', 'reason-code', 'reason', 'party'],
  'confirm-payment': ['payment', 'grant', 'tranche', 'rail-reference', 'confirmed-at'],
  'set-policy': ['file'],
  'open-program': ['program', 'file'],
  'request-report': ['kind', 'from', 'to'],
};

const COMMAND_OPTIONS = {
  listen: ['from-beginning', 'types', 'max-seconds', 'max-events', 'json'],
  send: ['as', 'timeout', 'json'],
  inbox: ['party', 'token', 'governance-url', 'json'],
} as const;

const STRING_OPTIONS = [
  ...new Set([...Object.values(SEND_OPTIONS).flat(), 'as', 'timeout', 'types', 'max-seconds', 'max-events']),
  ...['token', 'governance-url'],
];

export interface ParseEnv {
  SANSHE_TOKEN?: string;
  GOVERNANCE_URL?: string;
}

export const DEFAULT_GOVERNANCE_URL = 'http://127.0.0.1:3105';
const DEFAULT_TIMEOUT_SECONDS = 30;
const PARTY_ID = /^[a-z][a-z-]*:[A-Za-z0-9][A-Za-z0-9._:-]*$/;

function positiveNumber(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0 || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`--${name} must be a positive ${integer ? 'whole number' : 'number'}, not "${value}"`);
  }
  return parsed;
}

function partyId(name: string, value: string): string {
  if (!PARTY_ID.test(value)) throw new UsageError(`--${name} must be a party id such as portal:<id>, not "${value}"`);
  return value;
}

/** Each option's value as given: a string, true for a flag, a list for --party. */
type Values = Record<string, string | boolean | string[] | undefined>;

const text = (values: Values, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};

function rawArgs(argv: string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        portal: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        'from-beginning': { type: 'boolean' },
        json: { type: 'boolean' },
        party: { type: 'string', multiple: true },
        ...Object.fromEntries(STRING_OPTIONS.filter((o) => o !== 'party').map((o) => [o, { type: 'string' as const }])),
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message, { cause: err });
  }
}

/** The command line as a request; throws UsageError (exit 2) naming what is wrong. */
export function parsePortalSimArgs(argv: string[], env: ParseEnv = {}): PortalSimRequest {
  const { values, positionals } = rawArgs(argv);
  if (values.help || positionals[0] === 'help') return { command: 'help' };
  const portalId = text(values, 'portal');
  if (!portalId) throw new UsageError('give --portal <portalId>');
  if (!PORTAL_ID_PATTERN.test(portalId)) {
    throw new UsageError(`--portal "${portalId}" must be lowercase letters, digits and dashes`);
  }
  const [command, kind, ...extra] = positionals;
  if (command !== 'listen' && command !== 'send' && command !== 'inbox') {
    throw new UsageError(command ? `unknown command "${command}": give listen, send or inbox` : 'give a command');
  }
  const allowed: readonly string[] = [
    'portal',
    'help',
    ...COMMAND_OPTIONS[command],
    ...(command === 'send' && isSendKind(kind) ? SEND_OPTIONS[kind] : []),
  ];
  const stray = Object.keys(values).filter((name) => !allowed.includes(name));
  if (command === 'send' && !isSendKind(kind)) {
    throw new UsageError(`send what? give one of ${SEND_KINDS.join(', ')}${kind ? ` (not "${kind}")` : ''}`);
  }
  if (stray.length) {
    throw new UsageError(`${stray.map((s) => `--${s}`).join(', ')}: not an option of ${command} ${kind ?? ''}`.trim());
  }
  if (command === 'send') {
    if (extra.length) throw new UsageError(`unexpected ${extra.join(' ')}`);
    return sendRequest(portalId, kind as SendKind, values);
  }
  if (kind !== undefined) throw new UsageError(`unexpected ${[kind, ...extra].join(' ')}`);
  return command === 'listen' ? listenRequest(portalId, values) : inboxRequest(portalId, values, env);
}

const isSendKind = (kind: string | undefined): kind is SendKind =>
  kind !== undefined && (SEND_KINDS as readonly string[]).includes(kind);

function listenRequest(portalId: string, values: Values): ListenRequest {
  const types = (text(values, 'types') ?? '')
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  return {
    command: 'listen',
    portalId,
    fromBeginning: values['from-beginning'] === true,
    types,
    maxSeconds: positiveNumber('max-seconds', text(values, 'max-seconds'), false),
    maxEvents: positiveNumber('max-events', text(values, 'max-events'), true),
    json: values.json === true,
  };
}

function sendRequest(portalId: string, kind: SendKind, values: Values): SendRequest {
  const options: SendOptions = {};
  for (const name of SEND_OPTIONS[kind]) {
    const value = values[name];
    if (typeof value === 'string') options[name] = value;
    if (Array.isArray(value)) {
      if (value.length > 1) throw new UsageError(`--${name} given ${value.length} times`);
      options[name] = value[0];
    }
  }
  const timeoutSeconds = positiveNumber('timeout', text(values, 'timeout'), false) ?? DEFAULT_TIMEOUT_SECONDS;
  return {
    command: 'send',
    portalId,
    kind,
    as: partyId('as', text(values, 'as') ?? `portal:${portalId}`),
    options,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    json: values.json === true,
  };
}

function inboxRequest(portalId: string, values: Values, env: ParseEnv): InboxRequest {
  const extra = ((values.party ?? []) as string[]).map((party) => partyId('party', party));
  return {
    command: 'inbox',
    portalId,
    parties: [...new Set([`portal:${portalId}`, ...extra])],
    token: text(values, 'token') ?? env.SANSHE_TOKEN,
    governanceUrl: (text(values, 'governance-url') ?? env.GOVERNANCE_URL ?? DEFAULT_GOVERNANCE_URL).replace(/\/+$/, ''),
    json: values.json === true,
  };
}
