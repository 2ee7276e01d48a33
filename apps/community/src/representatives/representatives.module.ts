import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AppointRepresentativeHandler } from './application/appoint-representative';
import { RemoveRepresentativeHandler } from './application/remove-representative';
import { RepresentativeRepository, RepresentativeRoster } from './domain/representative.repository';
import { PostgresRepresentativeRepository } from './infrastructure/postgres-representative.repository';
import { RepresentativesController } from './interface/http/representatives.controller';

/** Representatives. Exports RepresentativeRoster: the votes feature asks it who may cast a community's vote. */
@Module({
  imports: [AreasModule],
  controllers: [RepresentativesController],
  providers: [
    PostgresRepresentativeRepository,
    { provide: RepresentativeRepository, useExisting: PostgresRepresentativeRepository },
    { provide: RepresentativeRoster, useExisting: PostgresRepresentativeRepository },
    AppointRepresentativeHandler,
    RemoveRepresentativeHandler,
  ],
  exports: [RepresentativeRoster],
})
export class RepresentativesModule {}
