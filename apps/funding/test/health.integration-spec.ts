import { migrate } from '@sanshe/persistence';
import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { migrations } from '../migrations';
import { AppModule } from '../src/app.module';
import { loadFundingConfig } from '../src/config/funding-config';

const config = loadServiceConfig('funding', { ...process.env, PORT: '0' });

describeServiceHealth(
  'funding',
  () => AppModule.forRoot(config, loadFundingConfig({})),
  ['postgres', 'kafka', 'outbox', 'inbox', 'temporal'],
  () => migrate({ url: config.DATABASE_URL, schema: 'funding', migrations }),
);
