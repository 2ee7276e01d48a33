import { Global, Module } from '@nestjs/common';
import { LiveTopics } from '@sanshe/messaging';
import { RegisteredControllers } from '../parties/domain/registered-controllers';
import { PortalChannelOpener } from './application/portal-channel-opener';
import { ReadPortalsHandler } from './application/read-portals';
import { RegisterPortalHandler } from './application/register-portal';
import { UpdatePortalHandler } from './application/update-portal';
import { PortalChannels } from './domain/portal-channels';
import { PortalRepository } from './domain/portal.repository';
import { KafkaPortalChannels } from './infrastructure/kafka-portal-channels';
import { PostgresPortalRepository } from './infrastructure/postgres-portal.repository';
import { RegistryControllers } from './infrastructure/registry-controllers';
import { PortalsController } from './interface/http/portals.controller';

/**
 * The portal registry (docs/operations.md, "Portals"): operators' HTTP API, the registry's events, and
 * the rules it adds to the controller map (RegisteredControllers, read by PartiesModule's map: global
 * for that). PortalChannels is KafkaPortalChannels: topics, ACLs, and the bridge consuming a portal's commands
 * without a restart.
 * Exports PortalRepository (jurisdiction checks use `covers`).
 */
@Global()
@Module({
  controllers: [PortalsController],
  providers: [
    { provide: PortalRepository, useClass: PostgresPortalRepository },
    { provide: RegisteredControllers, useClass: RegistryControllers },
    { provide: PortalChannels, useClass: KafkaPortalChannels },
    LiveTopics,
    PortalChannelOpener,
    RegisterPortalHandler,
    UpdatePortalHandler,
    ReadPortalsHandler,
  ],
  exports: [PortalRepository, RegisteredControllers, PortalChannelOpener],
})
export class PortalsModule {}
