import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { AppModule } from '../src/app.module';

describeServiceHealth(
  'organization',
  () => AppModule.forRoot(loadServiceConfig('organization', { ...process.env, PORT: '0' })),
  ['postgres', 'kafka'],
);
