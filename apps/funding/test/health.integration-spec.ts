import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { AppModule } from '../src/app.module';

describeServiceHealth('funding', () => AppModule.forRoot(loadServiceConfig('funding', { ...process.env, PORT: '0' })), [
  'postgres',
  'kafka',
]);
