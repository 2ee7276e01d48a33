import type { PortalTransport } from './transport/portal-transport';

/** Everything portal-sim touches outside itself, so its tests run it with fakes. */
export interface PortalSimIo {
  /** Kafka as this portal (built when a command needs it: a usage error needs no broker). */
  transport: (portalId: string) => PortalTransport;
  fetch: (url: string, init: { headers: Record<string, string> }) => Promise<Response>;
  readFile: (path: string) => string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the user asks to stop (Ctrl-C). */
  interrupted: Promise<void>;
  now?: () => Date;
  newId?: () => string;
  /** How often `send` looks again for a replies topic that does not exist yet (ms). */
  topicPollMs?: number;
}
