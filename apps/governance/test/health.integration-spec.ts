import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { AppModule } from '../src/app.module';

describeServiceHealth(
  'governance',
  () => AppModule.forRoot(loadServiceConfig('governance', { ...process.env, PORT: '0' })),
  ['postgres', 'kafka', 'temporal'],
);
