import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { RegistryModule } from '../registry/registry.module';
import { ReadCapacityHandler } from './application/read-capacity';
import { RecordProfileFactsHandler } from './application/record-profile-facts';
import { ProfileRepository } from './domain/profile.repository';
import { PostgresProfileRepository } from './infrastructure/postgres-profile.repository';
import { ProfileSubscriber } from './interface/events/profile.subscriber';
import { CapacityController } from './interface/http/capacity.controller';

/** The capacity profile: a read model of other contexts' facts about an organization, one endpoint. */
@Module({
  imports: [ActivitiesModule, RegistryModule],
  controllers: [CapacityController],
  providers: [
    { provide: ProfileRepository, useClass: PostgresProfileRepository },
    RecordProfileFactsHandler,
    ReadCapacityHandler,
    ProfileSubscriber,
  ],
})
export class ProfileModule {}
