import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { backoffDelay, errorMessage } from '@sanshe/common';
import type { Portal } from '../domain/portal';
import { PortalChannels } from '../domain/portal-channels';
import { PortalRepository } from '../domain/portal.repository';

/** Whether this process opened a portal's channels: `closed` for a suspended portal it never opened. */
export type ChannelsState = 'open' | 'pending' | 'closed';

const BACKOFF = { initialDelayMs: 500, maxDelayMs: 30_000 };
/** How long shutdown waits for openings under way (each is idempotent: an unfinished one is redone at start). */
const SHUTDOWN_WAIT_MS = 5_000;

/**
 * Opens portals' channels through the PortalChannels port, after their registration commits and for
 * every active portal at startup (a crash between a commit and its opening heals on restart). A failure
 * is logged and retried with backoff until it succeeds or the process stops; meanwhile the portal reads
 * `pending` (GET /portals), so nothing is lost silently.
 */
@Injectable()
export class PortalChannelOpener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PortalChannels');
  private readonly states = new Map<string, 'open' | 'pending'>();
  /** The latest opening asked per portal: an older one still retrying gives way to it. */
  private readonly generations = new Map<string, number>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly waits = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;

  constructor(
    private readonly channels: PortalChannels,
    private readonly portals: PortalRepository,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: startup does not wait on Kafka; each portal reads `pending` until opened.
    void this.retry(
      'read the portals at startup',
      () => this.portals.list(),
      () => this.stopped,
    ).then((read) => {
      for (const portal of read?.value ?? []) if (portal.status === 'active') void this.open(portal);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const [timer, wake] of this.waits) {
      clearTimeout(timer);
      wake();
    }
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS)));
    await Promise.race([Promise.allSettled([...this.inFlight]), bound]);
    clearTimeout(timer); // the bound itself must not hold the process for its 5 s
  }

  channelsOf(portal: Pick<Portal, 'portalId' | 'status'>): ChannelsState {
    return this.states.get(portal.portalId) ?? (portal.status === 'suspended' ? 'closed' : 'pending');
  }

  /** Starts opening (callers need not wait); resolves once opened, superseded, or the process stops. */
  async open(portal: Portal): Promise<void> {
    const { portalId } = portal;
    const generation = (this.generations.get(portalId) ?? 0) + 1;
    this.generations.set(portalId, generation);
    this.states.set(portalId, 'pending');
    const superseded = () => this.stopped || this.generations.get(portalId) !== generation;
    const opened = await this.retry(
      `open the channels of portal ${portalId}`,
      () => this.channels.open(portal),
      superseded,
    );
    if (opened && !superseded()) this.states.set(portalId, 'open');
  }

  /** `work`'s result, tried until it succeeds; undefined once `stop()` says so (each failure logged). */
  private async retry<T>(what: string, work: () => Promise<T>, stop: () => boolean): Promise<{ value: T } | undefined> {
    for (let attempt = 1; !stop(); attempt++) {
      const running = work();
      this.inFlight.add(running);
      try {
        return { value: await running };
      } catch (err) {
        const delayMs = backoffDelay(BACKOFF, attempt);
        if (!stop()) this.logger.warn(`${what}: try ${attempt} failed (${errorMessage(err)}); again in ${delayMs} ms`);
        await this.pause(delayMs);
      } finally {
        this.inFlight.delete(running);
      }
    }
    return undefined;
  }

  /** A wait that shutdown cuts short and that never holds the process open. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve();
      }, ms);
      timer.unref();
      this.waits.set(timer, resolve);
    });
  }
}
