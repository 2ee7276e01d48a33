import { Global, Module } from '@nestjs/common';
import { LiveTopics } from '@sanshe/messaging';
import { ProgramsModule } from '../programs/programs.module';
import { FollowPortalHandler } from './application/follow-portal';
import { OpenProgramByPortalHandler } from './application/open-program-by-portal';
import { PortalReplies } from './application/portal-replies';
import { PortalRepository } from './domain/portal.repository';
import { PostgresPortalRepository } from './infrastructure/postgres-portal.repository';
import { DuplicateCommandsSubscriber } from './interface/events/duplicate-commands.subscriber';
import { InvalidCommandsSubscriber } from './interface/events/invalid-commands.subscriber';
import { PortalEventsSubscriber } from './interface/events/portal-events.subscriber';

/**
 * Funding's copy of governance's portal registry (followed by events; apps/funding/README.md, "Portals"),
 * the commands topics of its active portals consumed without a restart, programs opened by portals, and the
 * replies to portals' commands (schema-invalid ones too). Global: payments answers payment confirmations through PortalReplies and
 * refuses a suspended portal's through PortalRepository.
 */
@Global()
@Module({
  imports: [ProgramsModule],
  providers: [
    { provide: PortalRepository, useClass: PostgresPortalRepository },
    LiveTopics,
    FollowPortalHandler,
    OpenProgramByPortalHandler,
    PortalReplies,
    PortalEventsSubscriber,
    InvalidCommandsSubscriber,
    DuplicateCommandsSubscriber,
  ],
  exports: [PortalRepository, PortalReplies],
})
export class PortalsModule {}
