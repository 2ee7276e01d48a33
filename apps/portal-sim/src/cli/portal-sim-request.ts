/** What a command line asks portal-sim to do, once parsed and checked (parse-args.ts). */

/** The commands `send` builds, each one event type on the portal's commands topic (commands.ts). */
export const SEND_KINDS = [
  'arbitrate',
  'vote',
  'call-in',
  'confirm-payment',
  'set-policy',
  'open-program',
  'request-report',
] as const;
export type SendKind = (typeof SEND_KINDS)[number];

/** The options of `send`, by their command-line names (each kind reads its own). */
export type SendOptions = Partial<Record<string, string>>;

export interface ListenRequest {
  command: 'listen';
  portalId: string;
  fromBeginning: boolean;
  /** Event types to print (exact, or ending in `*` for a prefix); empty = every type. */
  types: string[];
  maxSeconds?: number;
  maxEvents?: number;
  json: boolean;
}

export interface SendRequest {
  command: 'send';
  portalId: string;
  kind: SendKind;
  /** The party the command claims to come from: castBy (`portal:<portalId>` unless `--as`). */
  as: string;
  options: SendOptions;
  timeoutMs: number;
  json: boolean;
}

export interface InboxRequest {
  command: 'inbox';
  portalId: string;
  /** Whose waiting decisions to list: `portal:<portalId>` and every `--party`. */
  parties: string[];
  token?: string;
  governanceUrl: string;
  json: boolean;
}

export type PortalSimRequest = { command: 'help' } | ListenRequest | SendRequest | InboxRequest;

/** How portal-sim ends: the process's exit code (docs/portals.md lists them). */
export const EXIT = {
  /** Done: the command was accepted, the listening ended, the inbox was listed. */
  ok: 0,
  /** The acting service rejected the command (the reply's code and reason are printed). */
  rejected: 1,
  /** A usage error, or a command refused locally (its schema's reason): nothing was sent. */
  usage: 2,
  /** No reply within --timeout. */
  timeout: 3,
  /** Kafka or governance could not be reached, or refused the caller. */
  failure: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UsageError extends Error {
  override name = 'UsageError';
}
