import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { InvalidEnvironmentError, type ServiceName } from '@sanshe/config';
import { runService } from '@sanshe/nest-platform';
import { loadServiceConfig, type ServiceConfig } from './service-config';

/** A service's main(): validate the environment, build the app module from it, listen. */
export function bootService(
  service: ServiceName,
  description: string,
  appModule: (config: ServiceConfig) => DynamicModule,
): void {
  const start = async () => {
    const config = loadServiceConfig(service, process.env);
    await runService(appModule(config), { name: service, description, host: config.HOST, port: config.PORT });
  };
  start().catch((err: unknown) => {
    console.error(err instanceof InvalidEnvironmentError ? `${service}: ${err.message}` : err);
    process.exit(1);
  });
}
