import { type DynamicModule, Module } from '@nestjs/common';
import { authConfigOf, AuthModule } from '@sanshe/auth';
import { HealthModule } from '@sanshe/nest-platform';
import { PostgresModule } from '@sanshe/persistence';
import { loadServiceConfig } from '@sanshe/service-kit';
import { loadGovernanceConfig } from '../src/config/governance-config';
import { GovernanceConfigModule } from '../src/config/governance-config.module';
import { PartiesModule } from '../src/parties/parties.module';
import { PoliciesModule } from '../src/policies/policies.module';

export const serviceConfig = loadServiceConfig('governance', process.env);

@Module({})
class PoliciesTestApp {}

/**
 * The policies feature on the real PostgreSQL, in a schema of the test's own, behind the same bearer-token
 * guard as the service: it needs nothing else (no Kafka, no Temporal), so it is booted with the same
 * Postgres and auth wiring as ServiceKitModule rather than the whole app (whose boot the health test covers).
 */
export const policiesTestApp = (schema: string): DynamicModule => ({
  module: PoliciesTestApp,
  imports: [
    HealthModule,
    AuthModule.forRoot(authConfigOf(serviceConfig, serviceConfig.stateDir)),
    GovernanceConfigModule.forRoot(loadGovernanceConfig({})),
    PostgresModule.forRootAsync({ useFactory: () => ({ url: serviceConfig.DATABASE_URL, schema, poolSize: 4 }) }),
    PartiesModule.forRoot([]),
    PoliciesModule,
  ],
});
