import { Injectable, Logger } from '@nestjs/common';
import type { Portal } from '../domain/portal';
import { PortalChannels } from '../domain/portal-channels';

/**
 * The default PortalChannels: opens nothing, says so. The bridge then hears a registered portal from
 * its next start (heard-portals.ts reads the registry); a live implementation replaces this binding.
 */
@Injectable()
export class LoggingPortalChannels extends PortalChannels {
  private readonly logger = new Logger('PortalChannels');

  open(portal: Portal): Promise<void> {
    this.logger.log(
      `portal ${portal.portalId} is registered; its commands topic is heard from governance's next start`,
    );
    return Promise.resolve();
  }

  openReplies(): Promise<void> {
    return Promise.resolve();
  }
}
