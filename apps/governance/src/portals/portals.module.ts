import { Global, Module } from '@nestjs/common';
import { LiveTopics } from '@sanshe/messaging';
import { RegisteredControllers } from '../parties/domain/registered-controllers';
import { PoliciesModule } from '../policies/policies.module';
import { PolicyBreakCheck } from './application/policy-break-check';
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
 * without a restart. Stored policies (PoliciesModule) are re-checked before a change gives a portal parties.
 * Exports PortalRepository (jurisdiction checks use `covers`).
 */
@Global()
@Module({
  imports: [PoliciesModule],
  controllers: [PortalsController],
  providers: [
    { provide: PortalRepository, useClass: PostgresPortalRepository },
    { provide: RegisteredControllers, useClass: RegistryControllers },
    { provide: PortalChannels, useClass: KafkaPortalChannels },
    LiveTopics,
    PortalChannelOpener,
    PolicyBreakCheck,
    RegisterPortalHandler,
    UpdatePortalHandler,
    ReadPortalsHandler,
  ],
  exports: [PortalRepository, RegisteredControllers, PortalChannelOpener, PortalChannels],
})
export class PortalsModule {}
