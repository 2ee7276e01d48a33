import { type DynamicModule, Module } from '@nestjs/common';
import { ReadControllersHandler } from './application/read-controllers';
import { ControllerMap } from './domain/controller-map';
import { ControllerRepository } from './domain/controller.repository';
import type { ControllerRule } from './domain/party-controller';
import { PostgresControllerRepository } from './infrastructure/postgres-controller.repository';
import { ControllersController } from './interface/http/controllers.controller';
import { CONFIGURED_CONTROLLER_RULES } from './parties.tokens';

/**
 * Parties and who speaks for them: the controller map (stored rules plus configured ones). Exports the
 * ControllerMap port, which policy validation and the bridge's channel check use.
 */
@Module({})
export class PartiesModule {
  static forRoot(configured: readonly ControllerRule[]): DynamicModule {
    return {
      module: PartiesModule,
      global: true,
      controllers: [ControllersController],
      providers: [
        { provide: ControllerRepository, useClass: PostgresControllerRepository },
        { provide: CONFIGURED_CONTROLLER_RULES, useValue: configured },
        ReadControllersHandler,
        { provide: ControllerMap, useExisting: ReadControllersHandler },
      ],
      exports: [ControllerMap],
    };
  }
}
