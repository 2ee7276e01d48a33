import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HealthRegistry } from '@sanshe/nest-platform';
import { serviceDataSourceOptions, type ServiceDatabaseOptions } from './data-source-options';

const POSTGRES_HEALTH = Symbol('POSTGRES_HEALTH');

/** The service's TypeORM connection to its own schema, with a "postgres" check on /health. */
@Module({})
export class PostgresModule {
  static forRootAsync(options: {
    imports?: ModuleMetadata['imports'];
    inject?: unknown[];
    useFactory: (...args: never[]) => ServiceDatabaseOptions;
  }): DynamicModule {
    return {
      module: PostgresModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: options.imports ?? [],
          inject: (options.inject ?? []) as never[],
          useFactory: (...args: unknown[]) => serviceDataSourceOptions(options.useFactory(...(args as never[]))),
        }),
      ],
      providers: [
        {
          provide: POSTGRES_HEALTH,
          inject: [getDataSourceToken(), HealthRegistry],
          useFactory: (dataSource: DataSource, health: HealthRegistry) =>
            health.register({
              name: 'postgres',
              check: async () => {
                await dataSource.query('SELECT 1');
                return { schema: (dataSource.options as { schema?: string }).schema };
              },
            }),
        },
      ],
    };
  }
}
