import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { AppModule } from '../src/app.module';

describeServiceHealth('talent', () => AppModule.forRoot(loadServiceConfig('talent', { ...process.env, PORT: '0' })), [
  'postgres',
  'kafka',
]);
