/** What `infra:up`, `infra:down` and `infra:status` need from each server. */
export interface LocalServer {
  readonly name: string;
  /** Set when the user points Sanshe at a server they run themselves: infra/local then never starts or stops it. */
  readonly externalVar?: string;
  /** Downloads or builds what the server needs into the cache; does nothing when it is there. */
  install(): Promise<void>;
  /** Starts the server unless it already runs, and waits until a real client call succeeds. */
  up(): Promise<UpResult>;
  down(): Promise<'stopped' | 'not running' | 'external'>;
  status(): Promise<ServerStatus>;
}

export type UpResult = 'started' | 'already running' | 'external' | 'installed';

export interface ServerStatus {
  name: string;
  state:
    | 'ready'
    | 'not running'
    | 'not answering'
    | 'external, ready'
    | 'external, not answering'
    | 'installed'
    | 'not installed';
  endpoint: string;
  pid?: number;
  log?: string;
  detail?: string;
}
