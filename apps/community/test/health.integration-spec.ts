import { migrate } from '@sanshe/persistence';
import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { migrations } from '../migrations';
import { AppModule } from '../src/app.module';
import { loadCommunityConfig } from '../src/config/community-config';

const config = loadServiceConfig('community', { ...process.env, PORT: '0' });

describeServiceHealth(
  'community',
  () => AppModule.forRoot(config, loadCommunityConfig({})),
  ['postgres', 'kafka', 'outbox', 'inbox'],
  () => migrate({ url: config.DATABASE_URL, schema: 'community', migrations }),
);
