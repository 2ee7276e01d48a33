import { type DynamicModule, Module } from '@nestjs/common';
import { type ServiceConfig, ServiceKitModule } from '@sanshe/service-kit';
import { migrations } from '../migrations';
import { TransparencyModule } from './transparency/transparency.module';

/** How public-web's inbox retries an event that failed: as the other services' consumers do. */
export const PUBLIC_WEB_CONSUMER = { retryDelayMs: 200, retryMaxDelayMs: 30_000, deadLetterAfterMs: 6 * 3_600_000 };

/** public-web's features without the service kit: AppModule puts them on the kit, the tests on a kit of their own. */
export const publicWebFeatureModules = (): DynamicModule['imports'] => [TransparencyModule];

/**
 * The public transparency page: a read model of the public topics in its own schema (public_web), through its own
 * inbox, served as HTML. It publishes nothing; its outbox stays empty.
 */
@Module({})
export class AppModule {
  static forRoot(this: void, config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({ config, migrations, consumer: PUBLIC_WEB_CONSUMER }),
        ...(publicWebFeatureModules() ?? []),
      ],
    };
  }
}
