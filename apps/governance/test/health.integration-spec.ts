import { migrate } from '@sanshe/persistence';
import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { migrations } from '../migrations';
import { AppModule } from '../src/app.module';

const config = loadServiceConfig('governance', { ...process.env, PORT: '0' });

describeServiceHealth(
  'governance',
  () => AppModule.forRoot(config),
  ['postgres', 'kafka', 'outbox', 'temporal'],
  () => migrate({ url: config.DATABASE_URL, schema: 'governance', migrations }),
);
