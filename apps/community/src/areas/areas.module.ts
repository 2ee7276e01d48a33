import { Module } from '@nestjs/common';
import { PutAreaHandler } from './application/put-area';
import { AreaRepository } from './domain/area.repository';
import { PostgresAreaRepository } from './infrastructure/postgres-area.repository';
import { AreasController } from './interface/http/areas.controller';

/** The administrative hierarchy. Exports AreaRepository: representatives and other features check a community exists. */
@Module({
  controllers: [AreasController],
  providers: [{ provide: AreaRepository, useClass: PostgresAreaRepository }, PutAreaHandler],
  exports: [AreaRepository],
})
export class AreasModule {}
