import { Module } from '@nestjs/common';
import { ADMINISTRATIVE_AREA_EVENT_HANDLERS } from './administrative-areas.tokens';
import { ReadAdministrativeAreasHandler } from './application/read-administrative-areas';
import { RecordAdministrativeAreaHandler } from './application/record-administrative-area';
import { AdministrativeAreas } from './domain/administrative-areas';
import { PostgresAdministrativeAreas } from './infrastructure/postgres-administrative-areas';
import { administrativeAreaEventHandlers } from './interface/events/administrative-area-events';
import { AdministrativeAreasController } from './interface/http/administrative-areas.controller';

/**
 * The administrative hierarchy as governance knows it, from the community service's events. Exports
 * the AdministrativeAreas port (lineage of a community: what binds `{streetCode}` / `{districtCode}`)
 * and the area events' inbox handlers, which the decision bridge consumes with its own.
 */
@Module({
  controllers: [AdministrativeAreasController],
  providers: [
    { provide: AdministrativeAreas, useClass: PostgresAdministrativeAreas },
    RecordAdministrativeAreaHandler,
    ReadAdministrativeAreasHandler,
    {
      provide: ADMINISTRATIVE_AREA_EVENT_HANDLERS,
      useFactory: administrativeAreaEventHandlers,
      inject: [RecordAdministrativeAreaHandler],
    },
  ],
  exports: [AdministrativeAreas, ADMINISTRATIVE_AREA_EVENT_HANDLERS],
})
export class AdministrativeAreasModule {}
