import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { errorMessage, retryWithBackoff } from '@sanshe/common';
import type { Portal } from '../domain/portal';
import { PortalChannels } from '../domain/portal-channels';
import { PortalRepository } from '../domain/portal.repository';

/** Whether this process opened a portal's channels: `closed` for a suspended portal it never opened. */
export type ChannelsState = 'open' | 'pending' | 'closed';

const BACKOFF = { initialDelayMs: 500, maxDelayMs: 30_000 };

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
  private stopped = false;

  constructor(
    private readonly channels: PortalChannels,
    private readonly portals: PortalRepository,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: startup does not wait on Kafka; each portal reads `pending` until opened.
    void retryWithBackoff(() => this.portals.list(), { ...BACKOFF, stop: () => this.stopped, onRetry: this.logRetry })
      .then((portals) => {
        for (const portal of portals) if (portal.status === 'active') void this.open(portal);
      })
      .catch((err: unknown) => this.logger.error(`portals not read at startup: ${errorMessage(err)}`));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  channelsOf(portal: Pick<Portal, 'portalId' | 'status'>): ChannelsState {
    return this.states.get(portal.portalId) ?? (portal.status === 'suspended' ? 'closed' : 'pending');
  }

  /** Starts opening (not awaited by callers); resolves when opened, or when the process stops trying. */
  open(portal: Portal): Promise<void> {
    const generation = (this.generations.get(portal.portalId) ?? 0) + 1;
    this.generations.set(portal.portalId, generation);
    this.states.set(portal.portalId, 'pending');
    const superseded = () => this.stopped || this.generations.get(portal.portalId) !== generation;
    return retryWithBackoff(() => this.channels.open(portal), { ...BACKOFF, stop: superseded, onRetry: this.logRetry })
      .then(() => {
        if (this.generations.get(portal.portalId) === generation) this.states.set(portal.portalId, 'open');
      })
      .catch((err: unknown) => {
        if (!superseded()) this.logger.error(`channels of portal ${portal.portalId} not opened: ${errorMessage(err)}`);
      });
  }

  private readonly logRetry = (err: unknown, attempt: number, delayMs: number) =>
    this.logger.warn(`try ${attempt} failed (${errorMessage(err)}); again in ${delayMs} ms`);
}
