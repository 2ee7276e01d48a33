import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { AppModule } from '../src/app.module';

describeServiceHealth(
  'community',
  () => AppModule.forRoot(loadServiceConfig('community', { ...process.env, PORT: '0' })),
  ['postgres', 'kafka'],
);
